"""Read an Excel workbook (``data.xlsx``) with one sheet per source, as text cells.

Excel stores codes typed as numbers without their leading zeros (3 for "03") and may give
whole numbers as floats (1354.0); cells are turned into the text a person would type
("3", "1354"), and ``validate`` pads the codes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
import zipfile
from pathlib import Path

from reportgen.dataset.bounds import bounded
from reportgen.dataset.raw import RawTable, column_name, table_from_records
from reportgen.errors import ProblemError, unreadable

MAX_PART_BYTES = 20_000_000  # e.g. the shared strings; the shipped data's are 0.02 MB
# the parts openpyxl reads whole in read-only mode (sheets are read row by row; pictures,
# charts and pivot caches are not read at all)
_READ_WHOLE = re.compile(
    r"\[Content_Types\]\.xml|(.*/)?_rels/.*|docProps/.*|xl/[^/]+\.xml|xl/theme/.*"
)
_DAMAGED = "cannot be read as an Excel workbook"
_FIX_DAMAGED = "open it in Excel and save it again as 'Excel Workbook (.xlsx)'"


def read_workbook(path: Path, names: set[str]) -> dict[str, RawTable | ProblemError]:
    """The sheets of ``path`` whose names (ignoring case and spaces) are in ``names``, each
    read or the error saying why not (an empty sheet).

    Raises DataError (a ProblemError) if the file is not a readable .xlsx workbook.
    """
    import openpyxl  # only needed when there is a workbook

    try:
        _check_parts(path)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except ProblemError:
        raise
    except Exception:
        raise unreadable(path, _DAMAGED, _FIX_DAMAGED) from None
    try:
        return {
            column_name(sheet.title): _sheet(path, sheet)
            for sheet in book.worksheets
            if column_name(sheet.title) in names
        }
    finally:
        book.close()


def _check_parts(path: Path) -> None:
    """Raise DataError if a part of the workbook that is read whole (``_READ_WHOLE``: the
    shared strings, the styles, …) is larger than MAX_PART_BYTES unpacked."""
    with zipfile.ZipFile(path) as archive:
        for part in archive.infolist():
            if part.file_size > MAX_PART_BYTES and _READ_WHOLE.fullmatch(part.filename):
                raise unreadable(
                    path,
                    f"holds {part.filename} of {part.file_size / 1e6:.0f} MB unpacked, more "
                    f"than the {MAX_PART_BYTES // 1_000_000} MB reportgen reads",
                    "copy the data into a new workbook in Excel and save that",
                )


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


def _texts(row: tuple) -> list[str]:
    """A row's cells as text, up to its last cell with a value."""
    end = len(row)
    if not end:
        return []
    while end and row[end - 1] is None:
        end -= 1
    return [cell_text(value) for value in row[:end]]


def _float_text(value: float) -> str:
    if math.isfinite(value) and abs(value - round(value)) <= 1e-9 * max(1.0, abs(value)):
        return str(round(value))
    return repr(value)


def _sheet(path: Path, sheet) -> RawTable | ProblemError:
    """The sheet's table, read row by row within the limits of ``bounds`` (the size the
    sheet declares is ignored: it may claim 16 384 × 1 048 576 cells), or the error
    saying why not."""
    label = f"{path}, sheet '{sheet.title}'"
    sheet.reset_dimensions()
    try:
        records, rows = bounded(map(_texts, sheet.iter_rows(values_only=True)), label)
    except ProblemError as exc:
        return exc
    except Exception:  # any error of openpyxl's parser on a damaged sheet
        return unreadable(label, _DAMAGED, _FIX_DAMAGED)
    width = max(map(len, records), default=0)  # as wide as the sheet, as Excel shows it
    records = [record + [""] * (width - len(record)) for record in records]
    try:
        return table_from_records(
            column_name(sheet.title), label, path, records, rows, "Excel workbook"
        )
    except ValueError:
        return unreadable(
            label,
            "is empty: it has no header row",
            "write the header row and the data (see data/README.md)",
        )
