"""Tables as read, before any checking: text cells by column, with their file row numbers.

CSV files and workbook sheets both end up here: the first non-blank record is the header
(names compared ignoring case and spaces), blank records are dropped, short records are
padded and every cell is stripped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .problems import WARNING, Problem

_SEPARATORS = re.compile(r"[\s\-]+")


@dataclass
class RawTable:
    """One source as read: text cells per column (NFC, stripped) and where each row is.

    ``label`` names it in messages ("data/centres.csv" or "data/data.xlsx, sheet
    'centres'"); ``rows[i]`` is the file row number of record ``i``; ``detected`` says how
    it was read, e.g. "UTF-8, comma-separated".
    """

    name: str
    label: str
    path: Path
    columns: dict[str, list[str]]
    rows: list[int]
    detected: str
    header_row: int = 1
    problems: list[Problem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def problem(self, position: int | None, column: str | None, value: str | None,
                rule: str, fix: str, severity: str = "error") -> Problem:
        """A problem at record ``position`` (None: the header row) of this table."""
        row = self.header_row if position is None else self.rows[position]
        return Problem(self.label, row, column, value, rule, fix, severity)


@dataclass
class RawDataset:
    """All sources found in the data folder, by source name, and problems reading them."""

    folder: Path
    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def column_name(text: str) -> str:
    """A header cell as a column name: lower case, runs of spaces and hyphens as "_"."""
    return _SEPARATORS.sub("_", text.strip().lstrip("\ufeff").strip().lower())


def table_from_records(name: str, label: str, path: Path, records: list[list[str]],
                       lines: list[int], detected: str) -> RawTable:
    """Build a table from raw records (header first) and their file row numbers.

    Raises ValueError if there is no header (only blank records).
    """
    keep = [i for i, record in enumerate(records) if not _blank(record)]
    if not keep:
        raise ValueError("no header")
    header_at, body = keep[0], keep[1:]
    header = [column_name(c) for c in records[header_at]]
    table = RawTable(name, label, path, {}, [lines[i] for i in body], detected,
                     lines[header_at])
    table.problems += _header_problems(table, header)
    width = len(header)
    padded = [_fit(table, n, records[i], width) for n, i in enumerate(body)]
    cells = list(zip(*padded)) if padded else [()] * width
    for position, name_ in enumerate(header):
        column = list(map(str.strip, cells[position]))
        if name_ and name_ not in table.columns:
            table.columns[name_] = column
        elif not name_ and any(column):
            table.problems.append(table.problem(None, None, None, f"column {position + 1} has "
                                  "values but no name, so it is ignored",
                                  "give the column a name or delete it", WARNING))
    return table


def _blank(record: list[str]) -> bool:
    return not (record and (record[0].strip() or "".join(record).strip()))


def _fit(table: RawTable, position: int, record: list[str], width: int) -> list[str]:
    """The record padded or cut to ``width`` cells; extra cells with values are a problem."""
    if len(record) == width:
        return record
    if len(record) < width:
        return record + [""] * (width - len(record))
    if any(c.strip() for c in record[width:]):
        table.problems.append(table.problem(
            position, None, None, f"has {len(record)} values, but the header has {width} "
            "columns", "put quotes around values that contain the delimiter, or check "
            "the delimiter (--delimiter)"))
    return record[:width]


def _header_problems(table: RawTable, header: list[str]) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for position, name in enumerate(header, start=1):
        if name in seen:
            problems.append(table.problem(None, name, None, f"the column appears twice "
                                          f"(columns {seen[name]} and {position})",
                                          "delete or rename one of them"))
        elif name:
            seen[name] = position
    return problems
