"""Every generated word of the 2019 national memo and of three county memos (2019
Finnmark, 2020 Vestland, 2022 Troms og Finnmark) through hunspell, in bokmål and nynorsk.

The text is read back from the DOCX (paragraphs, table cells, alt text, headers and footers,
title/subject/keywords) and from ``labels.<lang>.toml`` (the words drawn into the charts).
Numbers, "%" and the synthetic-data sentence are included. Reuse for other memos:
``unknown_words(docx_path, "nn", names=proper_name_words(dataset))``.

Needs ``hunspell`` and the Debian dictionaries of ``hunspell-no`` (nb_NO, nn_NO); skipped
where they are missing, a failure under CI (conftest.missing).
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from functools import cache
from pathlib import Path

import docx
import pytest
from conftest import DATA, EPOCH, ROOT, missing, require_tool
from docx.oxml.ns import qn

from reportgen.config import Settings

DICTIONARY = {"nb": "nb_NO", "nn": "nn_NO"}

#: Reviewed allow-list: correct words the hunspell-no dictionaries do not know (they do not
#: build compounds with "karriere", lack «partnarskap» and the abbreviation
#: "SSB" in nynorsk). Lower-case entries also allow a capital first letter.
ALLOWED = {
    "nb": {
        "karrieresenter",
        "karrieresenteret",
        "karrieresentre",
        "karrieresentrene",
        "karrieresentrenes",
        "karriereveiledning",
        "noe",  # pronoun; missing from the Debian nb_NO dictionary (as "noen")
        "avrunding",  # SSB's note «… på grunn av avrunding» (Bokmålsordboka: avrunding m.)
        "gjenopprettet",  # gjenopprette v. (Bokmålsordboka), missing from nb_NO
        "folketallet",  # folketall n. (Bokmålsordboka), missing from nb_NO
        "SSBs",  # genitive of SSB, without apostrophe (Språkrådet)
        "HK",
        "dir",  # HK-dir, the directorate's short name
        "N",  # «N = 3 904»: the number of respondents under a survey chart
    },
    "nn": {
        "karrieresenter",
        "karrieresenteret",
        "karrieresentera",
        "karriererettleiing",
        "partnarskap",  # Nynorskordboka: partnarskap n. (nb_NO/nn_NO lack it)
        "partnarskapa",  # bunden form fleirtal
        "avrunding",  # SSB's note «… på grunn av avrunding» (Nynorskordboka: avrunding m./f.)
        "fagskuleutdanning",  # labels.nn.toml, education_groups
        "éi",  # the numeral with its accent (Språkrådet: éin, éi, eitt), labels archive_year
        "SSB",
        "N",  # «N = 3 904»: the number of respondents under a survey chart
        "HK",
        "dir",
    },  # HK-dir, the directorate's short name
}
# Names of file formats and programs in the web edition's link texts (labels [data]).
for _words in ALLOWED.values():
    _words.update({"PDF", "DOCX", "HTML", "Word", "Excel", "CSV"})
# The channels of contacts.csv (labels [contact_channel]): «chat» m. is in Bokmålsordboka and
# Nynorskordboka, and hunspell splits «e-post» at its hyphen.
for _words in ALLOWED.values():
    _words.update({"chat", "e"})
#: The services' proper names, printed alike in both målformer (labels [service]); taken
#: out of the text before hunspell reads it, as hunspell splits «Karriereveiledning.no».
SERVICE_NAMES = ("Karriereveiledning.no",)

#: County memos checked: (year, county code) – small numbers suppressed in the education
#: chart (Finnmark, Sami name), a merged county, a county with a Sami and a Kven name.
COUNTY_MEMOS = [(2019, "20"), (2020, "46"), (2022, "54")]


@cache
def available_dictionaries(hunspell: str) -> frozenset[str]:
    """Names of the dictionaries ``hunspell -D`` lists (e.g. "nb_NO")."""
    result = subprocess.run(
        [hunspell, "-D"], input="", capture_output=True, text=True, timeout=30, check=False
    )
    lines = (result.stdout + result.stderr).splitlines()
    return frozenset(Path(line.strip()).name for line in lines if line.startswith("/"))


def require_hunspell(language: str) -> str:
    """The dictionary name for ``language``; skips the test (fails it under CI) if hunspell or
    the dictionary is missing."""
    name = DICTIONARY[language]
    if name not in available_dictionaries(require_tool("hunspell", "hunspell")):
        missing(f"hunspell dictionary {name} is missing: apt-get install hunspell-no")
    return name


def memo_text(docx_path: Path, header_footer: bool = True) -> list[str]:
    """All text a reader meets in the DOCX: paragraphs, table cells, alt text of pictures,
    headers and footers, and the title, subject and keywords of the core properties."""
    document = docx.Document(str(docx_path))
    body = document.element.body
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    texts += [pr.get("descr", "") for pr in body.iter(qn("wp:docPr"))]
    if header_footer:
        for section in document.sections:
            for part in (section.header, section.footer):
                texts += [p.text for p in part.paragraphs]
    props = document.core_properties
    texts += [props.title or "", props.subject or "", props.keywords or ""]
    return [t for t in texts if t.strip()]


def hunspell_unknown(texts: list[str], language: str) -> list[str]:
    """The words of ``texts`` that hunspell's dictionary for ``language`` does not know."""
    name = require_hunspell(language)
    text = "\n".join(texts) + "\n"
    for service in SERVICE_NAMES:
        text = text.replace(service, "")
    result = subprocess.run(
        ["hunspell", "-d", name, "-i", "utf-8", "-l"],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=True,
    )
    return result.stdout.split()


