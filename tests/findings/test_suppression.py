"""No hidden count can be computed back from what the county memos publish.

The audit here is independent of ``reportgen.suppression``: a hidden cell is exposed iff
its unit vector lies in the row space of the published additive constraints, tested via
the null space (SVD) of the constraint matrix.
"""

from __future__ import annotations

import numpy as np
import pytest

from reportgen.dataset.schema import DIMENSIONS
from reportgen.findings.compute import compute
from reportgen.findings.suppression import protect
from reportgen.findings.values import Unit

YEARS = list(range(2015, 2025))


def exposed_cells(mask: np.ndarray, row_totals: bool = True) -> list[tuple[int, int]]:
    """Hidden cells fixed by the published row, column and grand totals."""
    hidden = [tuple(c) for c in np.argwhere(mask)]
    if not hidden:
        return []
    lines = (
        [[1.0 if (c[0] == r) else 0.0 for c in hidden] for r in range(mask.shape[0])]
        if row_totals
        else []
    )
    lines += [[1.0 if c[1] == k else 0.0 for c in hidden] for k in range(mask.shape[1])]
    lines.append([1.0] * len(hidden))
    matrix = np.array(lines)
    _, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > 1e-9).sum())
    null_space = vt[rank:]
    free = np.abs(null_space).sum(axis=0) > 1e-9 if len(null_space) else np.zeros(len(hidden), bool)
    return [cell for cell, is_free in zip(hidden, free) if not is_free]


def test_audit_finds_a_lonely_hidden_cell():
    assert exposed_cells(np.array([[True, False], [False, False]])) == [(0, 0)]
    assert exposed_cells(np.array([[True, True], [True, True]])) == []


def test_protect_on_a_known_table():
    table = np.array([[10, 3, 20], [15, 12, 30], [40, 50, 60]])
    mask = protect(table)
    assert mask[0, 1] and mask.sum() == 4 and exposed_cells(mask) == []


@pytest.fixture(scope="module")
def county_findings(dataset):
    """Findings of every county memo of every year: {year: [Findings, …]}."""
    return {
        year: [compute(dataset, year, Unit(c)) for c in dataset.classification.valid_in(year)]
        for year in YEARS
    }


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_county_by_category_tables_are_safe(county_findings, year, dimension):
    """County memos publish each category's share of the (published) county total, so
    counts follow; the national memo publishes the national distribution."""
    rows, masks = [], []
    for findings in county_findings[year]:
        distribution = getattr(findings, dimension)
        rows.append([n for _, n in distribution.counts])
        masks.append([code in distribution.hidden for code, _ in distribution.counts])
    values, mask = np.array(rows), np.array(masks)
    assert mask[(values >= 1) & (values < 5)].all(), "a count of 1–4 is shown"
    assert exposed_cells(mask) == []


@pytest.mark.parametrize("year", YEARS)
def test_survey_shares_need_ten_respondents(county_findings, year):
    for findings in county_findings[year]:
        shown = findings.satisfied_share is not None
        assert shown == (findings.satisfaction.total >= 10)
        if not shown:
            assert all(
                findings.satisfaction.share(c) is None for c, _ in findings.satisfaction.counts
            )


@pytest.mark.parametrize("year", YEARS)
def test_centre_tables_are_safe(county_findings, year):
    for findings in county_findings[year]:
        rows = findings.centre_rows
        hidden = np.array([[row.users is None] for row in rows], dtype=bool)
        assert exposed_cells(hidden.reshape(-1, 1), row_totals=False) == []


def test_small_cells_exist_and_are_hidden(dataset):
    finnmark = compute(dataset, 2018, Unit(dataset.classification.get("20", 2018)))
    assert [row.users for row in finnmark.centre_rows].count(None) >= 2
    assert "under_20" in finnmark.age_group.hidden
    assert finnmark.age_group.share("under_20") is None
    oslo = compute(dataset, 2019, Unit(dataset.classification.get("03", 2019)))
    assert oslo.satisfied_share is None  # fewer than 10 respondents
