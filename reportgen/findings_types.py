"""The Findings record: all numbers one memo states, for the country or one county.

Computed by ``findings.compute``; kept apart from it (and from pandas) so the helper
process that draws the charts can receive a Findings without importing pandas.
"""

from __future__ import annotations

from dataclasses import dataclass

from .suppression import DEFAULT_THRESHOLD
from .values import CentreRow, Change, County, Distribution


@dataclass(frozen=True)
class Unit:
    """What a memo is about: the whole country (``county`` None) or one county."""

    county: County | None = None

    @property
    def is_country(self) -> bool:
        return self.county is None


@dataclass(frozen=True)
class CountyRow:
    """One county's line in the national table: its centres and unique users this year."""

    county: County
    centres: int
    users: Change
    share: float  # percent of all unique users in the country


@dataclass(frozen=True)
class Findings:
    """All numbers one memo states. Counts are persons/sessions; shares in percent."""

    year: int
    first_year: int
    unit: Unit
    users: Change                    # unique users, this year vs last year
    users_since_first: Change        # this year vs first_year
    users_by_year: tuple[tuple[int, int], ...]
    conversations: Change
    participants: int
    group_sessions: Change
    group_sessions_two_years_ago: int | None
    group_sessions_vs_previous: str | None   # "more" | "fewer" | "similar" | None
    group_sessions_vs_two_years_ago: str | None
    centres: int
    counties_with_centre: int
    counties_total: int
    counties_new_with_centre: tuple[County, ...]
    education: Distribution
    education_groups: Distribution
    age_group: Distribution
    gender: Distribution
    work_situation: Distribution
    satisfaction: Distribution
    satisfied_share: float | None
    counties: tuple[CountyRow, ...]
    population: int | None = None         # inhabitants 1 January, if in the data
    users_per_1000: float | None = None   # unique users per 1 000 inhabitants
    centre_rows: tuple[CentreRow, ...] = ()
    national: Findings | None = None      # the country's findings, for county memos
    share_of_country: float | None = None  # percent of all unique users in the country
    threshold: int = DEFAULT_THRESHOLD     # counts of persons below this are hidden
