"""Nynorsk memos from the same data: the 2019 national memo (exact Hovudfunn, headings,
language) and county memos (a split and a merged county; each county's målform by default)."""

from __future__ import annotations

import csv

import docx
import pypdf
import pytest
from click.testing import CliRunner
from conftest import DATA, EPOCH, list_items_after

from reportgen.cli import main
from reportgen.config import Settings
from reportgen.language import get_language
from reportgen.language.typeset import typeset

NBSP = "\u00a0"

HOVUDFUNN_2019 = [
    (
        f"I 2019 hadde 20{NBSP}958 personar éin eller fleire samtalar med eit karrieresenter. "
        f"Det er 1{NBSP}354 fleire personar enn året før, ein auke på sju prosent."
    ),
    "Talet på unike brukarar har auka med nesten 30 prosent frå 2015 til 2019.",
    (
        f"Karrieresentera gjennomførte 1{NBSP}062 kurs og grupperettleiingar i 2019. "
        f"Det er fleire enn i 2018 (948) og om lag like mange som i 2017 (1{NBSP}049)."
    ),
    "Oslo opna sitt første offentlege karrieresenter i 2019. No har alle fylka minst eitt senter.",
    (
        "Sogn og Fjordane hadde flest brukarar i forhold til folketalet, 6,3 per "
        f"1{NBSP}000 innbyggjarar, og Oslo færrast, 0,5."
    ),
    (
        "Over halvparten av brukarane (57 prosent) hadde grunnskule eller vidaregåande skule som "
        "høgaste utdanning."
    ),
    (
        "Nesten 95 prosent av dei som svarte på brukarundersøkinga, er ganske eller svært nøgde "
        "med rettleiinga."
    ),
    (
        "Partnarskapa for karriererettleiing i fylka går inn i ein ny fase frå 2020, når "
        "fylkeskommunane får eit større ansvar for karriererettleiing gjennom regionreforma."
    ),
]

HEADINGS = [
    "Hovudfunn",
    "Bakgrunn og datagrunnlag",
    "Karrieresentera og brukarane i fylka",
    "Utviklinga over tid",
    "Kven er brukarane?",
    "Grupperettleiing og kurs",
    "Brukarundersøkinga",
    "Om tala",
]

TITLE = "Landsdekkjande tilbod om karriererettleiing"

#: Bokmål words that must not appear anywhere in the nynorsk memo (whole words, lower case).
BOKMAAL = {
    "brukere",
    "brukerne",
    "veiledning",
    "karriereveiledning",
    "karrieresentrene",
    "flere",
    "antallet",
    "økning",
    "hovedfunn",
    "fornøyde",
    "ikke",
    "fra",
    "og mer",
    "tallene",
    "hele",
    "høyere",
    "lavere",
    "deltakere",
    "samtaler",
    "personer",
    "hvem",
    "brukerundersøkelsen",
    "en økning",
    "av dem",
    "Kompetanse Norge",
}


def build_nn_2019(tmp_path_factory, dataset):
    """DOCX and PDF paths of the 2019 national memo in nynorsk from the shipped data."""
    from reportgen.pipeline import build_memo

    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path_factory.mktemp("memo_nn")
    try:
        docx_path, pdf_path = build_memo(
            Settings(year=2019, data=DATA, output=out, language="nn", formats=("docx", "pdf")),
            dataset,
        ).files
    finally:
        mp.undo()
    return docx_path, pdf_path


@pytest.fixture(scope="module")
def memo_nn(tmp_path_factory, dataset):
    return build_nn_2019(tmp_path_factory, dataset)


def _docx_text(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join([p.text for p in document.paragraphs] + cells)


def _pdf_text(path) -> str:
    reader = pypdf.PdfReader(str(path))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace(NBSP, " ").split())


def _set(sentences: list[str]) -> list[str]:
    """The sentences as the memo sets them: no-break spaces after a number before its noun
    and between a preposition and a year (rules tested in tests/language)."""
    return [typeset(s, get_language("nn")) for s in sentences]


