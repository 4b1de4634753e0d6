"""What the text says about a unit beyond its figures: reforms, ranks and directions.

Plain records (no pandas), so the chart process can receive them inside a Findings;
computed by ``findings.story``.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.findings.values import County

#: Counties in the top (bottom) third by users per 1 000 inhabitants read "high" ("low").
THIRD = 3
#: Users per 1 000 inhabitants are shown, compared and ranked with this many decimals.
RATE_DIGITS = 1


@dataclass(frozen=True)
class Reform:
    """A county reform that touches this year's comparison with the year before.

    ``kind`` "merged" (``others``: the counties merged into ``county``) or "split"
    (``others``: the one county that was divided); ``reestablished``: a county of the same
    name existed before (e.g. Østfold in 2024).
    """

    kind: str
    year: int
    county: County
    others: tuple[str, ...]
    reestablished: bool


@dataclass(frozen=True)
class Rate:
    """A county's unique users per 1 000 inhabitants and its rank among ``of`` counties
    by the rate as shown: ``rank`` is 1 + the counties shown higher (counties shown alike
    share it), ``below`` the counties shown lower."""

    county: County
    rate: float
    rank: int
    of: int
    below: int

    @property
    def tied(self) -> bool:
        """Whether another county shows the same rate."""
        return self.rank - 1 + self.below < self.of - 1

    @property
    def band(self) -> str:
        """ "highest", "high", "middle", "low" or "lowest" (thirds of the ranking; the
        highest and lowest may be tied with another county, see ``tied``)."""
        if self.rank == 1:
            return "highest"
        if self.below == 0:
            return "lowest"
        if self.rank <= self.of / THIRD:
            return "high"
        return "low" if self.rank > self.of * 2 / THIRD else "middle"


@dataclass(frozen=True)
class Story:
    """What the text says about the unit beyond its figures (rules in findings.story).

    ``users``/``country``: direction of the unit's and the country's users ("rise", "fall",
    "similar", "same" or None); ``trend`` "with"/"against" the country or None; ``rate``
    the county's rank by users per 1 000 inhabitants; ``rates`` every county's (national
    memo); ``reform`` the reform that made the county; ``reforms`` those of this year;
    ``largest`` (measure, percent) of the county's largest change from last year.
    """

    users: str | None
    country: str | None
    trend: str | None
    rate: Rate | None
    rates: tuple[Rate, ...]
    reform: Reform | None
    reforms: tuple[Reform, ...]
    largest: tuple[str, float] | None
