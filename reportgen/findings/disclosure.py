"""Disclosure control: which counts are hidden, one rule for every place a count or a
share is published (text, tables, totals, charts, the data files, the article, the indexes).

The rule (README, *Confidentiality*): below the national level, counts of persons from 1
to ``threshold - 1`` are hidden (primary suppression), and further counts so that none can
be computed back from what is published (secondary suppression: ``suppression.protect``
and its exact audit). Persons are unique users, persons per category and survey answers.
Survey results are shown only where at least ``MIN_RESPONDENTS`` answered, for the country
as for a county. A hidden count is hidden in every memo that would publish it: a county's
users in its own memo, in the national table and in the charts alike.

The tables protected, with the totals the audit takes as published:
- unique users: the counties with a centre, with the national total; a county's centres
  with the county's total (all of them when the county's total is hidden);
- persons per category: counties × stated categories, with county and national totals;
  a county whose users are hidden has its whole row hidden;
- survey: respondents per county, with the national total; counties × answers, with
  both totals; a county whose respondents are hidden or too few has its whole row hidden.
A comparison with a base year is hidden when its base holds a count hidden that year.
The masks of the distributions are in ``findings.distributions``.
"""

from __future__ import annotations

import numpy as np

from reportgen.findings.sums import base_of, change, county_sums
from reportgen.findings.suppression import protect
from reportgen.findings.values import CentreRow, Change


def hidden_users(dataset, year: int, threshold: int) -> frozenset[str]:
    """Codes of the counties whose unique users in ``year`` are hidden."""
    key = ("hidden users", year, threshold)
    if key not in dataset.cache:
        sums = county_sums(dataset, "centres", "unique_users")
        codes = sorted(code for y, code in sums if y == year)
        column = np.array([[sums[(year, code)]] for code in codes], dtype=np.int64)
        mask = protect(column.reshape(-1, 1), threshold, row_totals=False)
        dataset.cache[key] = frozenset(c for c, hidden in zip(codes, mask[:, 0]) if hidden)
    return dataset.cache[key]


def users_change(dataset, year: int, base_year: int, unit, threshold: int) -> Change:
    """Unique users of ``unit`` in ``year`` against ``base_year`` as published: the count
    None when hidden, the base None when it holds a count hidden in ``base_year``, and
    the status "hidden" then (no change is shown). The country's are never hidden."""
    found = change(dataset, "centres", "unique_users", year, base_year, unit)
    if unit.is_country:
        return found
    code = unit.county.code
    now = code in hidden_users(dataset, year, threshold)
    codes, _ = base_of(dataset, code, year, base_year)
    base = found.previous is not None and bool(
        hidden_users(dataset, base_year, threshold).intersection(codes)
    )
    if not (now or base):
        return found
    status = "hidden" if found.previous is not None else found.status
    return Change(None if now else found.current, None if base else found.previous, status)


def users_series(dataset, year: int, unit, threshold: int):
    """((year, users or None), …) from the first year in the data up to ``year``, in
    today's borders, and the years among them whose count is hidden. None: a year missing
    from the data, one that cannot be compared (a split), or a hidden one."""
    changes = [
        (earlier, users_change(dataset, year, earlier, unit, threshold))
        for earlier in range(dataset.years[0], year + 1)
    ]
    hidden = tuple(y for y, c in changes if c.previous is None and c.status == "hidden")
    return tuple((y, c.previous) for y, c in changes), hidden


def centre_rows(dataset, year: int, code: str, threshold: int) -> tuple[CentreRow, ...]:
    """The county's centres (by id), users hidden where needed: protected with the
    county's total published, or all hidden when the county's total is hidden."""
    centres = dataset.frames["centres"]
    rows = centres[(centres.year == year) & (centres.county_code == code)].sort_values("centre_id")
    users = rows["unique_users"].to_numpy().reshape(-1, 1)
    if code in hidden_users(dataset, year, threshold) or not len(rows):
        mask = np.ones(users.shape, dtype=bool)
    else:
        mask = protect(users, threshold, row_totals=False)
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