def test_docx_hovudfunn_exact(memo_nn):
    document = docx.Document(str(memo_nn[0]))
    assert list_items_after(document, "Hovudfunn") == _set(HOVUDFUNN_2019)


def test_docx_headings_title_and_language(memo_nn):
    document = docx.Document(str(memo_nn[0]))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == HEADINGS
    assert document.core_properties.title == TITLE
    assert document.core_properties.language == "nn-NO"
    assert memo_nn[0].name == "karriereveiledning-2019-nn.docx"


def test_docx_tables_in_nynorsk(memo_nn):
    document = docx.Document(str(memo_nn[0]))
    counties = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert counties[0] == [
        "Fylke",
        "Senter",
        "Unike brukarar",
        "Endring frå 2018",
        "Del av alle brukarar",
    ]
    assert counties[-1] == ["Heile landet", "41", f"20{NBSP}958", f"+6,9{NBSP}%", f"100,0{NBSP}%"]
    assert len(document.tables) == 1  # the yearly numbers are Figur 2's, not a second table


def test_no_bokmaal_words_in_the_text(memo_nn):
    document = docx.Document(str(memo_nn[0]))
    text = " " + " ".join(_docx_text(document).replace(NBSP, " ").split()) + " "
    for sign in ".,:;?!()–":
        text = text.replace(sign, " ")
    text = " " + " ".join(text.split()) + " "
    found = [w for w in BOKMAAL if f" {w.lower()} " in text.lower()]
    assert found == []


def test_pdf_language_title_and_outline(memo_nn):
    reader = pypdf.PdfReader(str(memo_nn[1]))
    assert reader.trailer["/Root"]["/Lang"] == "nn-NO"
    assert reader.metadata.title == TITLE
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == HEADINGS


def test_pdf_has_the_key_figures_and_findings(memo_nn):
    text = _pdf_text(memo_nn[1])
    for sentence in HOVUDFUNN_2019:
        assert sentence.replace(NBSP, " ") in text, sentence
    assert "41 senter i 18 fylke" in text
    assert "Alle andre tal, mellom anna fordelinga på fylke, senter og brukargrupper" in text
    assert "sju prosent" in text and "syv" not in text


def test_footer_is_nynorsk(memo_nn):
    document = docx.Document(str(memo_nn[0]))
    footer = " ".join(p.text for p in document.sections[0].footer.paragraphs)
    assert TITLE in footer
    assert "Landsdekkende" not in _pdf_text(memo_nn[1])


# County memos ---------------------------------------------------------------------------

#: 2024: Troms was created when Troms og Finnmark was split, so there is no comparison.
SPLIT_2024_TROMS = [
    "I 2024 hadde 821 personar éin eller fleire samtalar med eit karrieresenter i Troms.",
    (
        "Troms vart skipa att som eige fylke då Troms og Finnmark vart delt 1. januar 2024. "
        "Tala for 2023 gjeld heile Troms og Finnmark, så vi samanliknar ikkje med 2023."
    ),
]

#: 2020: Vestland was created from Hordaland and Sogn og Fjordane; 2019 is their sum.
MERGED_2020_VESTLAND = [
    (
        f"I 2020 hadde 2{NBSP}877 personar éin eller fleire samtalar med eit karrieresenter i "
        "Vestland. Det er 62 fleire personar enn året før, ein auke på to prosent. "
        "Talet auka også i heile landet."
    ),
    (
        "Vestland vart oppretta 1. januar 2020 då Hordaland og Sogn og Fjordane vart slått "
        "saman. For åra før 2020 viser vi summen av dei to fylka, slik at tala kan "
        "samanliknast over tid."
    ),
]

COUNTY_HEADINGS = [
    "Hovudfunn",
    "Karrieresentera i fylket",
    "Kven er brukarane?",
    "Brukarundersøkinga",
    "Om tala",
]


