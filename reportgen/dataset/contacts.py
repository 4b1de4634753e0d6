"""The contacts in ``contacts.csv`` against the centres: per year, the centres' contacts
by channel (``service`` centres, or no service column) must add up to their individual
conversations in ``centres.csv``. Other services (Karriereveiledning.no) are national
and checked only as codes."""

from __future__ import annotations

import pandas as pd

from reportgen.dataset.raw import RawDataset
from reportgen.dataset.schema import CENTRES
from reportgen.errors import Problem


def contact_sums(
    contacts: pd.DataFrame, centres: pd.DataFrame | None, raw: RawDataset
) -> list[Problem]:
    """One problem per year whose centres' contacts do not sum to the conversations that
    centres.csv reports that year (a year centres.csv lacks is reported as such)."""
    if centres is None:
        return []
    table = raw.tables["contacts"]
    conversations = centres.groupby("year")["individual_conversations"].sum()
    rows = contacts[(contacts["service"] == CENTRES) & contacts["contacts"].notna()]
    problems = []
    for year, group in rows.groupby("year", sort=True):
        total, expected = int(group["contacts"].sum()), conversations.get(year)
        if expected is None or total == int(expected):
            continue
        problems.append(
            table.problem(
                int(group.index[0]),
                "contacts",
                None,
                f"the centres' contacts in {year} sum to {total}, but centres.csv reports "
                f"{int(expected)} individual conversations",
                f"correct the {year} rows of the centres so they sum to {int(expected)}",
            )
        )
    return problems
