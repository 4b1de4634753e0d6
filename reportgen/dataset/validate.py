"""Check each raw table against the schema, convert its columns, and collect every problem.

Problems are gathered across all files, each naming the file, row, column, value, the rule
broken and the fix (see ``problems.Problem``); rules across tables are in ``checks``.
"""

from __future__ import annotations

import difflib

import numpy as np
import pandas as pd

from reportgen.dataset import cells
from reportgen.dataset.raw import RawDataset, RawTable
from reportgen.dataset.schema import CODE_WIDTHS, SOURCES, Source
from reportgen.dataset.texts import shown, text_problems
from reportgen.errors import WARNING, Problem, raise_if_errors

__all__ = ["Problem", "convert", "raise_if_errors", "suggest"]

MAX_REPEATED = 20  # repeated rows listed one by one per file; the rest are counted
_WHAT = {"answer": "a known answer"}


def convert(data: RawDataset) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Typed frames per source (codes text, counts/years int64 or Int64 where a cell is bad)
    and the problems found, including those from reading. A source that is missing or has
    missing columns is left out of the frames."""
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = list(data.problems)
    for source in SOURCES:
        table = data.tables.get(source.name)
        if table is None and source.required and source.name not in data.unread:
            problems.append(
                Problem(
                    str(data.folder / f"{source.name}.csv"),
                    None,
                    None,
                    None,
                    "the file is missing",
                    f"add {source.name}.csv, or a sheet '{source.name}' in "
                    "data.xlsx (see data/README.md)",
                )
            )
        if table is not None:
            frame, found = convert_table(table, source)
            problems += found
            if frame is not None:
                frames[source.name] = frame
    return frames, problems


def convert_table(table: RawTable, source: Source) -> tuple[pd.DataFrame | None, list[Problem]]:
    """One table typed by its schema (None if columns are missing) and its problems; a
    column with a default (``Source.defaults``) that the file leaves out has that value,
    and so has an empty cell of it."""
    for name, value in (source.defaults or {}).items():
        cells = table.columns.get(name, [""] * len(table))
        table.columns[name] = [cell or value for cell in cells]
    problems = _columns(table, source)
    if not len(table) and source.required:  # one problem, not one per row that needs it
        problems.append(
            table.problem(
                None,
                None,
                None,
                "the file has its header but no rows",
                "fill in its rows (see data/README.md), or put back the shipped file",
            )
        )
    if any(p.is_error for p in problems):
        return None, problems
    columns = {name: _column(table, name, kind, problems) for name, kind in source.columns.items()}
    frame = pd.DataFrame(columns)
    for column, allowed in (source.categories or {}).items():
        problems += unknown_categories(table, column, allowed)
    problems += _duplicates(table, frame, source)
    return frame, problems


def suggest(value: str, known) -> str | None:
    """The known name ``value`` most likely stands for (case, spaces or a typo), or None."""
    normal = value.strip().lower().replace(" ", "_").replace("-", "_")
    if normal in known:
        return normal
    match = difflib.get_close_matches(normal, list(known), n=1, cutoff=0.8)
    return match[0] if match else None


def unknown_categories(table: RawTable, column: str, allowed) -> list[Problem]:
    """A problem for each cell of ``column`` whose value is not in ``allowed``."""
    known = set(allowed)
    what = _WHAT.get(column, "a known category")
    return [
        table.problem(i, column, value, f"is not {what}", category_fix(value, allowed))
        for i, value in enumerate(table.columns[column])
        if value not in known
    ]


def category_fix(value: str, allowed) -> str:
    """How to fix an unknown category: the likely one if there is one, and all known."""
    guess = suggest(value, allowed)
    known = ", ".join(allowed)
    return f"write '{guess}' (known: {known})" if guess else f"use one of: {known}"


def _columns(table: RawTable, source: Source) -> list[Problem]:
    """Missing columns (with the likely misspelling) and unused columns (a warning)."""
    present = list(table.columns)
    if len(present) == 1 and any(sep in present[0] for sep in ",;\t|"):
        return [
            table.problem(
                None,
                None,
                present[0],
                "the header is read as a single column, so the delimiter is wrong",
                "leave out --delimiter to detect it, or give the right one",
            )
        ]
    if present and not set(present) & set(source.columns):  # no header: a row of data
        return [
            table.problem(
                None,
                None,
                None,
                "the first row names none of the columns reportgen reads, so the header row "
                "is missing or misspelt",
                f"make the first row the header: {','.join(source.columns)} (see data/README.md)",
            )
        ]
    unused = [c for c in present if c not in source.columns]
    problems = []
    for column in (c for c in source.columns if c not in present):
        guess = difflib.get_close_matches(column, unused, n=1, cutoff=0.6)
        fix = (
            f"rename column '{guess[0]}' to '{column}'"
            if guess
            else f"add a column '{column}' (see data/README.md)"
        )
        problems.append(table.problem(None, column, None, "the column is missing", fix))
    if not problems:
        problems += [
            table.problem(
                None,
                c,
                None,
                "is not a column reportgen reads, so it is ignored",
                "delete the column, or leave it",
                WARNING,
            )
            for c in unused
        ]
    return problems


def _column(table: RawTable, name: str, kind: str, problems: list[Problem]):
    """The column's values by ``kind``; adds a problem per bad cell."""
    values, optional, kind = table.columns[name], kind.endswith("?"), kind.rstrip("?")
    if kind in ("count", "year"):
        typed, bad = cells.numbers(values, kind, optional=optional)
    elif kind in ("code", "codes"):
        convert = cells.codes if kind == "code" else cells.code_lists
        typed, bad, padded = convert(values, CODE_WIDTHS[name])
        problems += _padded(table, name, values, typed, padded)
    else:
        typed, bad = values, cells.text(values, optional=optional)
        bad += text_problems(values, name=kind == "name")
    problems += [
        table.problem(i, name, shown(values[i]), b.rule, b.fix, b.severity) for i, b in bad
    ]
    return typed


