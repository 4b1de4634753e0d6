"""What is notable about a county (or the country) this year, chosen by fixed rules.

The templates pick their sentences from these facts, so two counties read differently
exactly where their numbers differ, and the same data always gives the same text.
Rules: a change that rounds to 0 % is "similar" ("om lag like mange"), an equal count
"same"; a county's standing is its rank by users per 1 000 inhabitants among the
counties with a centre and a population figure.
"""

from __future__ import annotations

from reportgen.findings.disclosure import hidden_users
from reportgen.findings.facts import RATE_DIGITS, Rate, Reform, Story
from reportgen.findings.sums import county_sums
from reportgen.findings.values import Change, County, round_percent


def direction(change: Change) -> str | None:
    """ "rise", "fall", "similar" (rounds to 0 %), "same" (equal), or None without a base."""
    difference, pct = change.difference, change.percent
    if difference is None or pct is None:
        return None
    if difference == 0:
        return "same"
    if round_percent(pct) == 0:
        return "similar"
    return "rise" if difference > 0 else "fall"


def trend(county: Change, country: Change) -> str | None:
    """ "with" if the county moved like the country (both up, both down), "against" if
    opposite, None if either is unchanged or has no base."""
    mine, theirs = direction(county), direction(country)
    if mine not in ("rise", "fall") or theirs not in ("rise", "fall"):
        return None
    return "with" if mine == theirs else "against"


def rates(dataset, year: int, hidden: frozenset[str] = frozenset()) -> tuple[Rate, ...]:
    """Users per 1 000 inhabitants per county with a centre and a population, ranked by
    the rate as shown (``RATE_DIGITS`` decimals: two counties at 4,9 share a rank);
    counties in ``hidden`` (users hidden for confidentiality) have no rate to publish."""
    frame = dataset.frames.get("population")
    if frame is None:
        return ()
    people = {r.county_code: int(r.population) for r in frame[frame.year == year].itertuples()}
    users = county_sums(dataset, "centres", "unique_users")
    found = []
    for county in dataset.classification.valid_in(year):
        count = users.get((year, county.code), 0)
        if count and people.get(county.code) and county.code not in hidden:
            found.append((county, count * 1000 / people[county.code]))
    found.sort(key=lambda item: (-item[1], item[0].code))
    shown = [round_percent(r, RATE_DIGITS) for _, r in found]
    return tuple(
        Rate(c, r, 1 + sum(s > mine for s in shown), len(found), sum(s < mine for s in shown))
        for (c, r), mine in zip(found, shown)
    )


def reform(dataset, county: County) -> Reform | None:
    """The reform that made ``county`` (in ``county.valid_from``), or None if the county
    is older than the data. The counties of the year before whose successors include it
    are its predecessors; one of them with several successors was split."""
    year = county.valid_from
    if year <= dataset.years[0]:
        return None
    classification = dataset.classification
    old = {}
    for before in classification.valid_in(year - 1):
        successors = classification.successors(before.code, year - 1, year)
        if county.code in successors:
            old[before.name] = successors
    if not old or list(old) == [county.name]:
        return None
    split = any(len(successors) > 1 for successors in old.values())
    earlier = [
        c
        for c in classification.counties
        if c.name == county.name and c.valid_to is not None and c.valid_to < year
    ]
    return Reform("split" if split else "merged", year, county, tuple(old), bool(earlier))


def reforms(dataset, year: int) -> tuple[Reform, ...]:
    """Every reform of ``year`` (counties made this year), in code order."""
    found = (reform(dataset, c) for c in dataset.classification.valid_in(year))
    return tuple(r for r in found if r is not None and r.year == year)


def largest(changes: dict[str, Change]) -> tuple[str, float] | None:
    """The measure whose change in percent is the largest as the text shows it (whole
    percent, half up), or None: without changes, or when another change shows as large
    (10.5 % and 10.8 % both read «elleve prosent», so neither is «den største»)."""
    found = [(key, c.percent) for key, c in changes.items() if c.percent is not None]
    if not found:
        return None
    key, value = max(found, key=lambda item: abs(item[1]))
    shown = round_percent(abs(value))
    if sum(round_percent(abs(other)) == shown for _, other in found) > 1:
        return None
    return key, value


def story(dataset, findings) -> Story:
    """The Story of ``findings`` (a county's, or the country's when ``national`` is None):
    directions of its users and the country's, trend, rank, reforms and largest change."""
    county, year, national = findings.unit.county, findings.year, findings.national
    ranked = rates(dataset, year, hidden_users(dataset, year, findings.threshold))
    users = findings.users
    country = users if national is None else national.users
    changes = {
        "users": users,
        "conversations": findings.conversations,
        "group_sessions": findings.group_sessions,
    }
    return Story(
        users=direction(users),
        country=direction(country),
        trend=None if national is None else trend(users, country),
        rate=next((r for r in ranked if county is not None and r.county == county), None),
        rates=ranked,
        reform=None if county is None else reform(dataset, county),
        reforms=reforms(dataset, year),
        largest=None if national is None else largest(changes),
    )
