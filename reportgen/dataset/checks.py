"""Rules across rows and tables: valid county codes per year, one county per centre,
dimensions and categories written as codes, and breakdowns that sum to the county's unique
users.

Cells that failed conversion (missing values in the typed frames) are left out of the
sums, so one bad cell gives one problem.
"""

from __future__ import annotations

import re

import pandas as pd

from reportgen.dataset.breakdowns import breakdown_sums
from reportgen.dataset.contacts import contact_sums
from reportgen.dataset.counties import Classification
from reportgen.dataset.raw import RawDataset
from reportgen.dataset.validate import suggest
from reportgen.errors import ERROR, WARNING, Problem

COUNTY_SOURCES = ("centres", "users", "survey", "population")
_COUNTY = re.compile("[0-9]{2}")
_CODE = re.compile("[a-z0-9_]+")  # a dimension or category: lowercase letters, digits, _


def check_dataset(
    frames: dict[str, pd.DataFrame], raw: RawDataset, classification: Classification | None
) -> list[Problem]:
    """Problems across tables; ``frames`` are the typed frames from ``validate.convert``.

    Without a classification (counties.csv is broken) the county codes are not checked.
    """
    problems: list[Problem] = []
    for name in COUNTY_SOURCES:
        if name in frames and classification is not None:
            problems += county_codes(frames[name], raw, name, classification)
    if "centres" in frames:
        problems += centre_in_two_counties(frames["centres"], raw)
    if "users" in frames:
        problems += codes_in(frames["users"], raw, "users", ("dimension", "category"))
        if "centres" in frames:
            problems += breakdown_sums(frames["users"], frames["centres"], raw)
    if "contacts" in frames:
        problems += codes_in(frames["contacts"], raw, "contacts", ("service", "channel"))
        problems += contact_sums(frames["contacts"], frames.get("centres"), raw)
    return problems


def county_codes(
    frame: pd.DataFrame, raw: RawDataset, name: str, classification: Classification
) -> list[Problem]:
    """One problem per year and county code not valid in that year (at its first row)."""
    table = raw.tables[name]
    firsts: dict[tuple, int] = {}
    counts: dict[tuple, int] = {}
    for position, pair in enumerate(zip(frame["year"].tolist(), frame["county_code"].tolist())):
        firsts.setdefault(pair, position)
        counts[pair] = counts.get(pair, 0) + 1
    valid = {
        y: {c.code for c in classification.valid_in(y)}
        for y in {y for y, _ in firsts if not pd.isna(y)}
    }
    problems = []
    for (year, code), position in firsts.items():
        if pd.isna(year) or not _COUNTY.fullmatch(code) or code in valid[year]:
            continue  # a bad year or a malformed code is reported by validate
        more = counts[year, code] - 1
        problems.append(
            table.problem(
                position,
                "county_code",
                code,
                f"is not a county code valid in {year}"
                + (f"; {more} more rows have it too" if more else ""),
                f"use a code from counties.csv valid that year: {', '.join(sorted(valid[year]))}",
            )
        )
    return problems


def centre_in_two_counties(centres: pd.DataFrame, raw: RawDataset) -> list[Problem]:
    """A problem for each centre given more than one county in one year (at its last row)."""
    table = raw.tables["centres"]
    places: dict[tuple, list[int]] = {}
    pairs = zip(centres["year"].tolist(), centres["centre_id"].tolist())
    for position, pair in enumerate(pairs):
        places.setdefault(pair, []).append(position)
    problems = []
    for (year, centre), positions in places.items():
        codes = centres["county_code"].iloc[positions] if len(positions) > 1 else ()
        if len(set(codes)) > 1:
            where = [f"{code} in row {table.rows[i]}" for i, code in zip(positions, codes)]
            listed = ", ".join(where[:-1]) + f" and {where[-1]}"
            problems.append(
                table.problem(
                    positions[-1],
                    "county_code",
                    None,
                    f"centre {centre} is in {len(set(codes))} counties in {year}: {listed}",
                    "give the centre the one county it belonged to that year",
                )
            )
    return problems


