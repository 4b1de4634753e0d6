"""Rules across rows and tables: valid county codes per year, one county per centre,
breakdowns that sum to the county's unique users, and warnings for missing years."""

from __future__ import annotations

import pandas as pd

from .counties import Classification
from .load import RawDataset
from .schema import DIMENSIONS
from .validate import Problem


def check_dataset(frames: dict[str, pd.DataFrame], raw: RawDataset,
                  classification: Classification) -> list[Problem]:
    """Problems across tables; ``frames`` are the typed frames from ``validate.convert``."""
    problems: list[Problem] = []
    for name in ("centres", "users", "survey", "population"):
        if name in frames:
            problems += _county_codes(frames[name], raw, name, classification)
    if "centres" in frames:
        problems += _centre_in_two_counties(frames["centres"], raw)
    if "users" in frames:
        problems += _categories_per_dimension(frames["users"], raw)
        if "centres" in frames:
            problems += _breakdown_sums(frames["users"], frames["centres"], raw)
    return problems


def _where(raw: RawDataset, name: str, index) -> tuple[str, int]:
    table = raw.tables[name]
    return str(table.path), int(index) + table.first_row


def _county_codes(frame, raw, name, classification) -> list[Problem]:
    problems = []
    pairs = frame[["year", "county_code"]].drop_duplicates()
    for index, year, code in pairs.itertuples():
        if pd.notna(year) and classification.get(code, int(year)) is None:
            valid = ", ".join(c.code for c in classification.valid_in(int(year)))
            file, row = _where(raw, name, index)
            problems.append(Problem(file, row, "county_code", code,
                                    f"is not a county code valid in {year}",
                                    f"use a code from counties.csv valid that year: {valid}"))
    return problems


def _centre_in_two_counties(centres, raw) -> list[Problem]:
    counts = centres.groupby(["year", "centre_id"])["county_code"].nunique()
    problems = []
    for year, centre in counts[counts > 1].index:
        rows = centres[(centres.year == year) & (centres.centre_id == centre)]
        file, row = _where(raw, "centres", rows.index[-1])
        problems.append(Problem(file, row, "county_code", ", ".join(rows.county_code),
                                f"centre {centre} is in two counties in {year}",
                                "give the centre one county code per year"))
    return problems


def _categories_per_dimension(users, raw) -> list[Problem]:
    problems = []
    for index, dimension, category in users[["dimension", "category"]].itertuples():
        allowed = DIMENSIONS.get(dimension)
        if allowed and category not in allowed:
            file, row = _where(raw, "users", index)
            problems.append(Problem(file, row, "category", category,
                                    f"is not a category of '{dimension}'",
                                    f"use one of: {', '.join(allowed)}"))
    return problems


def _breakdown_sums(users, centres, raw) -> list[Problem]:
    totals = centres.groupby(["year", "county_code"])["unique_users"].sum()
    sums = users.groupby(["year", "county_code", "dimension"])["persons"].sum()
    problems = []
    for (year, code, dimension), persons in sums.items():
        expected = totals.get((year, code))
        if expected is not None and persons != expected:
            rows = users[(users.year == year) & (users.county_code == code)
                         & (users.dimension == dimension)]
            file, row = _where(raw, "users", rows.index[0])
            problems.append(Problem(file, row, "persons", str(persons),
                                    f"{dimension} for county {code} in {year} sums to {persons}, "
                                    f"but its centres report {expected} unique users",
                                    "correct the breakdown so it sums to the unique users"))
    return problems
