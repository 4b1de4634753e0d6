"""County (fylke) classification by year, read from the data (``counties.csv``).

Norway's county reforms: 19 counties until 2017, 18 in 2018–2019 (Trøndelag merged
2018), 11 in 2020–2023, 15 from 2024 (Viken, Vestfold og Telemark and Troms og Finnmark
split). Source: SSB's classification of counties and regjeringen.no (see data/README.md).
"""

from __future__ import annotations

import pandas as pd

from reportgen.findings.values import NAME_DASH, County


class Classification:
    """All counties of all periods, from the ``counties`` frame (see ``schema.SOURCES``)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.counties = tuple(_county(row) for row in frame.itertuples(index=False))

    def valid_in(self, year: int) -> list[County]:
        """The counties that exist in ``year``, ordered by code."""
        return sorted((c for c in self.counties if c.valid_in(year)), key=lambda c: c.code)

    def get(self, code: str, year: int) -> County | None:
        """The county with ``code`` valid in ``year``, or None."""
        return next((c for c in self.counties if c.code == code and c.valid_in(year)), None)

    def successors(self, code: str, from_year: int, to_year: int) -> tuple[str, ...]:
        """Codes valid in ``to_year`` that county ``code`` of ``from_year`` became (chains)."""
        county = self.get(code, from_year)
        if county is None:
            return ()
        if county.valid_in(to_year):
            return (code,)
        next_year = (county.valid_to or to_year) + 1
        found: list[str] = []
        for successor in county.becomes:
            found += [c for c in self.successors(successor, next_year, to_year) if c not in found]
        return tuple(found)


def _county(row) -> County:
    becomes = tuple(c for c in str(row.becomes or "").split("|") if c)
    valid_to = None if pd.isna(row.valid_to) else int(row.valid_to)
    label = NAME_DASH.join(part.strip() for part in str(row.official_label).split(" - "))
    return County(row.code, row.name, label, int(row.valid_from), valid_to, becomes)
