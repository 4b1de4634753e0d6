"""The published distributions: persons per category and survey answers of a unit, with
the counts hidden by the rule of ``findings.disclosure`` taken out.

Tables protected (``suppression.protect``, national totals taken as published):
counties × stated categories, a county whose users are hidden wholly hidden; respondents
per county; counties × answers, a county whose respondents are hidden or fewer than
``MIN_RESPONDENTS`` wholly hidden. The country's own distributions are national figures
and shown, except the survey's when fewer than ``MIN_RESPONDENTS`` answered.
"""

from __future__ import annotations

import numpy as np

from reportgen.dataset.schema import SURVEY_ANSWERS
from reportgen.findings.disclosure import hidden_users
from reportgen.findings.sums import distribution, stated_categories
from reportgen.findings.suppression import MIN_RESPONDENTS, protect
from reportgen.findings.values import Distribution


def published_distribution(
    dataset, dimension: str, year: int, unit, threshold: int
) -> Distribution:
    """``sums.distribution`` of ``dimension`` for ``unit`` in ``year`` as published: the
    counts hidden below the national level taken out (and the total, where it is hidden);
    the country's survey wholly hidden when fewer than ``MIN_RESPONDENTS`` answered."""
    if unit.is_country:
        found = distribution(dataset, dimension, year, unit)
        if dimension != "survey" or not 0 < (found.total or 0) < MIN_RESPONDENTS:
            return found
        return Distribution.of(found.counts, frozenset(SURVEY_ANSWERS))
    code = unit.county.code
    if dimension == "survey":
        codes, respondents_hidden, mask = _survey_masks(dataset, year, threshold)
        total_hidden = code in codes and bool(respondents_hidden[codes.index(code)])
    else:
        codes, mask = _category_mask(dataset, dimension, year, threshold)
        total_hidden = code in hidden_users(dataset, year, threshold)
    row = mask[codes.index(code)] if code in codes else ()
    published = stated_categories(dataset, dimension)
    hidden = frozenset(c for c, h in zip(published, row) if h)
    return distribution(dataset, dimension, year, unit, hidden, total_hidden=total_hidden)


def _category_mask(dataset, dimension: str, year: int, threshold: int):
    """(county codes, mask) over counties × stated categories; the published shares are of
    the stated total, which is taken as known (conservative), as are the national totals."""
    key = ("mask", dimension, year, threshold)
    if key not in dataset.cache:
        users = dataset.frames["users"]
        rows = users[(users.year == year) & (users.dimension == dimension)]
        table = rows.pivot_table(
            index="county_code", columns="category", values="persons", aggfunc="sum", fill_value=0
        ).reindex(columns=list(stated_categories(dataset, dimension)), fill_value=0)
        hidden = hidden_users(dataset, year, threshold)
        rows_hidden = np.array([code in hidden for code in table.index], dtype=bool)
        dataset.cache[key] = (list(table.index), _protect_rows(table, threshold, rows_hidden))
    return dataset.cache[key]


def _survey_masks(dataset, year: int, threshold: int):
    """(county codes, respondents hidden per county, mask over counties × answers)."""
    key = ("survey mask", year, threshold)
    if key not in dataset.cache:
        survey = dataset.frames["survey"]
        table = (
            survey[survey.year == year]
            .pivot_table(
                index="county_code",
                columns="answer",
                values="respondents",
                aggfunc="sum",
                fill_value=0,
            )
            .reindex(columns=list(SURVEY_ANSWERS), fill_value=0)
        )
        totals = table.to_numpy().sum(axis=1).reshape(-1, 1)
        total_hidden = protect(totals, threshold, row_totals=False)[:, 0]
        too_few = (totals[:, 0] > 0) & (totals[:, 0] < MIN_RESPONDENTS)
        mask = _protect_rows(table, threshold, total_hidden | too_few)
        dataset.cache[key] = (list(table.index), total_hidden, mask)
    return dataset.cache[key]


def _protect_rows(table, threshold: int, rows_hidden: np.ndarray) -> np.ndarray:
    """``protect`` of a counties × categories frame with the rows ``rows_hidden`` hidden."""
    values = table.to_numpy()
    if not values.size:
        return np.zeros(values.shape, dtype=bool)
    start = np.repeat(rows_hidden.reshape(-1, 1), values.shape[1], axis=1)
    return protect(values, threshold, hidden=start)
