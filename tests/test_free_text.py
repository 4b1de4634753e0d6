"""Free text as analysts write it: pipe tables, links, own pictures and quotations come out
right in the DOCX and the PDF (a link in the web page too); the year's own key findings
come from key_findings.csv."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pypdf
import pytest
from click.testing import CliRunner
from conftest import DATA, EPOCH, require_tool
from docx.oxml.ns import qn
from PIL import Image

from reportgen.cli import main

INTRO = """Partnerskapene møttes i {{ year }}. Se [HK-dir](https://hkdir.no) for mer.

| Fylke | Møter | Avtaler |
|---|--:|--:|
| Vestland | 4 | 2 |
| Oslo | 3 | 1 |

: Møter og avtaler i partnerskapene {{ year }}

![Kart over fylkene med partnerskap](bilder/kart.png "Fylker med partnerskap")

![Foto fra en samling i Bergen](bilder/foto.jpg "Samling i Bergen")

> Karriereveiledning gir folk mot til å ta nye valg.
>
> — Kari Nordmann, rådgiver i Vestland fylkeskommune
"""


@pytest.fixture(autouse=True)
def _epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def _memo(tmp_path: Path, intro: str, data: Path = DATA, year: str = "2019"):
    folder = tmp_path / "mine"
    (folder / "bilder").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (600, 300), "#7a1f5c").save(folder / "bilder" / "kart.png", dpi=(150, 150))
    Image.new("RGB", (300, 200), "#1f5c7a").save(folder / "bilder" / "foto.jpg")
    (folder / "intro.nb.md").write_text(intro, encoding="utf-8")
    out = tmp_path / "out"
    args = ["memo", "--year", year, "--data", str(data), "--templates", str(folder), "-o", str(out)]
    result = CliRunner().invoke(main, args)
    return result, out / year / f"karriereveiledning-{year}-nb", folder


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    try:
        result, stem, _ = _memo(tmp_path_factory.mktemp("rich"), INTRO)
    finally:
        mp.undo()
    assert result.exit_code == 0, result.output
    return stem.with_suffix(".docx"), stem.with_suffix(".pdf")


def test_pipe_table_is_a_real_table_with_caption_and_header(rich):
    document = docx.Document(str(rich[0]))
    first = document.tables[0]
    assert [[c.text for c in row.cells] for row in first.rows] == [
        ["Fylke", "Møter", "Avtaler"],
        ["Vestland", "4", "2"],
        ["Oslo", "3", "1"],
    ]
    assert first.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions[:4] == [
        "Tabell 1: Møter og avtaler i partnerskapene 2019",
        "Figur 1: Fylker med partnerskap",
        "Figur 2: Samling i Bergen",
        "Tabell 2: Karrieresentre og unike brukere per fylke i\u00a02019",  # «i 2019» unbroken
    ]
    text = pypdf.PdfReader(str(rich[1])).pages[0].extract_text()
    assert "Tabell 1: Møter og avtaler i partnerskapene 2019" in text
    assert "Fylke Møter Avtaler Vestland 4 2 Oslo 3 1" in " ".join(text.split())
    assert "|" not in text


def test_link_is_a_hyperlink_in_every_format(rich):
    document = docx.Document(str(rich[0]))
    links = document.element.body.findall(".//" + qn("w:hyperlink"))
    assert ["".join(t.text for t in link.iter(qn("w:t"))) for link in links] == ["HK-dir"]
    rel = document.part.rels[links[0].get(qn("r:id"))]
    assert rel.is_external and rel.target_ref == "https://hkdir.no"
    uris = [
        a.get_object()["/A"]["/URI"]
        for page in pypdf.PdfReader(str(rich[1])).pages
        for a in page.get("/Annots", [])
        if a.get_object().get("/Subtype") == "/Link" and "/URI" in a.get_object().get("/A", {})
    ]
    assert uris == ["https://hkdir.no"]
    page = rich[0].with_suffix(".html").read_text(encoding="utf-8")
    assert 'Se <a href="https://hkdir.no">HK-dir</a> for mer.' in page  # C37: was plain text


def test_own_pictures_are_figures_with_alt_text(rich):
    document = docx.Document(str(rich[0]))
    alts = [e.get("descr") for e in document.element.body.iter(qn("wp:docPr"))]
    assert alts[:2] == ["Kart over fylkene med partnerskap", "Foto fra en samling i Bergen"]
    widths = [e.get("cx") for e in document.element.body.iter(qn("wp:extent"))][:2]
    # 600 px at 150 dpi is 10.16 cm; the DOCX draws pictures at the size the PDF drew them
    # (shrunk by at most a fifth to fill a page) times 0.95 (docx_writer.DOCX_FIGURES)
    cm = [int(w) / 360000 for w in widths]
    assert 0.78 * 0.95 * 10.16 <= cm[0] <= 0.95 * 10.16 and round(cm[1], 2) == 4.83
    pdfimages = require_tool("pdfimages", "poppler-utils")
    out = subprocess.run(
        [pdfimages, "-list", str(rich[1])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:4]
    assert [line.split()[3:5] for line in out] == [["600", "300"], ["300", "200"]]


def test_block_quote_is_a_quotation_with_who_said_it(rich):
    document = docx.Document(str(rich[0]))
    quotes = [p for p in document.paragraphs if p.style.name == "Quote"]
    assert [p.text for p in quotes] == [
        "Karriereveiledning gir folk mot til å ta nye valg.",
        "– Kari Nordmann, rådgiver i Vestland fylkeskommune",
    ]
    assert quotes[0].runs[0].italic is True
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(str(rich[1])).pages)
    assert "Karriereveiledning gir folk mot til å ta nye valg. – Kari Nordmann" in " ".join(
        text.split()
    )


@pytest.mark.parametrize(
    "intro, message",
    [
        (
            "| A | B |\n|---|---|\n| 1 | 2 |\n",
            "line 1: the table with the heading 'A | B' has no caption\n  Fix: write the "
            "caption in a paragraph of its own right after the table, starting with a colon: "
            "': Møter i partnerskapene 2019'\n",
        ),
        (
            "Tekst.\n\n![](bilder/kart.png)\n",
            "line 3: the picture 'bilder/kart.png' has no alt text\n  Fix: write what the "
            "picture shows inside ![…], for screen readers\n",
        ),
        (
            "![Passord](../../../etc/passwd.png)\n",
            "line 1: the picture '../../../etc/passwd.png' is outside the template folder\n"
            "  Fix: put the picture in your template folder (or a folder inside it) and write "
            "its name relative to that folder, e.g. ![…](bilder/kart.png)\n",
        ),
        (
            "![Logo](logo.svg)\n",
            "line 1: the picture 'logo.svg' is not a PNG or JPEG file\n  Fix: save it as PNG or "
            "JPEG (an SVG: export it as PNG at 300 dpi)\n",
        ),
        (
            "Se [rapporten](rapport.pdf).\n",
            "line 1: the link 'rapport.pdf' is not a web or e-mail address\n  Fix: write the "
            "whole address, starting with https:// (or mailto: for e-mail)\n",
        ),
    ],
)
def test_free_text_mistakes(tmp_path, intro, message):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    result, stem, folder = _memo(tmp_path, intro)
    assert result.exit_code == 2
    assert result.stderr.split("Error: ", 1)[1] == f"{folder / 'intro.nb.md'}, {message}"
    assert not stem.parent.exists()


def _data_with(tmp_path: Path, key_findings: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "key_findings.csv").write_text(key_findings, encoding="utf-8")
    return data


def _bullets(docx_path: Path) -> list[str]:
    from conftest import list_items_after

    return list_items_after(docx.Document(str(docx_path)), "Hovedfunn")


def test_the_2019_partnership_finding_comes_from_the_data_file(memo_2019):
    assert _bullets(memo_2019[0])[-1] == (
        "Partnerskapene for karriereveiledning i fylkene går inn i en ny fase fra\u00a02020, når "
        "fylkeskommunene får et større ansvar for karriereveiledning gjennom regionreformen."
    )


def test_an_analyst_adds_a_finding_for_another_year(tmp_path):
    data = _data_with(
        tmp_path,
        "year;language;county_code;text\n2022;nb;;Partnerskapene fikk nye avtaler i 2022.\n"
        "2022;nn;;Partnarskapa fekk nye avtalar i 2022.\n",
    )
    result, stem, _ = _memo(tmp_path, "", data, "2022")
    assert result.exit_code == 0, result.output
    assert _bullets(stem.with_suffix(".docx"))[-1] == "Partnerskapene fikk nye avtaler i\u00a02022."


def test_a_broken_key_findings_row_is_reported(tmp_path):
    data = _data_with(tmp_path, "year;language;county_code;text\n2019;bm;;Tekst.\n")
    result, stem, _ = _memo(tmp_path, "", data)
    assert result.exit_code == 2 and not stem.parent.exists()
    assert result.stderr.split("Error: ", 1)[1] == (
        f"{data / 'key_findings.csv'}, row 2, column 'language': is not a målform (value 'bm')"
        "\n  Fix: write nb (bokmål) or nn (nynorsk)\n"
    )
