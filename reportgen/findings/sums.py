"""Building blocks of findings: a change between two years and a distribution over categories.

Both are plain numbers; comparisons between years follow the county classification so
that a county is compared with the sum of its predecessors (SSB practice for regional
time series across reforms), and not at all where a predecessor was split.
"""

from __future__ import annotations

import pandas as pd

from reportgen.dataset.schema import NOT_STATED, SURVEY_ANSWERS
from reportgen.findings.values import Change, Distribution


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
    codes, status = base_of(dataset, unit.county.code, year, base_year)
    if status == "split":
        return Change(current, None, "split")
    return Change(current, sum(sums.get((base_year, c), 0) for c in codes), status)


def base_of(dataset, code: str, year: int, base_year: int) -> tuple[list[str], str]:
    """``base_codes`` of the dataset's classification, computed once per dataset."""
    key = ("base", code, year, base_year)
    if key not in dataset.cache:
        dataset.cache[key] = base_codes(dataset.classification, code, year, base_year)
    return dataset.cache[key]


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


def distribution(
    dataset, dimension: str, year: int, unit, hidden=frozenset(), *, total_hidden: bool = False
) -> Distribution:
    """Persons per category of ``dimension`` (or respondents per answer for "survey"), with
    the counts of ``hidden`` (of all, with ``total_hidden``) taken out; which are hidden is
    decided by ``findings.distributions``.

    Categories that mean "not stated" (``schema.NOT_STATED``) are left out, so shares are
    of the persons with a stated value, in text and charts alike (SSB practice).
    """
    sums = category_sums(dataset, dimension)
    counties = (
        [c.code for c in dataset.classification.valid_in(year)]
        if unit.is_country
        else [unit.county.code]
    )
    counts = tuple(
        (code, sum(sums.get((year, county, code), 0) for county in counties))
        for code in stated_categories(dataset, dimension)
    )
    return Distribution.of(counts, hidden, total_hidden=total_hidden)


def user_dimensions(dataset) -> tuple[str, ...]:
    """The dimensions of users.csv, in the order of their first row."""
    return tuple(dict.fromkeys(dataset.frames["users"]["dimension"].tolist()))


def stated_categories(dataset, dimension: str) -> tuple[str, ...]:
    """The categories of ``dimension`` whose shares are published, in the order of their
    first row in users.csv (the survey's answers in ``SURVEY_ANSWERS`` order); "not
    stated" ones (``schema.NOT_STATED``) left out. Computed once per dataset."""
    key = ("stated", dimension)
    if key not in dataset.cache:
        if dimension == "survey":
            order: tuple[str, ...] = SURVEY_ANSWERS
        else:
            users = dataset.frames["users"]
            rows = users[users["dimension"] == dimension]["category"].tolist()
            order = tuple(dict.fromkeys(rows))
        dataset.cache[key] = tuple(code for code in order if code not in NOT_STATED)
    return dataset.cache[key]


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


def population(dataset, year: int, unit) -> int | None:
    """Population of the unit on 1 January of ``year``, or None if not in the data."""
    frame = dataset.frames.get("population")
    if frame is None:
        return None
    rows = frame[frame.year == year]
    if not unit.is_country:
        rows = rows[rows.county_code == unit.county.code]
    return int(rows.population.sum()) if len(rows) else None


def contacts(dataset, year: int) -> dict[str, Distribution]:
    """{service: contacts per channel in ``year``} from contacts.csv, services and channels
    in the order of their first row; national figures, shown as they are. {} without the
    file or its rows for ``year``."""
    frame = dataset.frames.get("contacts")
    if frame is None:
        return {}
    rows = frame[frame["year"] == year]
    channels = {s: tuple(dict.fromkeys(g["channel"])) for s, g in frame.groupby("service")}
    found = {}
    for service in dict.fromkeys(rows["service"]):
        sums = rows[rows["service"] == service].groupby("channel")["contacts"].sum()
        counts = tuple((c, int(sums.get(c, 0))) for c in channels[service])
        found[service] = Distribution.of(counts)
    return found
