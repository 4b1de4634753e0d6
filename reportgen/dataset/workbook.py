"""Read an Excel workbook (``data.xlsx``) with one sheet per source, as text cells.

Excel stores codes typed as numbers without their leading zeros (3 for "03") and may give
whole numbers as floats (1354.0); cells are turned into the text a person would type
("3", "1354"), and ``validate`` pads the codes.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from pathlib import Path

from reportgen.dataset.raw import RawTable, column_name, table_from_records
from reportgen.errors import ProblemError, unreadable


def read_workbook(path: Path, names: set[str]) -> dict[str, RawTable | ProblemError]:
    """The sheets of ``path`` whose names (ignoring case and spaces) are in ``names``, each
    read or the error saying why not (an empty sheet).

    Raises DataError (a ProblemError) if the file is not a readable .xlsx workbook.
    """
    import openpyxl  # only needed when there is a workbook

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:
        raise unreadable(
            path,
            "cannot be read as an Excel workbook",
            "open it in Excel and save it again as 'Excel Workbook (.xlsx)'",
        ) from None
    try:
        return {
            column_name(sheet.title): _sheet(path, sheet)
            for sheet in book.worksheets
            if column_name(sheet.title) in names
        }
    finally:
        book.close()


def cell_text(value: object) -> str:
    """A cell value as the text a person would have typed: 3 → "3", 1354.0 → "1354"."""
    if value is None:
        return ""
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return unicodedata.normalize("NFC", str(value)).strip()


def _float_text(value: float) -> str:
    if math.isfinite(value) and abs(value - round(value)) <= 1e-9 * max(1.0, abs(value)):
        return str(round(value))
    return repr(value)


def _sheet(path: Path, sheet) -> RawTable | ProblemError:
    records = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    name = column_name(sheet.title)
    label = f"{path}, sheet '{sheet.title}'"
    try:
        return table_from_records(
            name, label, path, records, list(range(1, len(records) + 1)), "Excel workbook"
        )
    except ValueError:
        return unreadable(
            label,
            "is empty: it has no header row",
            "write the header row and the data (see data/README.md)",
        )
