"""Tests for the DOCX writer: structure, accessibility, metadata, determinism, robustness."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from matplotlib.figure import Figure as MplFigure
from printing import write_docx

from reportgen.docx_writer.reference import build_reference_docx
from reportgen.errors import TemplateError
from reportgen.model import (
    BulletList,
    Figure,
    Heading,
    Memo,
    Metadata,
    PageBreak,
    Paragraph,
    Run,
    Table,
)
from reportgen.theme import Theme

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
SECTOR = "Jordbruk, skogbruk & fiske"


def _chart_png() -> bytes:
    figure = MplFigure(figsize=(6, 3), dpi=100)
    axes = figure.add_subplot()
    axes.bar(["Agder", "Rogaland", "Vestland"], [120, 340, 275], color="#0b5394")
    axes.spines[["top", "right"]].set_visible(False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def sample_memo(language: str = "nb-NO") -> Memo:
    """A small memo using every block type (also used for the visual check)."""
    meta = Metadata(
        title="Landsdekkende tilbud om karriereveiledning",
        subtitle="Notat om bruken i 2024",
        publisher="Direktoratet",
        authors="Kari Nordmann",
        date="1. mars 2025",
        issn="ISSN 1234-5678",
        language=language,
        created=datetime(2025, 3, 1, 12, tzinfo=UTC),
        keywords=("karriereveiledning", "fylker"),
    )
    table = Table(
        header=("Fylke", "Næring", "Unike brukere"),
        rows=(
            ("Agder", SECTOR, "1 234"),
            ("Finnmark", "Bergverk", "<5"),
            ("Oslo", '"Annet" <b>', "12 345"),
        ),
        label="Tabell 1",
        caption="Unike brukere per fylke",
        align=("left", "left", "right"),
        notes=("Kilde: Kompetanse Norge.", "<5: tallet er skjult av personvernhensyn."),
    )
    figure = Figure(
        png=_chart_png(),
        width_cm=15,
        height_cm=7.5,
        label="Figur 1",
        caption="Brukere per fylke",
        alt_text="Stolpediagram: Rogaland har flest brukere.",
    )
    return Memo(
        metadata=meta,
        blocks=(
            Heading(1, "Sammendrag"),
            Paragraph(
                (
                    Run("Tilbudet nådde "),
                    Run("flere", bold=True),
                    Run(" brukere enn "),
                    Run("noen gang", italic=True),
                    Run(" før."),
                ),
                style="lead",
            ),
            Heading(2, "Hovedfunn"),
            BulletList(
                items=((Run("Flest brukere i "), Run("Rogaland", bold=True)), (Run(SECTOR),))
            ),
            BulletList(items=((Run("Først"),), (Run("Deretter"),)), ordered=True),
            Paragraph((Run("Kontrolltegn\x0b og\x00 nullbyte fjernes."),)),
            BulletList(items=((Run("Ny liste"),), (Run("starter på 1"),)), ordered=True),
            table,
            Heading(3, "Figur"),
            figure,
            Paragraph((Run("Liten skrift for merknader."),), style="note"),
            PageBreak(),
            Heading(1, "Vedlegg"),
            Paragraph((Run("Siste side."),)),
        ),
    )


@pytest.fixture
def written(tmp_path: Path) -> docx.document.Document:
    path = tmp_path / "notat.docx"
    write_docx(sample_memo(), Theme(), path)
    return docx.Document(str(path))


def test_headings_lists_and_runs(written) -> None:
    styles = {p.text: p.style.name for p in written.paragraphs}
    assert styles["Sammendrag"] == "Heading 1"
    assert styles["Hovedfunn"] == "Heading 2"
    assert styles["Figur"] == "Heading 3"
    assert styles["Landsdekkende tilbud om karriereveiledning"] == "Title"
    assert styles[SECTOR] == "List Bullet"
    assert styles["Først"] == "List Number"
    lead = next(p for p in written.paragraphs if p.text.startswith("Tilbudet"))
    assert lead.style.name == "Lead"
    assert [(r.text, r.bold, r.italic) for r in lead.runs][1:4] == [
        ("flere", True, None),
        (" brukere enn ", None, None),
        ("noen gang", None, True),
    ]
    assert "Kontrolltegn og nullbyte fjernes." in styles


def test_page_break_starts_next_block_on_new_page(written) -> None:
    appendix = next(p for p in written.paragraphs if p.text == "Vedlegg")
    assert appendix.paragraph_format.page_break_before is True
    assert not written.element.body.xpath(".//w:br[@w:type='page']")


def test_headings_have_outline_levels(written) -> None:
    for level in (1, 2, 3):
        outline = written.styles[f"Heading {level}"].element.pPr.outlineLvl
        assert outline is not None and outline.val == level - 1


def test_each_ordered_list_restarts(written) -> None:
    ids = {
        p.text: p._p.pPr.numPr.numId.val
        for p in written.paragraphs
        if p.style.name == "List Number"
    }
    assert ids["Først"] == ids["Deretter"] != ids["Ny liste"]


def test_table_header_cells_and_caption(written) -> None:
    table = written.tables[0]
    header = table.rows[0]._tr
    assert header.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert header.xpath("./w:tc/w:tcPr/w:shd/@w:fill") == ["DCE6F0"] * 3
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert [c.text for c in table.rows[1].cells] == ["Agder", SECTOR, "1 234"]
    assert table.rows[2].cells[2].text == "<5"
    assert table.rows[3].cells[1].text == '"Annet" <b>'
    assert table.rows[2].cells[2].paragraphs[0].alignment == 2  # RIGHT
    before = table._tbl.getprevious()
    assert before.xpath("string(.)") == "Tabell 1: Unike brukere per fylke"
    assert before.xpath("./w:pPr/w:pStyle/@w:val") == ["Caption"]
    after = table._tbl.getnext()
    assert after.xpath("string(.)") == "Kilde: Kompetanse Norge."


def test_table_has_alt_text_title_and_description(written) -> None:
    properties = written.tables[0]._tbl.tblPr
    assert properties.xpath("./w:tblCaption/@w:val") == ["Tabell 1: Unike brukere per fylke"]
    assert properties.xpath("./w:tblDescription/@w:val") == [
        "Tabell 1: Unike brukere per fylke. Kilde: Kompetanse Norge. "
        "<5: tallet er skjult av personvernhensyn."
    ]
    assert [child.tag.split("}")[1] for child in properties][-2:] == [
        "tblCaption",
        "tblDescription",
    ]


def test_pictures_have_alt_text_and_caption_below(written) -> None:
    doc_prs = written.element.body.xpath(".//wp:docPr")
    assert len(doc_prs) == len(written.inline_shapes) == 1
    assert doc_prs[0].get("descr") == "Stolpediagram: Rogaland har flest brukere."
    assert doc_prs[0].get("title") == doc_prs[0].get("descr")
    picture_paragraph = doc_prs[0].xpath("ancestor::w:p")[0]
    assert picture_paragraph.getnext().xpath("string(.)") == "Figur 1: Brukere per fylke"


def test_footer_has_page_fields(written) -> None:
    footer = written.sections[0].footer._element
    codes = [t.text.strip() for t in footer.xpath(".//w:instrText")]
    assert codes == ["PAGE", "NUMPAGES"]
    assert "Side " in footer.xpath("string(.)")


def test_core_properties_and_proofing_language(written) -> None:
    props = written.core_properties
    assert props.title == "Landsdekkende tilbud om karriereveiledning"
    assert props.language == "nb-NO"
    assert props.author == "Kari Nordmann"
    assert props.revision == 1
    assert props.created.isoformat().startswith("2025-03-01T12:00:00")
    lang = written.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang")[0]
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia")), lang.get(qn("w:bidi"))) == (
        "nb-NO",
    ) * 3


def test_nynorsk_proofing_language(tmp_path: Path) -> None:
    path = tmp_path / "nn.docx"
    write_docx(sample_memo("nn-NO"), Theme(), path)
    styles = docx.Document(str(path)).styles.element
    assert styles.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val") == ["nn-NO"]


def test_same_memo_gives_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    write_docx(sample_memo(), Theme(), first)
    write_docx(sample_memo(), Theme(), second)
    assert (
        hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()
    )
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist()[0] == "[Content_Types].xml"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        ids = [d.get("id") for d in docx.Document(str(first)).element.xpath("//wp:docPr")]
    assert len(ids) == len(set(ids))


def _reference_without_heading_1(tmp_path: Path, rename: bool) -> Path:
    """A reference document whose "Heading 1" is renamed (Norwegian UI) or removed."""
    document = docx.Document()
    style = document.styles["Heading 1"].element
    if rename:
        style.name_val = "Overskrift 1"
    else:
        style.getparent().remove(style)
    for name in ("List Bullet", "Caption"):
        element = document.styles[name].element
        element.getparent().remove(element)
    path = tmp_path / "reference.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize("rename", [True, False])
def test_reference_missing_styles_get_added(tmp_path: Path, rename: bool) -> None:
    theme = Theme(reference_docx=_reference_without_heading_1(tmp_path, rename))
    path = tmp_path / "notat.docx"
    write_docx(sample_memo(), theme, path)
    document = docx.Document(str(path))
    heading = next(p for p in document.paragraphs if p.text == "Sammendrag")
    assert heading.style.name == "Heading 1"
    assert heading.style.element.pPr.outlineLvl.val == 0
    bullet = next(p for p in document.paragraphs if p.text == SECTOR)
    assert bullet.style.element.pPr.numPr.numId.val is not None
    assert len(document.styles.element.xpath("./w:style[@w:styleId='Heading1']")) == 1


def test_unreadable_reference_is_a_template_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_text("not a zip")
    with pytest.raises(TemplateError):
        write_docx(sample_memo(), Theme(reference_docx=broken), tmp_path / "x.docx")


def test_shipped_reference_document_is_current(tmp_path: Path) -> None:
    built = tmp_path / "reference.docx"
    build_reference_docx(built)
    assert built.read_bytes() == (TEMPLATES / "reference.docx").read_bytes(), (
        "run: python -m reportgen.docx_writer.reference templates/reference.docx"
    )


def test_shipped_reference_document_is_used(tmp_path: Path) -> None:
    path = tmp_path / "notat.docx"
    write_docx(sample_memo(), Theme(reference_docx=TEMPLATES / "reference.docx"), path)
    document = docx.Document(str(path))
    assert document.paragraphs[0].text == "Landsdekkende tilbud om karriereveiledning"
    assert "Note" in document.styles and "Lead" in document.styles


def test_bold_header_words_fit_their_columns():
    """Finnmark 2019's centre table: no header word may break inside itself in Word."""
    from docx.shared import Cm
    from reportlab.pdfbase.pdfmetrics import registerFont, stringWidth
    from reportlab.pdfbase.ttfonts import TTFont

    from reportgen.pdf_writer import lay_out

    registerFont(TTFont("HeaderBold", str(Theme().font_bold)))
    header = ("Senter", "Unike brukere", "Individuelle samtaler", "Kurs og gruppeveiledninger")
    rows = [
        ("Karrieresenter Finnmark – Hammerfest", "45", "78", "2"),
        ("Karrieresenter Finnmark – Kárášjohka", "6", "10", "0"),
    ]
    memo = Memo(Metadata("Notat"), (Table(header, tuple(rows), "Tabell 1", "", (), ()),))
    shares = lay_out(memo, Theme()).column_shares[0]  # the DOCX's columns are the PDF's
    size_pt, cell_margins_pt = 10.5 * 0.9, 2 * 5.4  # "Table Text"; Word's 0.19 cm each side
    for title, share in zip(header, shares, strict=True):
        longest = max(stringWidth(word, "HeaderBold", size_pt) for word in title.split())
        assert longest + cell_margins_pt <= share * Cm(16).pt, title
