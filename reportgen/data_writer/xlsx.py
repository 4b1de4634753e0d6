"""The memo's numbers as an Excel workbook (openpyxl): a contents sheet, then one sheet per
table and per chart with a title row, the unit, the data (numbers as numbers, shown in
Norwegian style by Excel's number formats), the notes (":" and its legend) and the source.
No cell is a formula: a text that looks like one is a text cell with Excel's quote prefix."""

from __future__ import annotations

from datetime import UTC
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

from reportgen.data_writer.sheets import data_tables, looks_like_formula, sheet_name
from reportgen.files import reproducible_zip
from reportgen.number_formats import EXCEL as FORMATS  # Excel's codes per Number.style

SIZE = 10  # points, as a spreadsheet's body text
PRINTED_WIDTH = 90  # characters of column width that fit across an A4 page upright


def render_xlsx(memo, theme=None, _layout=None) -> bytes:
    """The workbook of ``memo``: a contents sheet, then a sheet per table and chart with
    the numbers as shown (a whole percent to one decimal, ``Number.tenths``), in the
    theme's font (its name as the DOCX has it; "Arial" without a theme), header rows
    frozen, columns as wide as their texts, each sheet printed on A4 pages one page wide
    (its header repeated); the same bytes for the same memo. The sheet titles are the
    memo's words (the [data] section of labels.<lang>.toml); ``layout`` does not concern
    a workbook (the table of formats hands it to all)."""
    words = memo.words
    fonts = _Fonts(theme.font_name if theme is not None else "Arial")
    book = Workbook()
    book._fonts = IndexedList([fonts.regular])  # type: ignore[attr-defined]  # the default font
    contents = book.worksheets[0]
    contents.title = words["contents"]
    contents.append([memo.metadata.title])
    contents.append([memo.metadata.subtitle])
    contents.append([])
    contents.append([words["sheet"], words["title"]])
    for table in data_tables(memo):
        name = sheet_name(table)
        _sheet(book.create_sheet(name), table)
        contents.append([name, table.caption])
        contents.cell(contents.max_row, 1).hyperlink = f"#'{name}'!A1"
    contents.freeze_panes = "A5"
    contents.column_dimensions["A"].width = 12
    contents.column_dimensions["B"].width = 70
    for sheet in book.worksheets:
        _set_fonts(sheet, fonts)
        _print_setup(sheet)
    _properties(book, memo.metadata)
    _inert(book)
    return _bytes(book)


class _Fonts:
    """The workbook's two fonts: the theme's, regular and bold, at SIZE, both named (an
    unnamed bold font is a serif in LibreOffice)."""

    def __init__(self, name: str) -> None:
        self.regular = Font(name=name, size=SIZE, family=2)
        self.bold = Font(name=name, size=SIZE, family=2, bold=True)


def _sheet(sheet, table) -> None:
    sheet.append([f"{table.label} {table.caption}".strip()])
    sheet.append([table.unit])
    sheet.append([])
    sheet.append(list(table.header))
    for cell in sheet[4]:
        right = cell.column > 1  # over numbers
        cell.alignment = Alignment(
            wrap_text=True, vertical="bottom", horizontal="right" if right else "left"
        )
    numbers = table.numbers or [()] * len(table.rows)
    for texts, values in zip(table.rows, numbers):
        sheet.append([_value(text, values, i) for i, text in enumerate(texts)])
        for cell, value in zip(sheet[sheet.max_row], values):
            if value is not None:
                cell.number_format = FORMATS[
                    "percent1" if value.tenths is not None else value.style
                ]
                _shortest(cell)
            elif cell.column > 1:
                cell.alignment = Alignment(horizontal="right")
    total = sheet.max_row if table.total_row else 0
    sheet.append([])
    for line in (*table.notes, table.source):
        if line:
            sheet.append([line])
    _widths(sheet, table)
    sheet.freeze_panes = "B5"  # the header row and the names stay in view
    sheet.print_title_rows = "4:4"
    if total:
        for cell in sheet[total]:
            cell.font = Font(bold=True)  # marked; _set_fonts gives it the theme's bold


