"""The Findings record: all numbers one memo states, for the country or one county.

Computed by ``findings.compute``; kept apart from it (and from pandas) so the helper
process that draws the charts can receive a Findings without importing pandas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from reportgen.findings.suppression import DEFAULT_THRESHOLD, MIN_RESPONDENTS
from reportgen.language.base import round_half_up

if TYPE_CHECKING:
    from reportgen.findings.facts import Story


def percent(part: float, whole: float, scale: int = 100) -> float:
    """``part`` of ``whole`` times ``scale`` (100: percent), divided in decimal arithmetic
    so that 46 of 80 is exactly 57.5 (and rounds half up to 58). ZeroDivisionError if
    ``whole`` is 0."""
    return float(Decimal(str(part)) * scale / Decimal(str(whole)))


def round_percent(value: float, digits: int = 0) -> Decimal:
    """``value`` rounded half up as the memo shows it (the one rounding rule of the text)."""
    return round_half_up(value, digits)


@dataclass(frozen=True)
class Unit:
    """What a memo is about: the whole country (``county`` None) or one county."""

    county: County | None = None

    @property
    def is_country(self) -> bool:
        """Whether the memo is about the whole country."""
        return self.county is None


@dataclass(frozen=True)
class CountyRow:
    """One county's line in the national table: its centres and unique users this year."""

    county: County
    centres: int
    users: Change
    share: float | None  # percent of all unique users in the country; None when hidden


@dataclass(frozen=True)
class Findings:
    """All numbers one memo states, as published: a count hidden for confidentiality is
    None (``findings.disclosure``). Counts are persons/sessions; shares in percent."""

    year: int
    first_year: int
    unit: Unit
    users: Change  # unique users, this year vs last year
    users_since_first: Change  # this year vs first_year
    users_by_year: tuple[tuple[int, int | None], ...]  # None: none to show (users_hidden_years)
    conversations: Change
    participants: int
    group_sessions: Change
    group_sessions_two_years_ago: int | None
    group_sessions_vs_previous: str | None  # "more" | "fewer" | "similar" | None
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
    satisfied_share: float | None  # unrounded (the national memo hedges it: «nesten 95»)
    counties: tuple[CountyRow, ...]
    population: int | None = None  # inhabitants 1 January, if in the data
    users_per_1000: float | None = None  # unique users per 1 000 inhabitants; None if hidden
    centre_rows: tuple[CentreRow, ...] = ()
    national: Findings | None = None  # the country's findings, for county memos
    share_of_country: float | None = None  # percent of all unique users in the country
    threshold: int = DEFAULT_THRESHOLD  # counts of persons below this are hidden
    min_respondents: int = MIN_RESPONDENTS  # survey results need this many answers
    users_hidden_years: tuple[int, ...] = ()  # years of users_by_year hidden (":")
    story: Story | None = None  # what is notable this year (findings.story)
    # every dimension of users.csv (education, age_group, … and any the data adds) by name
    dimensions: dict[str, Distribution] = field(default_factory=dict)
    # the country's contacts by channel per service (contacts.csv); national only, so {}
    # in county memos (f.national.contacts there)
    contacts: dict[str, Distribution] = field(default_factory=dict)
    satisfied_shown: float | None = None  # satisfied_share as the bars add up (shown_share)
    # the other services than the centres (users.csv and survey.csv rows with a service),
    # national only, so {} in county memos (f.national.services there)
    services: dict[str, ServiceFindings] = field(default_factory=dict)


@dataclass(frozen=True)
class ServiceFindings:
    """A service other than the centres, for the whole country, as published: persons by
    each dimension of its users.csv rows (Karriereveiledning.no: its inquiries by who
    asked) and its survey's answers (None without survey rows that year)."""

    dimensions: dict[str, Distribution]
    satisfaction: Distribution | None = None


@dataclass(frozen=True)
class Change:
    """A count this year against a base year, as published.

    ``current`` is None when the count is hidden for confidentiality (``findings.disclosure``);
    ``previous`` is None when there is no base, or the base is hidden.
    ``status``: "ok"; "merged" (the base is the sum of predecessors: a break in the series);
    "split" (a predecessor was divided, so no honest base exists); "missing" (no data);
    "hidden" (the count or its base is hidden, so the change is not shown either).
    """

    current: int | None
    previous: int | None
    status: str = "ok"

    @property
    def available(self) -> bool:
        """Whether the count and a base year to compare it with are both shown."""
        return self.current is not None and self.previous is not None

    @property
    def difference(self) -> int | None:
        """current − previous, in the unit of the count; None unless ``available``."""
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def percent(self) -> float | None:
        """Relative change in percent of the base; None unless ``available``, or from zero."""
        if self.current is None or not self.previous:
            return None
        return percent(self.current - self.previous, self.previous)


