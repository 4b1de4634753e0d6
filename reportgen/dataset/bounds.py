"""Limits on what one input table may cost, checked while it is read, so that no file, however
small on disk, can exhaust the machine: a sheet that claims 16 384 × 1 048 576 cells, a
header with a million columns, a workbook of a million repeated rows packed into 1.5 MB.

The limits are far above any real data: every source has at most 8 columns, and the largest
shipped file (users.csv) has about 2 500 rows, 15 000 cells.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportgen.errors import ProblemError, unreadable

MAX_ROWS = 1_048_576  # the last row of an Excel sheet; blank rows count
MAX_COLUMNS = 200  # columns up to the last value of a row
MAX_CELLS = 1_000_000  # rows with values × the widest of them
MAX_FILE_BYTES = 50_000_000  # a CSV file (read whole to detect its encoding)

_FIX_COLUMNS = "keep only the columns data/README.md lists, and delete anything to the right"
_FIX_ROWS = (
    "keep only the rows data/README.md describes (the shipped files have a few thousand) "
    "and delete anything below them"
)


def bounded(records: Iterable[list[str]], where: str) -> tuple[list[list[str]], list[int]]:
    """The records of ``records`` (row 1 first) that have a value, each with its row number.

    A record longer than MAX_COLUMNS loses its empty cells at the end. Raises DataError (a
    ProblemError naming ``where`` and the row) at the first record past MAX_ROWS, with a
    value past column MAX_COLUMNS, or making the table (rows with values × the widest of
    them) larger than MAX_CELLS; nothing past that record is read.
    """
    kept: list[list[str]] = []
    rows: list[int] = []
    width = 0
    for row, record in enumerate(records, start=1):
        if row > MAX_ROWS:
            raise unreadable(
                where, f"goes on past row {MAX_ROWS}, the last row reportgen reads", _FIX_ROWS, row
            )
        if not any(record):
            continue
        if len(record) > MAX_COLUMNS:
            record = _trimmed(record)
            if len(record) > MAX_COLUMNS:
                raise too_wide(where, len(record), row)
        width = max(width, len(record))
        if width * (len(kept) + 1) > MAX_CELLS:
            raise unreadable(
                where,
                f"has more than {MAX_CELLS} cells ({len(kept) + 1} rows of {width} columns "
                "by this row), more than reportgen reads from one table",
                _FIX_ROWS,
                row,
            )
        kept.append(record)
        rows.append(row)
    return kept, rows


def too_wide(where: str, columns: int, row: int) -> ProblemError:
    """The error for a row of ``columns`` columns, more than MAX_COLUMNS."""
    return unreadable(
        where,
        f"has {columns} columns, more than the {MAX_COLUMNS} reportgen reads",
        _FIX_COLUMNS,
        row,
    )


def _trimmed(record: list[str]) -> list[str]:
    end = len(record)
    while end and not record[end - 1]:
        end -= 1
    return record[:end]
