"""Compute the memo's findings for one unit (the country or a county) and one year.

Pure: takes the Dataset, returns numbers (no prose). Shares are percent (0–100), changes
are percent of the previous value; ``None`` means "not available" (no data for that
year, or a comparison broken by a county split).
"""

from __future__ import annotations

from dataclasses import replace

from reportgen.dataset.checks import years_text
from reportgen.dataset.load import Dataset
from reportgen.errors import ConfigError
from reportgen.findings.disclosure import centre_rows, users_change, users_series
from reportgen.findings.distributions import published_distribution
from reportgen.findings.services import service_findings
from reportgen.findings.story import story
from reportgen.findings.sums import (
    change,
    contacts,
    county_sums,
    population,
    unit_frame,
    user_dimensions,
)
from reportgen.findings.suppression import DEFAULT_THRESHOLD
from reportgen.findings.values import County, CountyRow, Findings, Unit, percent

LOWER_EDUCATION = ("primary", "upper_secondary")  # NUS levels 1–4: grunnskole, videregående
EDUCATION_GROUPS = {
    "lower": LOWER_EDUCATION,
    "vocational_college": ("vocational_college",),
    "higher_education": ("higher_education",),
}
SATISFIED = ("very_satisfied", "fairly_satisfied")
SHIPPED = ("education", "age_group", "gender", "work_situation")  # f.education, … by name
SIMILAR_WITHIN_PCT = 2.5  # counts within ±2.5 % of each other read as "på linje med"


def compute(
    dataset: Dataset, year: int, unit: Unit = Unit(), threshold: int = DEFAULT_THRESHOLD
) -> Findings:
    """Findings for ``unit`` in ``year`` as published: counts of persons below
    ``threshold`` below the national level, and those that would give one back, are hidden
    (``findings.disclosure``). Raises ConfigError if ``year`` has no data."""
    if year not in dataset.years:
        raise ConfigError(
            f"there is no data for {year}",
            fix=f"choose one of the years in the data: {years_text(dataset.years)}",
        )
    centres = unit_frame(dataset.frames["centres"], year, unit)
    users = users_change(dataset, year, year - 1, unit, threshold)
    series, hidden_years = users_series(dataset, year, unit, threshold)
    sessions = change(dataset, "centres", "group_sessions", year, year - 1, unit)
    sessions_before = change(dataset, "centres", "group_sessions", year, year - 2, unit).previous
    people = population(dataset, year, unit)
    found = Findings(
        year=year,
        first_year=dataset.years[0],
        unit=unit,
        users=users,
        users_since_first=users_change(dataset, year, dataset.years[0], unit, threshold),
        users_by_year=series,
        users_hidden_years=hidden_years,
        conversations=change(dataset, "centres", "individual_conversations", year, year - 1, unit),
        participants=int(centres["group_participants"].sum()),
        group_sessions=sessions,
        group_sessions_two_years_ago=sessions_before,
        group_sessions_vs_previous=compare(sessions.current, sessions.previous),
        group_sessions_vs_two_years_ago=compare(sessions.current, sessions_before),
        centres=len(centres),
        counties_with_centre=len(_counties_with_centre(dataset, year)),
        counties_total=len(dataset.classification.valid_in(year)),
        counties_new_with_centre=_new_counties(dataset, year),
        **_distributions(dataset, year, unit, threshold),
        counties=_county_rows(dataset, year, users.current, threshold) if unit.is_country else (),
        population=people,
        users_per_1000=_per_1000(users.current, people),
        **_county_parts(dataset, year, unit, users.current, threshold),
        threshold=threshold,
        contacts=contacts(dataset, year) if unit.is_country else {},
        services=service_findings(dataset, year, threshold) if unit.is_country else {},
    )
    return replace(found, story=story(dataset, found))


def _per_1000(users: int | None, people: int | None) -> float | None:
    """Users per 1 000 inhabitants; None without a population or with hidden users."""
    return None if users is None or not people else percent(users, people, 1000)


