"""Tables as read, before any checking: text cells by column, with their file row numbers.

CSV files and workbook sheets both end up here: the first non-blank record is the header
(names compared ignoring case and spaces), blank records are dropped, short records are
padded and every cell is stripped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import WARNING, Problem

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

    def problem(
        self,
        position: int | None,
        column: str | None,
        value: str | None,
        rule: str,
        fix: str,
        severity: str = "error",
    ) -> Problem:
        """A problem at record ``position`` (None: the header row) of this table."""
        row = self.header_row if position is None else self.rows[position]
        return Problem(self.label, row, column, value, rule, fix, severity)


@dataclass
class RawDataset:
    """All sources found in the data folder, by source name, and problems reading them.

    ``unread`` holds the sources whose file (or workbook) exists but could not be read.
    """

    folder: Path
    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unread: set[str] = field(default_factory=set)


def column_name(text: str) -> str:
    """A header cell as a column name: lower case, runs of spaces and hyphens as "_"."""
    return _SEPARATORS.sub("_", text.strip().lstrip("\ufeff").strip().lower())


def table_from_records(
    name: str, label: str, path: Path, records: list[list[str]], lines: list[int], detected: str
) -> RawTable:
    """Build a table from raw records (header first) and their file row numbers.

    Raises ValueError if there is no header (only blank records).
    """
    keep = [i for i, record in enumerate(records) if any(record)]
    while keep and _blank(records[keep[0]]):
        del keep[0]
    if not keep:
        raise ValueError("no header")
    header = [column_name(c) for c in records[keep[0]]]
    table = RawTable(name, label, path, {}, [lines[i] for i in keep[1:]], detected, lines[keep[0]])
    table.problems += _header_problems(table, header)
    body = [records[i] for i in keep[1:]]
    if set(map(len, body)) - {len(header)}:
        body = [_fit(table, n, record, len(header)) for n, record in enumerate(body)]
    columns = [list(map(str.strip, cells)) for cells in zip(*body)] or [[] for _ in header]
    _drop_blank_rows(table, columns)
    for position, (name_, column) in enumerate(zip(header, columns)):
        if name_ and name_ not in table.columns:
            table.columns[name_] = column
        elif not name_ and any(column):
            table.problems.append(
                table.problem(
                    None,
                    None,
                    None,
                    f"column {position + 1} has values but no name, so it is ignored",
                    "give the column a name or delete it",
                    WARNING,
                )
            )
    return table


def _blank(record: list[str]) -> bool:
    return not "".join(record).strip()


def _drop_blank_rows(table: RawTable, columns: list[list[str]]) -> None:
    """Remove rows whose cells are all blank (only spaces) from ``columns`` and ``table``."""
    blank = [
        i
        for i, cell in enumerate(columns[0] if columns else [])
        if not cell and not any(column[i] for column in columns)
    ]
    for i in reversed(blank):
        del table.rows[i]
        for column in columns:
            del column[i]


def _fit(table: RawTable, position: int, record: list[str], width: int) -> list[str]:
    """The record padded or cut to ``width`` cells; extra cells with values are a problem."""
    if len(record) == width:
        return record
    if len(record) < width:
        return record + [""] * (width - len(record))
    if any(c.strip() for c in record[width:]):
        table.problems.append(
            table.problem(
                position,
                None,
                None,
                f"has {len(record)} values, but the header has {width} columns",
                "put quotes around values that contain the delimiter (such as a "
                "decimal comma), or give the right --delimiter",
            )
        )
    return record[:width]


def _header_problems(table: RawTable, header: list[str]) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for position, name in enumerate(header, start=1):
        if name in seen:
            problems.append(
                table.problem(
                    None,
                    name,
                    None,
                    f"the column appears twice (columns {seen[name]} and {position})",
                    "delete or rename one of them",
                )
            )
        elif name:
            seen[name] = position
    return problems
