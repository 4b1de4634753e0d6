"""Building blocks of findings: a change between two years and a distribution over categories.

Both are plain numbers; comparisons between years follow the county classification so
that a county is compared with the sum of its predecessors (SSB practice for regional
time series across reforms), and not at all where a predecessor was split.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from reportgen.dataset.schema import DIMENSIONS, NOT_STATED, SURVEY_ANSWERS
from reportgen.findings import suppression
from reportgen.findings.values import CentreRow, Change, Distribution


def unit_frame(frame: pd.DataFrame, year: int, unit) -> pd.DataFrame:
    """Rows of ``frame`` for ``year`` and the unit (all counties for the country)."""
    rows = frame[frame["year"] == year]
    return rows if unit.is_country else rows[rows["county_code"] == unit.county.code]


def county_sums(dataset, source: str, column: str) -> dict[tuple[int, str], int]:
    """{(year, county_code): sum of ``column``}, computed once per dataset and column."""
    key = ("sums", source, column)
    if key not in dataset.cache:
        sums = dataset.frames[source].groupby(["year", "county_code"])[column].sum()
        dataset.cache[key] = {(int(y), c): int(v) for (y, c), v in sums.items()}
    return dataset.cache[key]


def change(dataset, source: str, column: str, year: int, base_year: int, unit) -> Change:
    """Sum of ``column`` in ``year`` against ``base_year`` for the unit, across reforms."""
    sums = county_sums(dataset, source, column)
    years = {y for y, _ in sums}
    if unit.is_country:
        total = lambda y: sum(v for (yy, _), v in sums.items() if yy == y)  # noqa: E731
        current = total(year)
        return Change(
            current,
            total(base_year) if base_year in years else None,
            "ok" if base_year in years else "missing",
        )
    current = sums.get((year, unit.county.code), 0)
    if base_year not in years:
        return Change(current, None, "missing")
    key = ("base", unit.county.code, year, base_year)
    if key not in dataset.cache:
        dataset.cache[key] = base_codes(dataset.classification, unit.county.code, year, base_year)
    codes, status = dataset.cache[key]
    if status == "split":
        return Change(current, None, "split")
    return Change(current, sum(sums.get((base_year, c), 0) for c in codes), status)


def base_codes(classification, code: str, year: int, base_year: int):
    """Counties of ``base_year`` that make up county ``code`` of ``year``, and the status."""
    codes = []
    for old in classification.valid_in(base_year):
        successors = classification.successors(old.code, base_year, year)
        if code in successors:
            if len(successors) > 1:
                return [], "split"
            codes.append(old.code)
    return codes, "ok" if codes == [code] else "merged"


def distribution(dataset, dimension: str, year: int, unit, hidden=frozenset()) -> Distribution:
    """Persons per category of ``dimension`` (or respondents per answer for "survey").

    Categories that mean "not stated" (``schema.NOT_STATED``) are left out, so shares are
    of the persons with a stated value, in text and charts alike (SSB practice).
    """
    sums = category_sums(dataset, dimension)
    counties = (
        [c.code for c in dataset.classification.valid_in(year)]
        if unit.is_country
        else [unit.county.code]
    )
    order = SURVEY_ANSWERS if dimension == "survey" else DIMENSIONS[dimension]
    stated = [code for code in order if code not in NOT_STATED]
    counts = tuple(
        (code, sum(sums.get((year, county, code), 0) for county in counties)) for code in stated
    )
    return Distribution(counts, hidden - NOT_STATED)


def category_sums(dataset, dimension: str) -> dict[tuple[int, str, str], int]:
    """{(year, county_code, category): persons} of ``dimension`` (respondents per answer
    for "survey"), computed once per dataset and dimension."""
    key = ("categories", dimension)
    if key not in dataset.cache:
        if dimension == "survey":
            frame, category, value = dataset.frames["survey"], "answer", "respondents"
        else:
            users = dataset.frames["users"]
            frame, category, value = users[users["dimension"] == dimension], "category", "persons"
        sums = frame.groupby(["year", "county_code", category])[value].sum()
        dataset.cache[key] = {(int(y), c, k): int(v) for (y, c, k), v in sums.items()}
    return dataset.cache[key]


MIN_RESPONDENTS = 10  # survey shares from fewer respondents are not shown


def hidden_categories(
    dataset, dimension: str, year: int, code: str, threshold: int
) -> frozenset[str]:
    """Categories of ``dimension`` hidden for county ``code`` (primary and secondary)."""
    if dimension == "survey":
        survey = dataset.frames["survey"]
        rows = survey[(survey.year == year) & (survey.county_code == code)]
        return (
            frozenset(SURVEY_ANSWERS) if rows.respondents.sum() < MIN_RESPONDENTS else frozenset()
        )
    codes, mask = _county_mask(dataset, dimension, year, threshold)
    if code not in codes:
        return frozenset()
    row = mask[codes.index(code)]
    return frozenset(c for c, hidden in zip(_stated(dimension), row) if hidden)


def _county_mask(dataset, dimension, year, threshold):
    key = ("mask", dimension, year, threshold)
    if key not in dataset.cache:
        dataset.cache[key] = _protect_counties(dataset.frames["users"], dimension, year, threshold)
    return dataset.cache[key]


def _protect_counties(users, dimension, year, threshold):
    """Mask over counties × stated categories; the published shares are of the stated total,
    which is taken as known (conservative), as are the national totals."""
    rows = users[(users.year == year) & (users.dimension == dimension)]
    table = rows.pivot_table(
        index="county_code", columns="category", values="persons", aggfunc="sum", fill_value=0
    ).reindex(columns=_stated(dimension), fill_value=0)
    return list(table.index), suppression.protect(table.to_numpy(), threshold)


def _stated(dimension: str) -> list[str]:
    return [code for code in DIMENSIONS[dimension] if code not in NOT_STATED]


def centre_rows(dataset, year: int, code: str, threshold: int) -> tuple[CentreRow, ...]:
    """The county's centres (by id) with users suppressed where needed (county total known)."""
    centres = dataset.frames["centres"]
    rows = centres[(centres.year == year) & (centres.county_code == code)].sort_values("centre_id")
    users = rows["unique_users"].to_numpy().reshape(-1, 1)
    mask = (
        suppression.protect(users, threshold, row_totals=False)
        if len(rows)
        else np.zeros((0, 1), bool)
    )
    return tuple(
        CentreRow(
            r.centre_id,
            r.centre_name,
            None if hidden else int(r.unique_users),
            int(r.individual_conversations),
            int(r.group_sessions),
        )
        for r, hidden in zip(rows.itertuples(), mask[:, 0])
    )


def population(dataset, year: int, unit) -> int | None:
    """Population of the unit on 1 January of ``year``, or None if not in the data."""
    frame = dataset.frames.get("population")
    if frame is None:
        return None
    rows = frame[frame.year == year]
    if not unit.is_country:
        rows = rows[rows.county_code == unit.county.code]
    return int(rows.population.sum()) if len(rows) else None


def users_series(dataset, year: int, unit) -> tuple[tuple[int, int | None], ...]:
    """Unique users per year from the first year in the data up to ``year``, in today's
    borders (predecessors summed). A year missing from the data, or one that cannot be
    compared (a split), has None."""
    return tuple(
        (earlier, change(dataset, "centres", "unique_users", year, earlier, unit).previous)
        for earlier in range(dataset.years[0], year + 1)
    )