def _share(users: int | None, national: int | None) -> float | None:
    """Percent of the country's users; None when the count is hidden."""
    return None if users is None or national is None else percent(users, national)


def _county_parts(
    dataset: Dataset, year: int, unit: Unit, users: int | None, threshold: int
) -> dict:
    """A county memo's centre rows, the national findings and its share of the country."""
    if unit.county is None:
        return {"centre_rows": (), "national": None, "share_of_country": None}
    national = national_findings(dataset, year, threshold)
    return {
        "centre_rows": centre_rows(dataset, year, unit.county.code, threshold),
        "national": national,
        "share_of_country": _share(users, national.users.current),
    }


def national_findings(dataset: Dataset, year: int, threshold: int) -> Findings:
    """The country's findings, computed once per dataset and year (county memos share them)."""
    return findings_of(dataset, year, Unit(), threshold)


def findings_of(dataset: Dataset, year: int, unit: Unit, threshold: int) -> Findings:
    """``compute``'s findings, computed once per dataset, year, unit and threshold: the
    memos of one unit in bokmål and nynorsk share them (Findings hold no words)."""
    key = ("findings", year, unit.county.code if unit.county else None, threshold)
    if key not in dataset.cache:
        dataset.cache[key] = compute(dataset, year, unit, threshold)
    return dataset.cache[key]


def _distributions(dataset: Dataset, year: int, unit: Unit, threshold: int) -> dict:
    """The distributions of every dimension in users.csv and of the survey, with their
    hidden counts taken out (one rule for all); the memo's own four by name too."""
    dimensions = {
        name: published_distribution(dataset, name, year, unit, threshold)
        for name in dict.fromkeys((*SHIPPED, *user_dimensions(dataset)))
    }
    satisfaction = published_distribution(dataset, "survey", year, unit, threshold)
    return dict(
        education_groups=dimensions["education"].grouped(EDUCATION_GROUPS),
        **{name: dimensions[name] for name in SHIPPED},
        satisfaction=satisfaction,
        satisfied_share=satisfaction.share_of(SATISFIED),
        dimensions=dimensions,
        satisfied_shown=satisfaction.grouped({"satisfied": SATISFIED}).shown_share("satisfied"),
    )


def _county_rows(
    dataset: Dataset, year: int, national_users: int | None, threshold: int
) -> tuple[CountyRow, ...]:
    """The national table's rows: each county's centres and users, as published."""
    centres = dataset.frames["centres"]
    rows = []
    for county in dataset.classification.valid_in(year):
        unit = Unit(county)
        users = users_change(dataset, year, year - 1, unit, threshold)
        count = len(unit_frame(centres, year, unit))
        rows.append(CountyRow(county, count, users, _share(users.current, national_users)))
    return tuple(rows)


def compare(current: int | None, other: int | None) -> str | None:
    """ "more", "fewer" or "similar" (within SIMILAR_WITHIN_PCT of ``other``); None without data."""
    if not other or current is None:
        return None
    difference = percent(current - other, other)
    if abs(difference) <= SIMILAR_WITHIN_PCT:
        return "similar"
    return "more" if difference > 0 else "fewer"


def _counties_with_centre(dataset: Dataset, year: int) -> set[str]:
    return {code for (y, code) in county_sums(dataset, "centres", "unique_users") if y == year}


def _new_counties(dataset: Dataset, year: int) -> tuple[County, ...]:
    """Counties with a centre this year whose area had none last year (same structure only)."""
    now = _counties_with_centre(dataset, year)
    before = _counties_with_centre(dataset, year - 1)
    if not before:
        return ()
    codes = sorted(c for c in now - before if dataset.classification.get(c, year - 1))
    found = (dataset.classification.get(c, year) for c in codes)
    return tuple(county for county in found if county is not None)
