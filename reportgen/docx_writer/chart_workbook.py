"""The workbook embedded in a native chart: what Word's "Edit Data" opens (XlsxWriter).

The layout is the one the chart's references point at (python-pptx's): the categories in
column A from row 2, a column per series from B with its name in row 1. A value the memo
does not show (a hidden count ":", a missing year "..") is an empty cell, so the chart
draws no bar there even after an edit (Excel would draw text as 0); the unit, the notes
(the meaning of ":" and "..") and the source stand under the numbers, as in the data
companion.
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

import xlsxwriter

from reportgen.model import ChartSpec, Table
from reportgen.number_formats import excel_code

SHEET = "Sheet1"  # the sheet python-pptx's references name


def chart_workbook(spec: ChartSpec, data: Table | None, made: tuple[str, datetime]) -> bytes:
    """The .xlsx bytes holding ``spec``'s numbers (in its number format, in the locale of
    ``made``'s language), with the unit, notes and source of ``data`` (the chart's numbers
    as a Table, or None) below them; ``made``'s time is its creation time, so the same
    chart gives the same bytes."""
    language, created = made
    buffer = BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"created": created.replace(tzinfo=None)})
    sheet = book.add_worksheet(SHEET)
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    number = book.add_format({"num_format": excel_code(spec.style, language)})
    sheet.write_string(0, 0, data.header[0] if data else "", bold)
    for row, name in enumerate(spec.categories, start=1):
        sheet.write_string(row, 0, name)
    for column, series in enumerate(spec.series, start=1):
        sheet.write_string(0, column, series.name, bold)
        for row, value in enumerate(series.values, start=1):
            if value is not None:
                sheet.write_number(row, column, value, number)
    below = len(spec.categories) + 2
    lines = (data.unit, *data.notes, data.source) if data else ()
    for offset, line in enumerate(line for line in lines if line):
        sheet.write_string(below + offset, 0, line)
    sheet.set_column(0, 0, max((len(name) for name in spec.categories), default=8) + 2)
    sheet.set_column(1, len(spec.series), 14)
    book.close()
    return buffer.getvalue()
