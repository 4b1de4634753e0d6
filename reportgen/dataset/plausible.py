"""Rules on counts and periods that the schema cannot see: each row is well formed, but
together they describe something that cannot be (and would print wrong numbers).

- a county code whose periods in ``counties.csv`` overlap (the county would be counted
  twice in the years both rows cover);
- a year in which every centre reports 0 unique users (nothing to describe, and every
  share of it is 0/0);
- a centre with fewer individual conversations than unique users (``data/README.md``:
  the conversations are "always at least ``unique_users``": each user had one or more).
"""

from __future__ import annotations

import pandas as pd

from reportgen.dataset.raw import RawDataset
from reportgen.errors import Problem


def plausibility_problems(
    frames: dict[str, pd.DataFrame], raw: RawDataset, found: list[Problem]
) -> list[Problem]:
    """Every problem of the rules above, each at its file, row and column with the fix;
    none for a row that already has an error in ``found`` (a ragged row's shifted cells
    are one mistake, reported once)."""
    broken = {(p.file, p.row) for p in found if p.is_error and p.row is not None}
    return [p for p in _all(frames, raw) if (p.file, p.row) not in broken]


def _all(frames: dict[str, pd.DataFrame], raw: RawDataset) -> list[Problem]:
    problems: list[Problem] = []
    if "counties" in frames:
        problems += overlapping_periods(frames["counties"], raw)
    if "centres" in frames:
        problems += empty_years(frames["centres"], raw)
        problems += fewer_conversations(frames["centres"], raw)
    return problems


def overlapping_periods(counties: pd.DataFrame, raw: RawDataset) -> list[Problem]:
    """A problem at each row whose period (valid_from–valid_to, open-ended if empty)
    overlaps an earlier-starting row of the same code."""
    table, problems = raw.tables["counties"], []
    rows = [
        (code, int(start), None if pd.isna(end) else int(end), position)
        for position, (code, start, end) in enumerate(
            zip(counties["code"], counties["valid_from"], counties["valid_to"])
        )
        if not pd.isna(start)
    ]
    rows.sort(key=lambda r: (r[0], r[1]))
    for before, after in zip(rows, rows[1:]):
        code, start, _, position = after
        if before[0] == code and (before[2] is None or before[2] >= start):
            until = "on" if before[2] is None else f"to {before[2]}"
            problems.append(
                table.problem(
                    position,
                    "valid_from",
                    str(start),
                    f"county {code} is already valid from {before[1]} {until} in row "
                    f"{table.rows[before[3]]}, so it would be counted twice from {start}",
                    f"set valid_to = {start - 1} in row {table.rows[before[3]]} if the county "
                    "changed then, or delete the repeated row",
                )
            )
    return problems


def empty_years(centres: pd.DataFrame, raw: RawDataset) -> list[Problem]:
    """A problem for each year in which every centre has 0 unique users (at its first row)."""
    table, problems = raw.tables["centres"], []
    users = pd.to_numeric(centres["unique_users"], errors="coerce")
    for year, rows in users.groupby(centres["year"], sort=True):
        if rows.notna().all() and rows.sum() == 0:
            first, last = table.rows[rows.index[0]], table.rows[rows.index[-1]]
            span = f"row {first}" if first == last else f"rows {first}–{last}"
            problems.append(
                table.problem(
                    int(rows.index[0]),
                    "unique_users",
                    "0",
                    f"every centre has 0 unique users in {year} ({span}), so "
                    "the year has no users to describe",
                    f"fill in the centres' counts for {year}, or delete the {year} rows if "
                    "the year has no data yet",
                )
            )
    return problems


def fewer_conversations(centres: pd.DataFrame, raw: RawDataset) -> list[Problem]:
    """A problem for each row with fewer individual conversations than unique users."""
    table = raw.tables["centres"]
    pairs = zip(centres["unique_users"].tolist(), centres["individual_conversations"].tolist())
    return [
        table.problem(
            position,
            "individual_conversations",
            str(conversations),
            f"is fewer than the centre's {users} unique users, but each user had at least "
            "one conversation",
            f"write the number of conversations ({users} or more), or correct unique_users",
        )
        for position, (users, conversations) in enumerate(pairs)
        if not (pd.isna(users) or pd.isna(conversations)) and conversations < users
    ]
