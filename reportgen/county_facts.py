"""Facts that only county memos need: suppression masks, centre rows, population, series.

Every count of persons below the national level passes through ``suppression.protect``
over the whole table it belongs to (all counties × categories, or all centres of a county
with the county total), so a hidden cell cannot be computed back from other memos either.
"""

from __future__ import annotations

import numpy as np

from . import suppression
from .facts import change
from .schema import DIMENSIONS, NOT_STATED, SURVEY_ANSWERS
from .values import CentreRow

MIN_RESPONDENTS = 10  # survey shares from fewer respondents are not shown


def hidden_categories(dataset, dimension: str, year: int, code: str,
                      threshold: int) -> frozenset[str]:
    """Categories of ``dimension`` hidden for county ``code`` (primary and secondary)."""
    if dimension == "survey":
        survey = dataset.frames["survey"]
        rows = survey[(survey.year == year) & (survey.county_code == code)]
        return frozenset(SURVEY_ANSWERS) if rows.respondents.sum() < MIN_RESPONDENTS \
            else frozenset()
    codes, mask = _county_mask(dataset, dimension, year, threshold)
    if code not in codes:
        return frozenset()
    row = mask[codes.index(code)]
    return frozenset(c for c, hidden in zip(_stated(dimension), row) if hidden)


def _county_mask(dataset, dimension, year, threshold):
    key = ("mask", dimension, year, threshold)
    if key not in dataset.cache:
        dataset.cache[key] = _protect_counties(dataset.frames["users"], dimension, year,
                                               threshold)
    return dataset.cache[key]


def _protect_counties(users, dimension, year, threshold):
    """Mask over counties × stated categories; the published shares are of the stated total,
    which is taken as known (conservative), as are the national totals."""
    rows = users[(users.year == year) & (users.dimension == dimension)]
    table = rows.pivot_table(index="county_code", columns="category", values="persons",
                             aggfunc="sum", fill_value=0).reindex(
        columns=_stated(dimension), fill_value=0)
    return list(table.index), suppression.protect(table.to_numpy(), threshold)


def _stated(dimension: str) -> list[str]:
    return [code for code in DIMENSIONS[dimension] if code not in NOT_STATED]


def centre_rows(dataset, year: int, code: str, threshold: int) -> tuple[CentreRow, ...]:
    """The county's centres (by id) with users suppressed where needed (county total known)."""
    centres = dataset.frames["centres"]
    rows = centres[(centres.year == year) & (centres.county_code == code)].sort_values(
        "centre_id")
    users = rows["unique_users"].to_numpy().reshape(-1, 1)
    mask = suppression.protect(users, threshold, row_totals=False) if len(rows) else \
        np.zeros((0, 1), bool)
    return tuple(CentreRow(r.centre_id, r.centre_name, None if hidden else int(r.unique_users),
                           int(r.individual_conversations), int(r.group_sessions))
                 for r, hidden in zip(rows.itertuples(), mask[:, 0]))


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
    return tuple((earlier, change(dataset, "centres", "unique_users", year, earlier,
                                  unit).previous)
                 for earlier in range(dataset.years[0], year + 1))
