"""The two-service edition (issue 22): ``--templates templates/two-services`` writes «Fakta
om Karriereveiledning.no og karrieresentrene i 2022» through the CLI, in bokmål and
nynorsk, national and county. Its figures are the published ones (HK-dir 2022:
Karriereveiledning.no 15 400 inquiries, 78 % chat, 22 % phone; the centres' 24 825 unique
users), its sentences exact, the nynorsk free of bokmål forms, both hunspell-clean, the PDF
tagged (outloud 0/0), its last page more than «Om tallene» (issue 24) and the HTML clean
under axe-core. A channel the labels do not name
stops the memo with the file, the value and the entry to add."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from conftest import DATA, EPOCH, ROOT, assert_outloud_clean, list_items_after, require_tool
from test_browser import _open, axe_violations, browser  # noqa: F401 (a fixture)
from test_nynorsk import BOKMAAL
from test_spelling import SERVICE_NAMES, proper_name_words, unknown_words

BIN = Path(sys.executable).parent
TWO_SERVICES = ROOT / "templates" / "two-services"
NBSP = "\u00a0"

HOVEDFUNN = {
    "nb": [
        "I 2022 hadde 24 825 personer én eller flere samtaler med et karrieresenter. "
        "Det er 1 413 flere personer enn året før, en økning på seks prosent.",
        "Karriereveiledning.no fikk 15 400 henvendelser i 2022: 78 prosent på chat og "
        "22 prosent på telefon.",
        "Karrieresentrene hadde 40 465 individuelle samtaler: 66 prosent ved oppmøte, "
        "22 prosent på telefon og tolv prosent på video.",
        "Over halvparten av brukerne (58 prosent) hadde grunnskole eller videregående skole "
        "som høyeste utdanning.",
        "Nesten 95 prosent av dem som svarte på brukerundersøkelsen ved karrieresentrene, er "
        "ganske eller svært fornøyde med veiledningen.",
    ],
    "nn": [
        "I 2022 hadde 24 825 personar éin eller fleire samtalar med eit karrieresenter. "
        "Det er 1 413 fleire personar enn året før, ein auke på seks prosent.",
        "Karriereveiledning.no fekk 15 400 førespurnader i 2022: 78 prosent på chat og "
        "22 prosent på telefon.",
        "Karrieresentera hadde 40 465 individuelle samtalar: 66 prosent ved oppmøte, "
        "22 prosent på telefon og tolv prosent på video.",
        "Over halvparten av brukarane (58 prosent) hadde grunnskule eller vidaregåande skule "
        "som høgaste utdanning.",
        "Nesten 95 prosent av dei som svarte på brukarundersøkinga ved karrieresentera, er "
        "ganske eller svært nøgde med rettleiinga.",
    ],
}
# The title is the finding; the year is in the subtitle only.
TITLE = {
    "nb": "Karrieresentrene hadde 24 825 brukere og Karriereveiledning.no 15 400 henvendelser",
    "nn": "Karrieresentera hadde 24 825 brukarar og Karriereveiledning.no 15 400 førespurnader",
}
SUBTITLE = {
    "nb": "Fakta om Karriereveiledning.no og karrieresentrene i 2022",
    "nn": "Fakta om Karriereveiledning.no og karrieresentera i 2022",
}
# The two services side by side: users.csv rows of Karriereveiledning.no (synthetic but
# for the published «two of three under 30») against the centres' users.
SERVICES_SIDE_BY_SIDE = {
    "nb": "Av henvendelsene til Karriereveiledning.no kom 67 prosent fra personer under 30 år, "
    "mot 36 prosent av brukerne av karrieresentrene. Kvinner stod bak 62 prosent av "
    "henvendelsene.",
    "nn": "Av førespurnadene til Karriereveiledning.no kom 67 prosent frå personar under 30 år, "
    "mot 36 prosent av brukarane av karrieresentera. Kvinner stod bak 62 prosent av "
    "førespurnadene.",
}
# County memos: (county code, målform, its bullet on Karriereveiledning.no)
COUNTY_BULLET = {
    ("54", "nb"): "Karriereveiledning.no er en nasjonal tjeneste, og datagrunnlaget har ikke "
    "tall for den per fylke. I hele landet fikk tjenesten 15 400 henvendelser i 2022.",
    ("46", "nn"): "Karriereveiledning.no er ei nasjonal teneste, og datagrunnlaget har ikkje "
    "tal for henne per fylke. I heile landet fekk tenesta 15 400 førespurnader i 2022.",
}


def reportgen(*args: str, data: Path = DATA) -> subprocess.CompletedProcess:
    """``reportgen ARGS --data DATA --templates templates/two-services`` as a subprocess."""
    command = [str(BIN / "reportgen"), *args, "--data", str(data)]
    return subprocess.run(
        [*command, "--templates", str(TWO_SERVICES)],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        timeout=300,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The 2022 folder: the national memo in nb and nn and two county memos, every format."""
    out = tmp_path_factory.mktemp("two_services")
    runs = [("--language", "nb"), ("--language", "nn")]
    runs += [("--county", code, "--language", lang) for code, lang in COUNTY_BULLET]
    for run in runs:
        done = reportgen("memo", "--year", "2022", "-o", str(out), *run)
        assert done.returncode == 0, done.stderr
    return out / "2022"


