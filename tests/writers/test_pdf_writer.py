"""Tests for the PDF writer: text, fonts, metadata, outline, page numbers, determinism."""

from __future__ import annotations

import io
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import matplotlib
import pytest
from conftest import require_tool
from PIL import Image
from printing import write_pdf
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from reportgen import model as m
from reportgen.errors import TemplateError
from reportgen.pdf_writer.columns import column_widths, fit_table
from reportgen.pdf_writer.styles import CELL_PAD, build_styles
from reportgen.theme import Theme

matplotlib.use("Agg")
import matplotlib.pyplot as plt

SAMI = "æøå ÆØÅ á č đ ŋ š ŧ ž"
FILLER = (
    "Karrieresentrene tilbyr veiledning til voksne over hele landet, både på stedet "
    "og digitalt, og samarbeider tett med NAV og fylkeskommunene. "
) * 6


def tiny_png() -> bytes:
    fig, ax = plt.subplots(figsize=(3, 2), dpi=100)
    ax.bar(["A", "B"], [1, 2])
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    return buf.getvalue()


def make_memo(png: bytes | None = None) -> m.Memo:
    meta = m.Metadata(
        title="Landsdekkende tilbud om karriereveiledning",
        subtitle="Status 2024",
        publisher="Direktoratet",
        authors="Kari Nordmann",
        subject="Karriereveiledning",
        issn="ISSN 1234-5678",
        date="15. mars 2025",
        created=datetime(2025, 3, 15, 8, 30, tzinfo=UTC),
        keywords=("karriereveiledning", "voksne"),
    )
    table = m.Table(
        header=("Næring", "Antall"),
        rows=(("Jordbruk, skogbruk & fiske", "<5"), ("Industri", "1 234")),
        label="Tabell 1",
        caption="Deltakere etter næring",
        align=("left", "right"),
        notes=("Kilde: Karrieresentrene.",),
    )
    blocks = (
        m.Heading(1, "Sammendrag"),
        m.Paragraph(
            (
                m.Run("Vanlig, "),
                m.Run("fet", bold=True),
                m.Run(" og "),
                m.Run("kursiv", italic=True),
                m.Run(f" tekst: {SAMI}"),
            )
        ),
        m.BulletList(((m.Run("Første punkt"),), (m.Run("Andre punkt"),))),
        m.Heading(2, "Deltakere"),
        table,
        m.Figure(png or tiny_png(), 8.0, 5.3, "Figur 1", "Flere deltakere i B", "Stolper A og B"),
        *[m.Paragraph((m.Run(FILLER),)) for _ in range(4)],
        m.PageBreak(),
        m.Heading(1, "Metode"),
        m.Paragraph((m.Run("Små tall er skjult."),), style="note"),
    )
    return m.Memo(meta, blocks)


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "memo.pdf"
    write_pdf(make_memo(), Theme(header_text="Notat", footer_text="HK-dir"), path)
    return path


@pytest.fixture(scope="module")
def reader(pdf_path) -> PdfReader:
    return PdfReader(pdf_path)


def all_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_text_extracts_exactly(reader):
    text = all_text(reader)
    assert SAMI in text
    assert "Jordbruk, skogbruk & fiske" in text
    assert "<5" in text
    assert "&amp;" not in text and "&lt;" not in text
    assert "Tabell 1: Deltakere etter næring" in text
    assert "Figur 1: Flere deltakere i B" in text
    assert "ISSN 1234-5678" in text


