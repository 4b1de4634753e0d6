"""Tables for the DOCX writer: caption above, repeating shaded header row, notes below; the
table's alternative text (``w:tblCaption``, ``w:tblDescription``) for screen readers."""

from __future__ import annotations

from docx.document import Document
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Length, Pt
from docx.table import _Cell, _Row

from reportgen.docx_writer.oxml import add_caption, add_styled, style_id
from reportgen.docx_writer.package import clean
from reportgen.docx_writer.styles import TABLE_STYLE
from reportgen.model import Table
from reportgen.theme import ROLES, Theme, leading

_NOTE_GAP = Pt(4)
KEEP_TOGETHER_ROWS = 6  # smaller tables are kept on one page with their caption (as in the PDF)


def add_table(
    document: Document,
    table: Table,
    width: Length,
    theme: Theme,
    shares: tuple[float, ...],
    size: float | None = None,
) -> None:
    """Caption paragraph, a ``width``-wide table (header shaded in the theme's colour, the
    same open rules as the PDF, columns at ``shares`` of the width and the cells in
    ``size`` points if given: the PDF's, from the layout), then the notes and the source
    line."""
    header_fill = theme.table_header_colour
    title = clean(f"{table.label}: {table.caption}")
    caption = add_caption(document, clean(table.label), clean(table.caption))
    caption.paragraph_format.keep_with_next = True
    columns = len(table.header)
    grid = document.add_table(rows=0, cols=columns)
    grid.style = document.styles[TABLE_STYLE]
    grid.autofit = False
    _set_width(grid._tbl, width)
    sentence = title if title.endswith((".", "!", "?")) else f"{title}."
    _describe(grid._tbl, title, " ".join([sentence, *map(clean, table.notes)]))
    for column, column_width in zip(
        grid.columns, _column_widths(shares, columns, width), strict=True
    ):
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
        keep = (len(table.rows) <= KEEP_TOGETHER_ROWS or number < 2) and number < len(table.rows)
        total = table.total_row and number == len(table.rows)
        for cell, text, is_right in zip(row.cells, cells, right, strict=True):
            _fill(cell, text, cell_style, right=is_right, header=number == 0 or total, size=size)
            cell.paragraphs[0].paragraph_format.keep_with_next = keep
            if number == 0:
                _shade(cell, header_fill)
                cell.vertical_alignment = WD_ALIGN_VERTICAL.BOTTOM  # as the PDF's headings
            if number == 0 or total:
                _rule(cell, "bottom" if number == 0 else "top", theme.heading_colour)
    lines = (*table.notes, table.source_line)
    notes = [add_styled(document, "Note", clean(note)) for note in lines if note]
    if notes:
        notes[0].paragraph_format.space_before = _NOTE_GAP
        notes[-1].paragraph_format.space_after = _NOTE_GAP * 3


def _column_widths(shares: tuple[float, ...], columns: int, width: Length) -> list[Emu]:
    """Each column's width: ``shares`` of ``width`` as the PDF measured them (the layout),
    or equal parts where the layout holds none for this table (a memo laid out by hand)."""
    if len(shares) != columns:
        shares = (1 / columns,) * columns
    return [Emu(int(width * share)) for share in shares]


def _rule(cell: _Cell, edge: str, colour: str) -> None:
    """A strong rule (1 pt, ``colour``) on one ``edge`` of a cell: under the header row,
    above the total row, as in the PDF."""
    borders = _add_cell_property(cell, "w:tcBorders")
    borders.append(
        OxmlElement(
            f"w:{edge}",
            {
                qn("w:val"): "single",
                qn("w:sz"): "8",
                qn("w:space"): "0",
                qn("w:color"): colour.lstrip("#").upper(),
            },
        )
    )


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


def _fill(
    cell: _Cell, text: str, style_id: str, *, right: bool, header: bool, size: float | None
) -> None:
    paragraph = cell.paragraphs[0]
    paragraph._p.style = style_id  # "Table Text": spacing lives in the style, not per cell
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(clean(text))
    if header:
        run.bold = True
    if size is not None:  # the PDF's smaller cells, with its leading (exact, as the style's)
        run.font.size = Pt(size)
        paragraph.paragraph_format.line_spacing = Pt(size * leading("cell", ROLES["cell"]))


def _shade(cell: _Cell, colour: str) -> None:
    _add_cell_property(
        cell,
        "w:shd",
        {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): colour.lstrip("#").upper()},
    )


# The children of a cell's w:tcPr in the schema's order (CT_TcPr is a sequence).
_TC_PR_ORDER = (
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
)


def _add_cell_property(
    cell: _Cell, tag: str, attrs: dict[str, str] | None = None
) -> BaseOxmlElement:
    """A new ``tag`` element in the cell's ``w:tcPr``, at its place in the schema's order
    (appended, a ``w:tcBorders`` after python-docx's ``w:vAlign`` is invalid)."""
    element = OxmlElement(tag, attrs)
    later = _TC_PR_ORDER[_TC_PR_ORDER.index(tag) + 1 :]
    cell._tc.get_or_add_tcPr().insert_element_before(element, *later)
    return element