def allowed(word: str, language: str, names: frozenset[str] = frozenset()) -> bool:
    """Whether an unknown word is in the allow-list (or is one of ``names``)."""
    words = ALLOWED[language] | names
    return word in words or (word[:1].isupper() and word[:1].lower() + word[1:] in words)


def unknown_words(
    docx_path: Path, language: str, names: frozenset[str] = frozenset(), header_footer: bool = True
) -> list[str]:
    """Sorted words of the memo at ``docx_path`` that hunspell does not know for ``language``
    ("nb" or "nn") and that are neither in ALLOWED nor in ``names`` (proper names from the
    data, see proper_name_words). Skips the calling test if hunspell is missing."""
    unknown = hunspell_unknown(memo_text(docx_path, header_footer), language)
    return sorted({w for w in unknown if not allowed(w, language, names)})


def county_name_words(dataset) -> frozenset[str]:
    """The words of the county names in the data, incl. the official Sami and Kven forms
    ("Nordlánnda", "Romsa", "Trööndelage"): proper names, not text the memo writes."""
    words = set()
    for county in dataset.classification.counties:
        words |= set(re.findall(r"\w+", f"{county.name} {county.label}"))
    return frozenset(words)


def centre_name_words(dataset) -> frozenset[str]:
    """The words of the centre names in ``centres.csv`` ("Kárášjohka", "Nordfjordeid",
    "Karriere"): proper names, printed as they are in every målform."""
    words = set()
    for name in dataset.frames["centres"]["centre_name"].dropna().unique():
        words |= set(re.findall(r"\w+", str(name)))
    return frozenset(words)


def proper_name_words(dataset) -> frozenset[str]:
    """County and centre names from the data: the proper names a memo may contain."""
    return county_name_words(dataset) | centre_name_words(dataset)


def label_texts(language: str) -> list[str]:
    """Every value of ``templates/labels.<language>.toml``, placeholders filled in."""
    labels = tomllib.loads((ROOT / "templates" / f"labels.{language}.toml").read_text("utf-8"))
    texts: list[str] = []

    def walk(value) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        else:
            text = re.sub(r"\{year\}", "2019", re.sub(r"\{threshold\}", "5", str(value)))
            texts.append(re.sub(r"\{\w+\}", "", text))  # numbers: {users}, {change} …

    walk(labels)
    return texts


def build_memo_2019(tmp_path_factory, dataset, language: str) -> Path:
    """DOCX path of the 2019 national memo in ``language`` from the shipped data."""
    from reportgen.pipeline import build_memo

    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path_factory.mktemp(f"memo_spelling_{language}")
    try:
        files = build_memo(
            Settings(year=2019, data=DATA, output=out, language=language), dataset
        ).files
    finally:
        mp.undo()
    return next(f for f in files if f.suffix == ".docx")


def build_county_memo(tmp_path_factory, dataset, year: int, code: str, language: str) -> Path:
    """DOCX path of the county memo for ``code`` in ``year`` in ``language``."""
    from reportgen.pipeline import build_memo

    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path_factory.mktemp(f"county_spelling_{code}_{year}_{language}")
    try:
        files = build_memo(
            Settings(year=year, data=DATA, output=out, language=language), dataset, county=code
        ).files
    finally:
        mp.undo()
    return next(f for f in files if f.suffix == ".docx")


@pytest.fixture(scope="module")
def memos(memo_2019, tmp_path_factory, dataset):
    return {"nb": memo_2019[0], "nn": build_memo_2019(tmp_path_factory, dataset, "nn")}


@pytest.fixture(scope="module")
def county_memos(tmp_path_factory, dataset):
    """{(year, code, language): DOCX path}, built on first use (skipped without hunspell)."""
    built: dict[tuple[int, str, str], Path] = {}

    def get(year: int, code: str, language: str) -> Path:
        key = (year, code, language)
        if key not in built:
            built[key] = build_county_memo(tmp_path_factory, dataset, year, code, language)
        return built[key]

    return get


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_memo_words_are_spelled_right(language, memos, dataset):
    require_hunspell(language)
    assert unknown_words(memos[language], language, proper_name_words(dataset)) == []


@pytest.mark.parametrize("language", ["nb", "nn"])
@pytest.mark.parametrize("year, code", COUNTY_MEMOS)
def test_county_memo_words_are_spelled_right(year, code, language, county_memos, dataset):
    require_hunspell(language)
    path = county_memos(year, code, language)
    assert unknown_words(path, language, proper_name_words(dataset)) == []


def test_proper_names_come_from_the_data(dataset):
    """Sami/Kven county names and centre names are allowed only because the data has them."""
    names = proper_name_words(dataset)
    assert {"Finnmárku", "Romsa", "Tromssa", "Kárášjohka", "Nordfjordeid"} <= names
    assert "brukarar" not in names and "fornøyde" not in names


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_label_words_are_spelled_right(language):
    unknown = hunspell_unknown(label_texts(language), language)
    assert sorted({w for w in unknown if not allowed(w, language)}) == []


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_checker_catches_wrong_words(language, memos, tmp_path):
    """The check is not vacuous: the other målform's words and typos are reported."""
    require_hunspell(language)
    wrong = {
        "nb": "Karrieresentrene hadde fleire brukarar og ein auke.",
        "nn": "Karrieresentera hadde flere brukere og en økning.",
    }[language]
    assert hunspell_unknown([wrong, "Dette er en skrivefiel."], language)
    document = docx.Document(str(memos[language]))
    document.add_paragraph(wrong)
    broken = tmp_path / "broken.docx"
    document.save(str(broken))
    assert unknown_words(broken, language, header_footer=False)