def test_pdftotext_sees_the_same_letters(pdf_path):
    pdftotext = require_tool("pdftotext", "poppler-utils")
    text = subprocess.run(
        [pdftotext, str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert SAMI in text
    assert "Jordbruk, skogbruk & fiske" in text


def test_metadata(reader):
    info = reader.metadata
    assert info.title == "Landsdekkende tilbud om karriereveiledning"
    assert info.author == "Kari Nordmann"
    assert info.subject == "Karriereveiledning"
    assert info.creator == "reportgen"
    assert info["/Keywords"] == "karriereveiledning, voksne"
    assert info["/CreationDate"].startswith("D:20250315083000")


def test_language_and_outline_shown(reader):
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nb-NO"
    assert root["/PageMode"] == "/UseOutlines"


def test_outline_nests_headings(reader):
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == ["Sammendrag", "Metode"]
    assert [item.title for item in outline[1]] == ["Deltakere"]


def test_page_numbers_know_the_total(reader):
    total = len(reader.pages)
    assert total >= 2
    assert f"Side 1 av {total}" in reader.pages[0].extract_text()
    assert f"Side {total} av {total}" in reader.pages[-1].extract_text()


def test_fonts_are_embedded_truetype(reader):
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        assert font["/Subtype"] == "/TrueType"
        assert "/FontFile2" in font["/FontDescriptor"]


def test_figure_is_not_downsampled(reader):
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == 1
    assert images[0].image.size == (300, 200)  # 3 x 2 inches at 100 dpi, as rendered


def test_same_memo_gives_identical_bytes(tmp_path):
    memo, theme = make_memo(), Theme()
    write_pdf(memo, theme, tmp_path / "a.pdf")
    write_pdf(memo, theme, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_failed_write_leaves_nothing(tmp_path):
    target = tmp_path / "memo.pdf"
    with pytest.raises(OSError):
        write_pdf(make_memo(png=b"not a png"), Theme(), target)
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_previous_file(tmp_path):
    target = tmp_path / "memo.pdf"
    target.write_bytes(b"old")
    with pytest.raises(OSError):
        write_pdf(make_memo(png=b"not a png"), Theme(), target)
    assert list(tmp_path.iterdir()) == [target]
    assert target.read_bytes() == b"old"


def test_letter_page_with_logo(tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), "#0b3d66").save(logo)
    path = tmp_path / "memo.pdf"
    write_pdf(make_memo(), Theme(page_size="Letter", logo=logo, logo_width_cm=3.0), path)
    page = PdfReader(path).pages[0]
    assert [round(float(v)) for v in page.mediabox] == [0, 0, 612, 792]
    assert (120, 40) in [img.image.size for img in page.images]


def test_unknown_page_size_is_a_template_error(tmp_path):
    with pytest.raises(TemplateError):
        write_pdf(make_memo(), Theme(page_size="A5"), tmp_path / "memo.pdf")
    assert list(tmp_path.iterdir()) == []


def test_column_widths_fill_the_text_width():
    cell = build_styles(Theme())["cell"]
    header, rows = ("Næring", "Antall", "Andel"), (("Jordbruk, skogbruk & fiske", "12", "3,4"),)
    widths = column_widths(header, rows, cell, 450.0)
    assert sum(widths) == pytest.approx(450.0)
    assert widths[0] > widths[1] and widths[0] > widths[2]


def test_column_widths_shrink_only_the_wide_columns():
    cell = build_styles(Theme())["cell"]
    rows = (("lang tekst " * 20, "12", "lang tekst " * 10),)
    widths = column_widths(("A", "B", "C"), rows, cell, 300.0)
    assert sum(widths) == pytest.approx(300.0)
    assert widths[1] == pytest.approx(
        column_widths(("A", "B", "C"), (("x", "12", "y"),), cell, 3000.0)[1]
    )


def test_number_columns_keep_their_headings_on_one_line():
    """The 2024 Tabell 1 gave «Fylke» 55 % of the width and broke every number heading
    («Unike / brukere»): each number column is as wide as its heading on one line and its
    widest number, in type at most a point smaller; the county column gets the rest, its
    names wrapping between words (never at a dash: «Finnmark – Finnmárku – Finmarkku»)."""
    cell = build_styles(Theme())["cell"]
    header = ("Fylke", "Sentre", "Unike brukere", "Endring fra 2023", "Andel av alle brukere")
    name = "Finnmark\u00a0–\u00a0Finnmárku\u00a0–\u00a0Finmarkku"
    rows = ((name, "2", "1\u00a0638", "+9,7\u00a0%", "7,8\u00a0%"),) * 3 + (
        ("Troms og Finnmark\u00a0–\u00a0Romsa ja", "3", "20\u00a0958", ".", "100,0\u00a0%"),
    )
    table = m.Table(header, rows, "Tabell 1", "Fylker", ("left", *["right"] * 4))
    total = 16 * 72 / 2.54
    size, widths = fit_table(table, cell, total, Theme())
    bold = cell.fontName.replace("normal", "bold")
    assert cell.fontSize - 1 <= size <= cell.fontSize
    for head, width in zip(header[1:], widths[1:], strict=True):
        assert width >= pdfmetrics.stringWidth(head, bold, size) + 2 * CELL_PAD
    assert sum(widths) == pytest.approx(total)
    assert pdfmetrics.stringWidth(name, cell.fontName, size) < widths[0] < 0.4 * total


def test_long_table_repeats_its_header(tmp_path):
    rows = tuple((f"Kommune {i}", str(i)) for i in range(120))
    table = m.Table(("Kommune", "Samtaler"), rows, "Tabell 1", "Alle kommuner", ("left", "right"))
    memo = m.Memo(m.Metadata(title="Lang tabell"), (table,))
    path = tmp_path / "long.pdf"
    write_pdf(memo, Theme(), path)
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]
    assert len(pages) >= 3
    assert "Tabell 1: Alle kommuner" in pages[0]  # starts on page 1, below the title
    assert all("Kommune Samtaler Kommune" in text for text in pages)
    assert "Kommune 119" in pages[-1]
