"""Tables for the DOCX writer: caption above, repeating shaded header row, notes below; the
table's alternative text (``w:tblCaption``, ``w:tblDescription``) for screen readers."""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Pt
from docx.table import _Cell, _Row

from reportgen.docx_writer.oxml import add_styled, style_id
from reportgen.docx_writer.package import clean
from reportgen.docx_writer.styles import TABLE_STYLE
from reportgen.model import Table

_NOTE_GAP = Pt(4)
KEEP_TOGETHER_ROWS = 25  # smaller tables are kept on one page with their caption
BOLD_WORD = 1.3  # width of a bold header letter, in average letters of the cells


def add_table(document: Document, table: Table, width: Length, header_fill: str) -> None:
    """Caption paragraph, a ``width``-wide table (header shaded ``header_fill``), then notes."""
    title = clean(f"{table.label}: {table.caption}")
    caption = add_styled(document, "Caption", title)
    caption.paragraph_format.keep_with_next = True
    columns = len(table.header)
    grid = document.add_table(rows=0, cols=columns)
    grid.style = document.styles[TABLE_STYLE]
    grid.autofit = False
    _set_width(grid._tbl, width)
    sentence = title if title.endswith((".", "!", "?")) else f"{title}."
    _describe(grid._tbl, title, " ".join([sentence, *map(clean, table.notes)]))
    for column, column_width in zip(grid.columns, _column_widths(table, width), strict=True):
        column.width = column_width
    right = [i < len(table.align) and table.align[i] == "right" for i in range(columns)]
    cell_style = style_id(document, "Table Text")
    for number, cells in enumerate((table.header, *table.rows)):
        if len(cells) != columns:
            raise ValueError(
                f"{table.label}: row {number} has {len(cells)} cells, the header has {columns}"
            )
        row = grid.add_row()
        _mark_row(row, header=number == 0)
        keep = len(table.rows) <= KEEP_TOGETHER_ROWS and number < len(table.rows)
        for cell, text, is_right in zip(row.cells, cells, right, strict=True):
            _fill(cell, text, cell_style, right=is_right, header=number == 0)
            cell.paragraphs[0].paragraph_format.keep_with_next = keep
            if number == 0:
                _shade(cell, header_fill)
    notes = [add_styled(document, "Note", clean(note)) for note in table.notes]
    if notes:
        notes[0].paragraph_format.space_before = _NOTE_GAP
        notes[-1].paragraph_format.space_after = _NOTE_GAP * 3


def _column_widths(table: Table, width: Length) -> list[Emu]:
    """Share ``width`` by each column's longest cell or header word (headers wrap between
    words; a bold header word counts ``BOLD_WORD`` times its letters, so it never breaks)."""
    weights = []
    for i, title in enumerate(table.header):
        longest = max(
            [round(len(word) * BOLD_WORD) for word in title.split()]
            + [len(row[i]) for row in table.rows if i < len(row)]
        )
        weights.append(min(max(longest, 5), 40) + 2)
    total = sum(weights)
    return [Emu(int(width * weight / total)) for weight in weights]


def _set_width(tbl, width: Length) -> None:
    tbl_w = tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl.tblPr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(width.twips))


def _describe(tbl, title: str, description: str) -> None:
    """The table's title and description, as Word's "Alt Text" for tables writes them; they
    end ``w:tblPr`` (ECMA-376 17.4.58, 17.4.63), so they are appended after the rest."""
    for tag, text in (("w:tblCaption", title), ("w:tblDescription", description)):
        tbl.tblPr.append(OxmlElement(tag, {qn("w:val"): text}))


def _mark_row(row: _Row, *, header: bool) -> None:
    """Rows never split across pages; the header row repeats on each page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _fill(cell: _Cell, text: str, style_id: str, *, right: bool, header: bool) -> None:
    paragraph = cell.paragraphs[0]
    paragraph._p.style = style_id  # "Table Text": spacing lives in the style, not per cell
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(clean(text))
    if header:
        run.bold = True


def _shade(cell: _Cell, colour: str) -> None:
    shading = OxmlElement(
        "w:shd",
        {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): colour.lstrip("#").upper()},
    )
    cell._tc.get_or_add_tcPr().append(shading)