def _padded(table: RawTable, name: str, values, typed, padded: list[int]) -> list[Problem]:
    """One warning for a column whose codes lost their leading zero (Excel drops it)."""
    if not padded:
        return []
    first, more = padded[0], len(padded) - 1
    cells_ = "was 1 more cell" if more == 1 else f"were {more} more cells"
    tail = f"; so {cells_} in this column" if more else ""
    return [
        table.problem(
            first,
            name,
            values[first],
            f"has lost its leading zero and is read as '{typed[first]}'{tail}",
            "store the codes as text (in Excel: format the column as Text)",
            WARNING,
        )
    ]


def _duplicates(table: RawTable, frame: pd.DataFrame, source: Source) -> list[Problem]:
    """Rows that repeat an earlier row, or its key with other values: the first
    MAX_REPEATED of them, then one problem counting the rest (found in one pass, so a file
    of a hundred thousand repeated rows is checked in a moment)."""
    keys = list(source.key)
    if not keys:
        return []
    later = frame.duplicated(subset=keys, keep="first").to_numpy()
    if not later.any():
        return []
    positions = pd.Series(range(len(frame)), index=frame.index)
    groups = positions.groupby([frame[k] for k in keys], dropna=False, sort=False)
    rows = later.nonzero()[0]
    firsts = groups.transform("min").to_numpy()[rows]
    same = _same_rows(frame, rows, firsts)
    names = ", ".join(keys[:-1]) + f" and {keys[-1]}"
    problems = [
        table.problem(
            position,
            None,
            None,
            *(
                (f"repeats row {table.rows[first]}", "delete one of the two rows")
                if repeats
                else (
                    f"has the same {names} as row {table.rows[first]}, but other values",
                    f"keep one row per {names}",
                )
            ),
        )
        for position, first, repeats in zip(
            rows[:MAX_REPEATED], firsts[:MAX_REPEATED], same[:MAX_REPEATED]
        )
    ]
    if len(rows) > MAX_REPEATED:
        rest = len(rows) - MAX_REPEATED
        problems.append(
            table.problem(
                int(rows[MAX_REPEATED]),
                None,
                None,
                f"this row and {rest - 1} more below it repeat the {names} of an earlier "
                "row (not listed one by one)",
                f"keep one row per {names}",
            )
        )
    return problems


def _same_rows(frame: pd.DataFrame, rows, firsts):
    """For each pair (``rows[i]``, ``firsts[i]``) of positions: whether the two rows hold
    the same values in every column (a missing value equals a missing value)."""
    same = np.ones(len(rows), dtype=bool)
    for column in frame.columns:
        values = frame[column].reset_index(drop=True)
        a, b = values.iloc[rows].reset_index(drop=True), values.iloc[firsts].reset_index(drop=True)
        equal = a.eq(b).to_numpy(dtype=bool, na_value=False)
        same &= equal | (a.isna().to_numpy() & b.isna().to_numpy())
    return same