@dataclass(frozen=True)
class Distribution:
    """Counts per category in a fixed order, as published (built with ``Distribution.of``).

    ``counts``: (code, count) pairs; the count is None where it is hidden for
    confidentiality, so a hidden count never leaves the findings (its share is None too,
    and generated text never uses it). ``total``: the persons (or respondents) the shares
    are of, hidden counts included; None when the total itself is hidden (then every
    count is).
    """

    counts: tuple[tuple[str, int | None], ...]
    total: int | None
    #: (group, counts of its codes) of a ``grouped`` distribution, for ``shown_share``
    members: tuple[tuple[str, tuple[int, ...]], ...] = ()

    @classmethod
    def of(cls, counts, hidden=frozenset(), *, total_hidden: bool = False) -> Distribution:
        """The published form of the counts ``counts`` ((code, int) pairs): the counts of
        the codes in ``hidden`` (of every code, with ``total_hidden``) taken out."""
        codes = {code for code, _ in counts} if total_hidden else hidden
        return cls(
            tuple((code, None if code in codes else n) for code, n in counts),
            None if total_hidden else sum(n for _, n in counts),
        )

    @property
    def hidden(self) -> frozenset[str]:
        """The codes whose counts are hidden."""
        return frozenset(code for code, n in self.counts if n is None)

    def count(self, code: str) -> int | None:
        """The count of ``code`` (0 if absent, None if hidden)."""
        return dict(self.counts).get(code, 0)

    def share(self, code: str) -> float | None:
        """Share of ``code`` in percent of the total; None if hidden or empty."""
        return self.share_of((code,))

    def share_of(self, codes) -> float | None:
        """Combined share of ``codes`` in percent; None if empty or any code is hidden."""
        if not self.total or self.hidden.intersection(codes):
            return None
        return percent(sum(self.count(c) or 0 for c in codes), self.total)

    def shown_share(self, code: str) -> float | None:
        """The share of ``code`` as the reader sees it: whole percent, rounded half up as
        a bar shows it; a group of a ``grouped`` distribution is the sum of its codes'
        shown shares, as the reader adds up the bars (23 % + 34 % = 57 %, where the
        unrounded 57.99 % would round to 58). None if hidden or empty. The text writes and
        compares shares by this figure, so it never contradicts the chart beside it."""
        if self.share(code) is None or not self.total:
            return None
        counts = dict(self.members).get(code, (self.count(code) or 0,))
        return float(sum(round_percent(percent(n, self.total)) for n in counts))

    @property
    def largest_shown(self) -> tuple[str, ...]:
        """The codes with the largest shown share (several on a tie as shown: 29 % and
        29 %), in order; () if none is shown or the hidden codes together could be larger."""
        if self.largest is None:
            return ()
        shown = {code: self.shown_share(code) for code, n in self.counts if n is not None}
        top = max(value or 0.0 for value in shown.values())
        return tuple(code for code, value in shown.items() if value == top)

    @property
    def hidden_codes(self) -> tuple[str, ...]:
        """The hidden codes in the distribution's order (for naming them in the text)."""
        return tuple(code for code, n in self.counts if n is None)

    def rounding_off(self, digits: int = 0) -> bool:
        """Whether the shown shares, rounded to ``digits`` decimals, do not add up to 100
        (SSB then notes «Tallene summerer ikke til 100 på grunn av avrunding»). Hidden
        shares are not shown, so a distribution with hidden codes is never noted."""
        if not self.total or self.hidden:
            return False
        shares = (round_percent(percent(n or 0, self.total), digits) for _, n in self.counts)
        return sum(shares) != 100

    def grouped(self, groups: dict[str, tuple[str, ...]]) -> Distribution:
        """A coarser distribution: a group's count is the sum of its codes; it is hidden
        if any of its codes is (else the hidden value could be computed back)."""
        counts = tuple(
            (g, None if self.hidden.intersection(codes) else sum(self.count(c) or 0 for c in codes))
            for g, codes in groups.items()
        )
        members = tuple(
            (g, tuple(self.count(c) or 0 for c in codes))
            for g, codes in groups.items()
            if not self.hidden.intersection(codes)
        )
        return Distribution(counts, self.total, members)

    @property
    def largest(self) -> str | None:
        """The published code with the largest count (first in order on a tie), or None if
        the hidden codes together could be larger (judged from published numbers only)."""
        shown = [(code, n) for code, n in self.counts if n is not None]
        if not self.total or not shown:
            return None
        code, count = max(shown, key=lambda item: item[1])
        hidden_total = self.total - sum(n for _, n in shown)
        return code if count >= hidden_total else None


# joins the Norwegian, Sami and Kven forms of a county's name: an en dash between no-break
# spaces, so every writer keeps «Troms – Romsa – Tromssa» whole at a line end
NAME_DASH = "\u00a0\u2013\u00a0"


@dataclass(frozen=True)
class County:
    """One county in one period. ``label`` is the official name, Sami/Kven forms joined
    with ``NAME_DASH`` (an en dash between no-break spaces, so a line breaks only between
    the words of a name, never at a dash), e.g. "Troms og Finnmark – Romsa ja Finnmárku –
    Tromssa ja Finmarkku"; ``names`` are those forms.
    ``becomes``: the codes of its successor(s) when it ceases to exist."""

    code: str
    name: str
    label: str
    valid_from: int
    valid_to: int | None
    becomes: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The county's official forms: Norwegian, then Sami and Kven where it has them."""
        return tuple(self.label.split(NAME_DASH))

    def valid_in(self, year: int) -> bool:
        """Whether the county exists in ``year``."""
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)


@dataclass(frozen=True)
class CentreRow:
    """One centre of a county in the year; ``users`` None when suppressed."""

    centre_id: str
    name: str
    users: int | None
    conversations: int
    group_sessions: int