def codes_in(frame: pd.DataFrame, raw: RawDataset, name: str, columns) -> list[Problem]:
    """An error for each value of ``columns`` (dimension and category, service and channel)
    that is not a code (at its first row), and a warning for a value of the first column
    close to another's (a typo makes a dimension of its own)."""
    table, problems, seen = raw.tables[name], [], set()
    for column in columns:
        for i, value in enumerate(frame[column].tolist()):
            if (column, value) in seen or _CODE.fullmatch(value) or not value.strip():
                continue
            seen.add((column, value))
            code = value.strip().lower().replace(" ", "_").replace("-", "_")
            fix = f"write '{code}'" if _CODE.fullmatch(code) else "write it with a-z, 0-9 and _"
            rule = "is not a code (lowercase letters a-z, digits and _)"
            problems.append(table.problem(i, column, value, rule, fix))
    values = frame[columns[0]].tolist()
    names = list(dict.fromkeys(values))
    for position, value in enumerate(names):
        other = suggest(value, names[:position])
        if other is not None and other != value:
            rule = f"is a {columns[0]} of its own, but close to '{other}'"
            fix = f"write '{other}' if it is the same {columns[0]}"
            problems.append(
                table.problem(values.index(value), columns[0], value, rule, fix, WARNING)
            )
    return problems


WITHOUT = {"survey": "the user survey"}  # a year without users is an error (breakdowns)


def year_problems(frames: dict[str, pd.DataFrame], raw: RawDataset, year: int) -> list[Problem]:
    """An error if centres.csv has no rows for ``year``; warnings if it lacks the year
    before (no comparison) or survey.csv lacks ``year`` (that part of the memo is left out)."""
    if "centres" not in frames:
        return []
    years = sorted(int(y) for y in frames["centres"]["year"].dropna().unique())
    label = raw.tables["centres"].label
    if year not in years:
        fix = f"choose a year in the data ({years_text(years)}), or add its rows"
        return [_year_problem(label, f"has no rows for {year}", fix, ERROR)]
    problems = []
    if year - 1 not in years:
        rule = (
            f"has no rows for {year - 1}, the year before {year}, "
            "so the memo cannot compare with it"
        )
        fix = f"add the {year - 1} rows, or accept a memo without the comparison"
        problems.append(_year_problem(label, rule, fix, WARNING))
    for name, part in WITHOUT.items():
        if name in frames and year not in set(frames[name]["year"].dropna()):
            rule = f"has no rows for {year}, so the memo says nothing about {part} that year"
            problems.append(_year_problem(raw.tables[name].label, rule, f"add the {year} rows"))
    return problems


def _year_problem(label: str, rule: str, fix: str, severity: str = WARNING) -> Problem:
    """A problem with the 'year' column of a whole file."""
    return Problem(label, None, "year", None, rule, fix, severity)


def gap_problems(frames: dict[str, pd.DataFrame], raw: RawDataset) -> list[Problem]:
    """A warning for each year missing between the first and last year of centres.csv
    (the memo then shows it as ".." and compares across it with nothing)."""
    if "centres" not in frames:
        return []
    years = sorted(int(y) for y in frames["centres"]["year"].dropna().unique())
    missing = sorted(set(range(years[0], years[-1] + 1)) - set(years)) if years else []
    return [
        Problem(
            raw.tables["centres"].label,
            None,
            "year",
            None,
            f"has no rows for {gap}, between {years[0]} and {years[-1]}",
            f"add the {gap} rows, or accept memos that show {gap} as missing",
            WARNING,
        )
        for gap in missing
    ]


def years_text(years: list[int]) -> str:
    """Years as "2015–2024" when consecutive, else "2015, 2017"."""
    if not years:
        return "none"
    if years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(map(str, years))