def _docx(built: Path, lang: str, county: str = "") -> Path:
    folder = built / "fylker" if county else built
    pattern = f"{county}-*-2022-{lang}.docx" if county else f"karriereveiledning-2022-{lang}.docx"
    return next(folder.glob(pattern))


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_key_findings_title_and_subtitle_are_exact(built, lang):
    document = docx.Document(str(_docx(built, lang)))
    heading = "Hovedfunn" if lang == "nb" else "Hovudfunn"
    found = [
        " ".join(item.replace(NBSP, " ").split()) for item in list_items_after(document, heading)
    ]
    assert found == HOVEDFUNN[lang]
    assert document.core_properties.title.replace(NBSP, " ") == TITLE[lang]
    paragraphs = [p.text.replace(NBSP, " ") for p in document.paragraphs]
    assert SUBTITLE[lang] in paragraphs


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_services_side_by_side(built, lang):
    document = docx.Document(str(_docx(built, lang)))
    paragraphs = [" ".join(p.text.replace(NBSP, " ").split()) for p in document.paragraphs]
    assert SERVICES_SIDE_BY_SIDE[lang] in paragraphs
    figures = sorted((built / "tall").glob(f"karriereveiledning-2022-{lang}-figur-*.csv"))
    rows = list(csv.reader(figures[2].open(encoding="utf-8-sig"), delimiter=";"))
    assert rows[0][1:] == [
        "Karrieresentrene" if lang == "nb" else "Karrieresentera",
        "Karriereveiledning.no",
    ]
    assert [row[2] for row in rows[1:]] == ["28", "39", "16", "10", "7"]


# «Om tallene» names the channels of the year's data: 2022 had no e-mail.
INQUIRIES_DEFINED = {
    "nb": "Henvendelser til Karriereveiledning.no er kontakter på chat og telefon; en person kan "
    "stå bak flere henvendelser.",
    "nn": "Førespurnader til Karriereveiledning.no er kontaktar på chat og telefon; ein person kan "
    "stå bak fleire førespurnader.",
}


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_om_tallene_defines_inquiries_by_the_channels_of_the_year(built, lang):
    document = docx.Document(str(_docx(built, lang)))
    notes = [" ".join(p.text.replace(NBSP, " ").split()) for p in document.paragraphs]
    assert [n for n in notes if INQUIRIES_DEFINED[lang] in n] != []


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_karriereveiledning_no_figures_are_the_published_ones(built, lang):
    """The chart's numbers (CSV beside the memo): 15 400 inquiries, 78 % chat, 22 % phone;
    the centres' table: 24 825 unique users."""
    figures = sorted((built / "tall").glob(f"karriereveiledning-2022-{lang}-figur-*.csv"))
    rows = list(csv.reader(figures[0].open(encoding="utf-8-sig"), delimiter=";"))
    assert rows[0] == [
        "Kanal",
        "Antall" if lang == "nb" else "Tal",
        "Andel" if lang == "nb" else "Del",
    ]
    assert rows[1:] == [["Chat", "12012", "78"], ["Telefon", "3388", "22"]]
    assert sum(int(n) for _, n, _ in rows[1:]) == 15400
    table = next((built / "tall").glob(f"karriereveiledning-2022-{lang}-tabell-1.csv"))
    last = list(csv.reader(table.open(encoding="utf-8-sig"), delimiter=";"))[-1]
    assert last[:3] == ["Hele landet" if lang == "nb" else "Heile landet", "43", "24825"]


@pytest.mark.parametrize(("code", "lang"), list(COUNTY_BULLET))
def test_county_memo_says_karriereveiledning_no_is_national(built, code, lang):
    document = docx.Document(str(_docx(built, lang, code)))
    heading = "Hovedfunn" if lang == "nb" else "Hovudfunn"
    items = [" ".join(i.replace(NBSP, " ").split()) for i in list_items_after(document, heading)]
    assert COUNTY_BULLET[(code, lang)] in items


