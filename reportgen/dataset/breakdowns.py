"""The breakdowns in ``users.csv`` (education, age group, …) against the centres' users.

For every county and year, each dimension's persons must add up to the unique users of
the county's centres in ``centres.csv``; the dimensions are those the data has that year.
"""

from __future__ import annotations

import pandas as pd

from reportgen.dataset.raw import RawDataset
from reportgen.errors import Problem

COUNTY_YEAR = ["year", "county_code"]
KEY = [*COUNTY_YEAR, "dimension"]


def breakdown_sums(users: pd.DataFrame, centres: pd.DataFrame, raw: RawDataset) -> list[Problem]:
    """Breakdowns that do not sum to the county's unique users, are missing, or count
    persons in a county without centres. A repeated row is counted once."""
    totals = _sums(centres, COUNTY_YEAR, "unique_users", ["centre_id"])
    sums = _sums(users, KEY, "persons", ["category"])
    table = raw.tables["users"]
    problems, stray = [], set()
    for key, (persons, positions) in sums.items():
        if persons is None:
            continue  # bad cells are reported by validate
        expected = totals[key[:2]][0] if key[:2] in totals else None
        if key[:2] not in totals and persons > 0 and key[:2] not in stray:
            stray.add(key[:2])
            year, code, dimension = key
            problems.append(_stray(table, positions, year, code, dimension, persons))
        elif expected is not None and persons != expected:
            year, code, dimension = key
            problems.append(_wrong(table, positions, year, code, dimension, persons, expected))
    return problems + _missing(sums, totals, table)


def span(rows: list[int]) -> str:
    """Row numbers as text: "row 7", "rows 7–11" (consecutive) or "rows 7, 9 and 12"."""
    rows = sorted(rows)
    if len(rows) == 1:
        return f"row {rows[0]}"
    if rows == list(range(rows[0], rows[-1] + 1)):
        return f"rows {rows[0]}–{rows[-1]}"
    return "rows " + ", ".join(map(str, rows[:-1])) + f" and {rows[-1]}"


def _sums(frame: pd.DataFrame, keys: list[str], column: str, rest: list[str]) -> dict:
    """``column`` summed per ``keys`` → (sum, positions), counting a row whose
    ``keys + rest`` repeat an earlier row once; the sum is None if a value is bad."""
    sums: dict[tuple, list] = {}
    broken, seen = set(), set()
    values, width = frame[column].tolist(), len(keys)
    missing_keys = any(frame[c].hasnans for c in keys)
    for position, row in enumerate(zip(*(frame[c].tolist() for c in keys + rest))):
        if row in seen or missing_keys and any(k is pd.NA for k in row[:width]):
            continue
        seen.add(row)
        entry = sums.setdefault(row[:width], [0, []])
        if values[position] is pd.NA:
            broken.add(row[:width])
        else:
            entry[0] += values[position]
        entry[1].append(position)
    return {
        key: (None if key in broken else total, positions)
        for key, (total, positions) in sums.items()
    }


def _wrong(table, positions, year, code, dimension, persons, expected) -> Problem:
    what = f"sum to {persons}, but the county's centres report {int(expected)} unique users"
    fix = f"correct the rows so they sum to {int(expected)}, the unique users in centres.csv"
    return _rows_problem(
        table, positions, f"{dimension} rows for county {code} in {year}", what, fix
    )


def _stray(table, positions, year, code, dimension, persons) -> Problem:
    what = f"count {persons} persons, but centres.csv has no centre in county {code} that year"
    fix = "check the county code and year, or add the county's centres to centres.csv"
    return _rows_problem(
        table, positions, f"{dimension} rows for county {code} in {year}", what, fix
    )


def _rows_problem(table, positions: list[int], rows_of: str, what: str, fix: str) -> Problem:
    """A problem about a group of rows: "the <rows_of> (rows 7–11) <what>"."""
    rows = [table.rows[i] for i in positions]
    return table.problem(positions[0], "persons", None, f"the {rows_of} ({span(rows)}) {what}", fix)


def _missing(sums: dict, totals: dict, table) -> list[Problem]:
    """County-years with users but no (or not all) breakdown rows; a year with users in
    centres.csv but no rows at all in users.csv is one problem (every memo of that year
    describes its users, so none can be built)."""
    found: dict[tuple, set[str]] = {}
    dimensions: dict[int, dict[str, None]] = {}  # per year, in the order of the rows
    for year, code, dimension in sums:
        found.setdefault((year, code), set()).add(dimension)
        dimensions.setdefault(year, {})[dimension] = None
    problems = _missing_years(totals, set(dimensions), table)
    for (year, code), (expected, _) in totals.items():
        have = found.get((year, code), set())
        if not expected or year not in dimensions or have >= set(dimensions[year]):
            continue
        lacking = [d for d in dimensions[year] if d not in have]
        what = "rows" if not have else " and ".join(lacking) + " rows"
        problems.append(
            Problem(
                table.label,
                None,
                None,
                None,
                f"has no {what} for county {code} in {year}, "
                f"whose centres report {expected} unique users",
                "add the breakdown of the county's users (see data/README.md)",
            )
        )
    return problems


def _missing_years(totals: dict, years: set, table) -> list[Problem]:
    """One problem per year whose centres report users but that users.csv has no rows for."""
    users: dict = {}
    for (year, _), (expected, _) in totals.items():
        if expected and year not in years:
            users[year] = users.get(year, 0) + expected
    return [
        Problem(
            table.label,
            None,
            "year",
            None,
            f"has no rows for {year}, whose centres report {int(persons)} unique users, "
            f"so no memo for {year} can say who the users are",
            f"add the {year} rows: for each county with a centre, the persons per "
            "dimension and category (see data/README.md)",
        )
        for year, persons in sorted(users.items())
    ]
