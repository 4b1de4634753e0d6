"""Small-number suppression for tables below the national level (SSB practice).

Primary suppression hides every count of persons from 1 up to ``threshold - 1``
(default: fewer than 5). Secondary suppression then hides further cells until no hidden
cell can be computed back from the published cells and totals: first every line (row or
column with a published total) gets at least two hidden cells, then an exact audit
(linear algebra over the table's additive constraints) adds cells while any hidden value
is still determined. Source: SSB, https://www.ssb.no/omssb/personvern/personopplysninger-i-statistikken
(symbol ":"), and the cell-suppression audit of Tau-Argus (a hidden cell is safe only if
it is not a linear function of published values).
"""

from __future__ import annotations

import numpy as np

DEFAULT_THRESHOLD = 5  # counts 1..4 are hidden
MIN_RESPONDENTS = 10  # survey results are shown only where at least ten answered (nationally too)
SUPPRESSED = ":"  # SSB: not shown for confidentiality


def primary(values: np.ndarray, threshold: int = DEFAULT_THRESHOLD) -> np.ndarray:
    """Boolean mask of the cells with 1 ≤ value < threshold."""
    return (values >= 1) & (values < threshold)


def protect(
    values,
    threshold: int = DEFAULT_THRESHOLD,
    *,
    row_totals: bool = True,
    column_totals: bool = True,
    hidden=None,
) -> np.ndarray:
    """Mask (True = hidden) for a 2-D table of counts whose row/column totals are published.

    ``values``: array-like rows × columns of non-negative integers. A 1-D line with a
    published total is a table of one column. The grand total is taken as published.
    ``hidden``: a boolean mask of the same shape of cells not published for another reason
    (a county whose total is hidden, a survey with too few answers); they are protected
    like the small counts, so that no total gives them back either.
    """
    table = np.asarray(values, dtype=np.int64)
    mask = primary(table, threshold)
    if hidden is not None:
        mask |= np.asarray(hidden, dtype=bool)
    while True:
        mask = _at_least_two_per_line(table, mask, row_totals, column_totals)
        exposed = determined(mask, row_totals=row_totals, column_totals=column_totals)
        partner = _cheapest_partner(table, mask, exposed[0]) if exposed else None
        if partner is None:  # all safe, or every cell hidden already (one centre, 1 user)
            return mask
        mask[partner] = True


def determined(
    mask: np.ndarray, *, row_totals: bool = True, column_totals: bool = True
) -> list[tuple[int, int]]:
    """Hidden cells whose value follows from published cells and totals (exact audit)."""
    hidden = [tuple(int(i) for i in cell) for cell in np.argwhere(mask)]
    if not hidden:
        return []
    constraints = _constraints(mask.shape, hidden, row_totals, column_totals)
    if constraints.size == 0:
        return []
    rank = np.linalg.matrix_rank(constraints)
    exposed: list[tuple[int, int]] = []
    for index, cell in enumerate(hidden):
        unit = np.zeros((1, len(hidden)))
        unit[0, index] = 1
        if np.linalg.matrix_rank(np.vstack([constraints, unit])) == rank:
            exposed.append((int(cell[0]), int(cell[1])))
    return exposed


def _constraints(shape, hidden, row_totals, column_totals) -> np.ndarray:
    """One equation per published line: the hidden cells of that line sum to a known value."""
    rows = []
    lines = ([("row", r) for r in range(shape[0])] if row_totals else []) + (
        [("col", c) for c in range(shape[1])] if column_totals else []
    )
    for kind, number in lines:
        rows.append([1.0 if cell[0 if kind == "row" else 1] == number else 0.0 for cell in hidden])
    # the grand total: all hidden cells together sum to a known value
    rows.append([1.0] * len(hidden))
    return np.array([r for r in rows if any(r)])


def _at_least_two_per_line(table, mask, row_totals, column_totals) -> np.ndarray:
    mask = mask.copy()
    changed = True
    while changed:
        changed = False
        for axis, enabled in ((1, row_totals), (0, column_totals)):
            if not enabled:
                continue
            for line in np.flatnonzero(mask.sum(axis=axis) == 1):
                cell = _cheapest_in_line(table, mask, axis, line)
                if cell is not None:
                    mask[cell] = changed = True
    return mask


def _cheapest_in_line(table, mask, axis, line):
    """The smallest published non-zero cell of a row (axis 1) or column (axis 0)."""
    cells = (
        [(line, j) for j in range(table.shape[1])]
        if axis == 1
        else [(i, line) for i in range(table.shape[0])]
    )
    open_cells = [c for c in cells if not mask[c]]
    nonzero = [c for c in open_cells if table[c] > 0] or open_cells
    return min(nonzero, key=lambda c: (table[c], c)) if nonzero else None


def _cheapest_partner(table, mask, cell):
    """Hide one more cell next to an exposed one: the cheapest in its row, else its column."""
    for axis, line in ((1, cell[0]), (0, cell[1])):
        partner = _cheapest_in_line(table, mask, axis, line)
        if partner is not None:
            return partner
    hidden_all = bool(mask.all())
    return None if hidden_all else tuple(np.argwhere(~mask)[0])