def _without_names(text: str) -> str:
    for name in SERVICE_NAMES:
        text = text.replace(name, " ")
    return text


@pytest.mark.parametrize("county", ["", "46"])
def test_no_bokmaal_words_in_the_nynorsk(built, county):
    document = docx.Document(str(_docx(built, "nn", county)))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    text = _without_names(" ".join([p.text for p in document.paragraphs] + cells))
    text = text.replace(NBSP, " ")
    for sign in ".,:;?!()–":
        text = text.replace(sign, " ")
    text = " " + " ".join(text.split()).lower() + " "
    assert [w for w in BOKMAAL if f" {w.lower()} " in text] == []


@pytest.mark.parametrize(("lang", "county"), [("nb", ""), ("nn", ""), ("nb", "54"), ("nn", "46")])
def test_every_word_is_spelled_right(built, dataset, lang, county):
    names = proper_name_words(dataset)
    assert unknown_words(_docx(built, lang, county), lang, names=names) == []


@pytest.fixture(scope="module")
def national_pdfs(built, tmp_path_factory) -> list[Path]:
    """The national memo's PDF for every year of contacts.csv, in nb and nn (2022 from
    ``built``, the other years written here as PDF only)."""
    out = tmp_path_factory.mktemp("two_services_years")
    for year in ("2021", "2023", "2024"):
        for lang in ("nb", "nn"):
            done = reportgen(
                "memo", "--year", year, "--language", lang, "--formats", "pdf", "-o", str(out)
            )
            assert done.returncode == 0, done.stderr
    return sorted(built.glob("*.pdf")) + sorted(out.glob("*/*.pdf"))


def _pages(pdf: Path) -> list[str]:
    """The text of each page of ``pdf``, as pdftotext lays it out."""
    pdftotext = require_tool("pdftotext", "poppler-utils")
    done = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True)
    return done.stdout.split("\f")[:-1]


def test_the_last_page_holds_more_than_om_tallene(national_pdfs):
    """Issue 24: no memo ends on a page holding only «Om tallene». With it in small print
    every national memo of 2021–2024 is three pages, and the last holds figures 3–5 above
    «Om tallene» (nb) / «Om tala» (nn)."""
    assert len(national_pdfs) == 8
    for pdf in national_pdfs:
        pages = _pages(pdf)
        lines = [" ".join(line.split()) for line in pages[-1].splitlines() if line.strip()]
        closing = next(n for n, line in enumerate(lines) if line in ("Om tallene", "Om tala"))
        captions = [line for line in lines[:closing] if line.startswith("Figur ")]
        assert len(pages) == 3, pdf.name
        assert [c.split(":")[0] for c in captions] == ["Figur 3", "Figur 4", "Figur 5"], pdf.name


def test_the_pdfs_are_tagged_and_outloud_finds_nothing(built):
    pdfinfo = require_tool("pdfinfo", "poppler-utils")
    pdfs = sorted(built.rglob("*.pdf"))
    assert len(pdfs) == 4
    for path in pdfs:
        info = subprocess.run([pdfinfo, str(path)], capture_output=True, text=True).stdout
        assert "Tagged:          yes" in info, path
    assert_outloud_clean(pdfs)


@pytest.mark.parametrize(
    "page",
    [
        "karriereveiledning-2022-nb.html",
        "karriereveiledning-2022-nn.html",
        "karriereveiledning-2022-nb-artikkel.html",
        "fylker/46-vestland-2022-nn.html",
    ],
)
def test_axe_finds_no_violations(browser, built, page):  # noqa: F811 (the fixture)
    _open(browser, built / page, 1280)
    assert axe_violations(browser) == []
    _open(browser, built / page, 375)
    scroll, client = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client


def test_a_channel_the_labels_do_not_name_stops_the_memo(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    with (data / "contacts.csv").open("a", encoding="utf-8") as file:
        file.write("2022,karriereveiledning_no,sms,120\n")
    out = tmp_path / "out"
    done = reportgen("memo", "--year", "2022", "-o", str(out), data=data)
    assert done.returncode == 2, done.stderr
    message = done.stderr.split("Error: ", 1)[1]
    assert message == (
        f"{TWO_SERVICES}/services.nb.md, line 12: labels.nb.toml does not name 'sms' in "
        '[contact_channel]\n  Fix: add sms = "…" under [contact_channel] in labels.nb.toml '
        "in your templates folder\n"
    )
    assert "Traceback" not in done.stderr
    assert not out.exists()