def _widths(sheet, table) -> None:
    """Each column as wide as its longest cell text (names, numbers as shown), at least
    its header's longest word, so no name is cut and no header overprints a number; the
    header row as tall as its wrapped lines."""
    lines = 1
    for column, heading in enumerate(table.header):
        texts = [row[column] for row in table.rows if column < len(row)]
        longest = max((len(text) for text in texts), default=0)
        word = max((len(part) for part in heading.split()), default=0)
        width = min(max(longest, word, 8) + 2, 60)
        sheet.column_dimensions[get_column_letter(column + 1)].width = width
        lines = max(lines, -(-len(heading) // (width - 1)))
    sheet.row_dimensions[4].height = 13 * lines + 2


def _set_fonts(sheet, fonts: _Fonts) -> None:
    """The theme's font in every written cell: bold in the title (A1), the header row (4
    on a table's sheet, 4 on the contents) and a marked total row; regular elsewhere."""
    for cell in sheet._cells.values():
        bold = cell.row in (1, 4) or cell.font.b
        cell.font = fonts.bold if bold else fonts.regular


def _print_setup(sheet) -> None:
    """Print the used cells on A4, one page wide (as many pages tall as needed), upright
    unless the columns are wider than PRINTED_WIDTH characters."""
    last = get_column_letter(sheet.max_column)
    sheet.print_area = f"A1:{last}{sheet.max_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    widths = sum(
        sheet.column_dimensions[get_column_letter(c)].width or 13
        for c in range(1, sheet.max_column + 1)
    )
    sheet.page_setup.orientation = "landscape" if widths > PRINTED_WIDTH else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _inert(book) -> None:
    """Every cell written from text that a spreadsheet would read as a formula kept text
    (OWASP, "CSV Injection"): openpyxl stores a text starting with "=" as a formula, so
    the cell is made a string cell again, with the value unchanged, and given Excel's quote
    prefix, so that editing it in Excel does not make it a formula either. Number cells
    (data type "n", such as −4,3) are numbers and stay so."""
    for sheet in book.worksheets:
        for cell in sheet._cells.values():  # the cells written (iter_rows adds blank ones)
            if cell.data_type in ("s", "f") and looks_like_formula(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True


def _value(text: str, values, column: int):
    """The cell's Number value if it has one (a whole percent to one decimal), else its
    text (names, ":", ".", "..")."""
    number = values[column] if column < len(values) else None
    if number is None:
        return text
    return number.value if number.tenths is None else number.tenths


def _shortest(cell) -> None:
    """Have a float written as its shortest repr: openpyxl writes 16 significant digits,
    which turns 9.7 into 9.699999999999999, not the number the memo shows."""
    if isinstance(cell.value, float):
        cell._value = repr(cell.value)  # stays a number cell (data_type "n")


def _properties(book, metadata) -> None:
    props = book.properties
    props.title, props.subject = metadata.title, metadata.subject
    props.creator = metadata.authors or metadata.publisher
    props.language, props.keywords = metadata.language, ", ".join(metadata.keywords)
    props.created = props.modified = metadata.created.astimezone(UTC).replace(tzinfo=None)
    props.lastModifiedBy = metadata.publisher


class _SchemaFont(Font):
    """openpyxl's Font with its children written in the schema's order (CT_Font is a
    sequence: b, i, …, sz, color, name, family, charset, scheme); openpyxl writes ``name``
    first, and a validator then rejects the default font's ``color``."""

    __elements__ = (
        "b",
        "i",
        "strike",
        "condense",
        "extend",
        "outline",
        "shadow",
        "u",
        "vertAlign",
        "sz",
        "color",
        "name",
        "family",
        "charset",
        "scheme",
    )
    __attrs__ = Font.__attrs__  # the metaclass would set both from this class's own fields
    __nested__ = Font.__nested__

    @classmethod
    def of(cls, font: Font) -> _SchemaFont:
        """The same font as a _SchemaFont."""
        return cls(**{name: getattr(font, name) for name in Font.__elements__})


class _InMemory(ExcelWriter):
    """openpyxl's writer with each sheet written in memory, not through a temporary file
    (which costs more than the sheet here). Sheets hold no drawings, charts or images."""

    def write_worksheet(self, ws) -> None:
        ws._drawing = SpreadsheetDrawing()
        writer = WorksheetWriter(ws, BytesIO())
        writer.write()
        ws._rels = writer._rels  # type: ignore[attr-defined]  # openpyxl internals
        self._archive.writestr(ws.path[1:], writer.read())  # type: ignore[attr-defined]
        self.manifest.append(ws)


def _bytes(book) -> bytes:
    """The workbook's bytes, its fonts written in the schema's order; not ``Workbook.save``,
    which stamps the modified time with the clock."""
    book._fonts = IndexedList(map(_SchemaFont.of, book._fonts))  # same order, so same ids
    buffer = BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED) as archive:
        _InMemory(book, archive).save()
    return reproducible_zip(buffer.getvalue())