def build_county_nn(tmp_path_factory, dataset, year: int, code: str):
    """DOCX path of the nynorsk county memo for ``code`` in ``year``."""
    from reportgen.pipeline import build_memo

    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path_factory.mktemp(f"county_nn_{code}")
    try:
        result = build_memo(
            Settings(year=year, data=DATA, output=out, language="nn"), dataset, county=code
        )
    finally:
        mp.undo()
    return result.files[0]


def _first_bullet_and_note(document) -> list[str]:
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    notes = [p.text for p in document.paragraphs if p.style.name == "Note" and "vart" in p.text]
    return bullets[:1] + notes[:1]  # the reform note (the chart's break note comes later)


@pytest.mark.parametrize(
    "year, code, expected",
    [(2024, "55", SPLIT_2024_TROMS), (2020, "46", MERGED_2020_VESTLAND)],
    ids=["split-troms-2024", "merged-vestland-2020"],
)
def test_county_reform_sentences_exact(tmp_path_factory, dataset, year, code, expected):
    path = build_county_nn(tmp_path_factory, dataset, year, code)
    document = docx.Document(str(path))
    assert _first_bullet_and_note(document) == _set(expected)
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == COUNTY_HEADINGS
    assert document.core_properties.language == "nn-NO"
    text = " " + " ".join(_docx_text(document).replace(NBSP, " ").split()) + " "
    for sign in ".,:;?!()–":
        text = text.replace(sign, " ")
    assert [w for w in BOKMAAL if f" {w.lower()} " in text.lower()] == []
    if code == "55":
        assert "auke" not in text and "nedgang" not in text


def county_languages() -> dict[str, str]:
    """county code -> "nb" / "nn" from data/county_language.csv."""
    with open(DATA / "county_language.csv", encoding="utf-8", newline="") as handle:
        return {row["county_code"]: row["language"] for row in csv.DictReader(handle)}


def test_county_language_table_names_the_nynorsk_counties():
    languages = county_languages()
    assert {code for code, lang in languages.items() if lang == "nn"} == {"12", "14", "15", "46"}
    assert set(languages.values()) == {"nb", "nn"}


def test_batch_writes_each_county_in_its_own_maalform_by_default(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "batch",
            "--year",
            "2020",
            "--data",
            str(DATA),
            "--output",
            str(tmp_path),
            "--county",
            "46",
            "--county",
            "15",
            "--county",
            "03",
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    folder = tmp_path / "2020" / "fylker"
    languages = county_languages()
    expected = {"46": "nn", "15": "nn", "03": "nb"}
    assert {code: languages[code] for code in expected} == expected
    for code, lang in expected.items():
        other = "nb" if lang == "nn" else "nn"
        assert sorted(p.name.split("-2020-")[1] for p in folder.glob(f"{code}-*-2020-{lang}*")) == [
            f"{lang}-artikkel.html",
            f"{lang}-tall.xlsx",
            f"{lang}.docx",
            f"{lang}.html",
            f"{lang}.pdf",
        ], code
        assert not list(folder.glob(f"{code}-*-2020-{other}.*")), code
        document = docx.Document(str(next(folder.glob(f"{code}-*-2020-{lang}.docx"))))
        assert document.core_properties.language == f"{lang}-NO"
        first_heading = next(p.text for p in document.paragraphs if p.style.name == "Heading 1")
        assert first_heading == {"nb": "Hovedfunn", "nn": "Hovudfunn"}[lang]


def test_memo_for_one_county_is_in_its_own_malform(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "memo",
            "--year",
            "2022",
            "--county",
            "46",
            "--data",
            str(DATA),
            "--output",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "2022" / "fylker").glob("*-2022-*")) == [
        "46-vestland-2022-nn-artikkel.html",
        "46-vestland-2022-nn-tall.xlsx",
        "46-vestland-2022-nn.docx",
        "46-vestland-2022-nn.html",
        "46-vestland-2022-nn.pdf",
    ]
