"""Check the raw tables against the schema, convert their types, and collect every problem.

Problems are gathered across all files and raised once as a DataError, each naming the
file, row, column, value, the rule broken and the fix.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pandas as pd

from .errors import DataError
from .load import RawDataset, RawTable
from .schema import SOURCES, Source

_SPACES = re.compile(r"[ \u00a0\u202f]")


@dataclass(frozen=True)
class Problem:
    """One broken rule at one place; ``severity`` is "error" or "warning"."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str
    fix: str
    severity: str = "error"

    def __str__(self) -> str:
        where = ", ".join(p for p in (self.file, self.row and f"row {self.row}",
                                      self.column and f"column '{self.column}'") if p)
        value = f" (value {self.value!r})" if self.value is not None else ""
        return f"{where}: {self.rule}{value}. Fix: {self.fix}"


def convert(data: RawDataset) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Typed frames per source (codes text, counts/years int64) and the problems found.

    A source that is missing or has missing columns is left out of the frames.
    """
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for source in SOURCES:
        table = data.tables.get(source.name)
        if table is None:
            if source.required:
                problems.append(Problem(str(data.folder / f"{source.name}.csv"), None, None,
                                        None, "the file is missing",
                                        f"add {source.name}.csv (see data/README.md)"))
            continue
        frame, found = _convert_table(table, source)
        problems += found
        if frame is not None:
            frames[source.name] = frame
    return frames, problems


def raise_if_errors(problems: list[Problem]) -> None:
    """Raise one DataError listing every error-severity problem (warnings are not raised)."""
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        lines = "\n".join(f"  - {p}" for p in errors)
        raise DataError(f"the data has {len(errors)} problem(s):\n{lines}")


def _convert_table(table: RawTable, source: Source):
    problems = _missing_columns(table, source)
    if problems:
        return None, problems
    frame = table.frame[list(source.columns)].copy()
    for column, kind in source.columns.items():
        frame[column] = _convert_column(table, column, kind.rstrip("?"), kind.endswith("?"),
                                        problems)
    for column, allowed in (source.categories or {}).items():
        problems += _unknown_categories(table, column, allowed)
    problems += _duplicates(table, frame, source)
    return frame, problems


def _missing_columns(table: RawTable, source: Source) -> list[Problem]:
    present = list(table.frame.columns)
    problems = []
    for column in source.columns:
        if column not in present:
            guess = difflib.get_close_matches(column, present, n=1, cutoff=0.6)
            fix = (f"rename column '{guess[0]}' to '{column}'" if guess
                   else f"add a column '{column}' (see data/README.md)")
            problems.append(Problem(str(table.path), 1, column, None,
                                    "the column is missing", fix))
    return problems


def _convert_column(table, column, kind, optional, problems) -> pd.Series:
    values = table.frame[column]
    if kind in ("text", "code"):
        if not optional:
            for index in values.index[values == ""]:
                problems.append(_cell(table, index, column, "", "the cell is empty",
                                      "fill in the value"))
        return values
    numbers = [_number(table, i, column, v, kind, optional, problems) for i, v in values.items()]
    series = pd.Series(numbers, index=values.index, dtype="Int64")
    return series if series.hasnans else series.astype("int64")


def _number(table, index, column, value, kind, optional, problems):
    if value == "" and optional:
        return pd.NA
    text = _SPACES.sub("", value).replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        problems.append(_cell(table, index, column, value, "is not a number",
                              "write a whole number such as 1354 or 1 354"))
        return pd.NA
    if number != int(number) or number < 0:
        rule = "is negative" if number < 0 else "is not a whole number"
        problems.append(_cell(table, index, column, value, f"{rule} ({kind} of persons or events)",
                              "write a whole number of 0 or more"))
        return pd.NA
    return int(number)


def _unknown_categories(table: RawTable, column: str, allowed) -> list[Problem]:
    values = table.frame[column]
    bad = values[~values.isin(allowed)]
    return [_cell(table, i, column, v, "is not a known category",
                  f"use one of: {', '.join(allowed)}") for i, v in bad.items()]


def _duplicates(table: RawTable, frame: pd.DataFrame, source: Source) -> list[Problem]:
    keys = list(source.key)
    dupes = frame[frame.duplicated(subset=keys, keep="first")]
    return [_cell(table, i, ", ".join(keys), None, "repeats a row already given for the same "
                  + "/".join(keys), "remove the duplicate row") for i in dupes.index]


def _cell(table: RawTable, index, column, value, rule, fix) -> Problem:
    return Problem(str(table.path), int(index) + table.first_row, column, value, rule, fix)
