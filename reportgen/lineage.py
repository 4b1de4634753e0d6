"""Where each key figure comes from: source table, filter and operation, for people to read.

Used by ``manifest.json`` and ``reportgen explain``. The descriptions restate how
``findings`` computes each figure; tests hold them against the computed values.
"""

from __future__ import annotations

from .facts import base_codes
from .findings import SATISFIED, Findings

LOWER = "primary + upper_secondary"


NOT_COMPUTED = "not computed"


def key_figures(findings: Findings, dataset) -> list[dict]:
    """One record per figure in the key findings: name, value, source, filter, operation."""
    year, users = findings.year, findings.users
    where = _where(findings, dataset, year)
    records = [
        _record("unique_users", users.current, "centres", where, "sum of unique_users"),
        _record("unique_users_previous_year", users.previous, "centres",
                _where(findings, dataset, year - 1), "sum of unique_users"),
        _record("unique_users_change", users.difference, "centres", "",
                _no_base(users) or f"{users.current} − {users.previous}"),
        _record("unique_users_change_pct", _round(users.percent), "centres", "",
                _percent_change(users)),
        _record("unique_users_change_since_first_year_pct",
                _round(findings.users_since_first.percent), "centres",
                _where(findings, dataset, findings.first_year),
                _percent_change(findings.users_since_first)),
        _record("group_sessions", findings.group_sessions.current, "centres", where,
                "sum of group_sessions"),
        _record("centres", findings.centres, "centres", where, "count of rows"),
        _record("largest_education_group", findings.education_groups.largest, "users",
                f"{where}, dimension = education",
                f"largest of lower ({LOWER}), vocational_college, higher_education"),
        _record("largest_education_group_share_pct",
                _round(findings.education_groups.share(findings.education_groups.largest)),
                "users", f"{where}, dimension = education",
                "persons in the group / persons with a stated education × 100"),
        _record("satisfied_share_pct", _round(findings.satisfied_share), "survey", where,
                f"respondents with answer in {', '.join(SATISFIED)} / all respondents × 100"),
    ]
    if findings.unit.is_country:
        records.append(_record("counties_with_centre", findings.counties_with_centre,
                               "centres", where, "count of distinct county_code"))
    return records


def _percent_change(change) -> str:
    """How a percent change is computed, or why it is not (no base, or a base of zero)."""
    if change.previous == 0:
        return f"{NOT_COMPUTED}: the base is 0 (no users that year)"
    return _no_base(change) or f"({change.current} − {change.previous}) / {change.previous} × 100"


def _no_base(change) -> str | None:
    """Why a change has no base year to compare with ("split", "missing"), or None."""
    return None if change.available else f"{NOT_COMPUTED}: no comparable base ({change.status})"


def _record(name, value, source, where, operation) -> dict:
    return {"figure": name, "value": value, "source": f"{source}.csv",
            "filter": where, "operation": operation}


def _where(findings: Findings, dataset, year: int) -> str:
    if findings.unit.is_country:
        return f"year = {year}"
    codes, status = base_codes(dataset.classification, findings.unit.county.code,
                                findings.year, year)
    if status == "split":
        return f"year = {year}: not comparable (county split)"
    return f"year = {year}, county_code in ({', '.join(codes)})"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def explain(records: list[dict]) -> str:
    """The lineage as plain text, one block per figure."""
    blocks = []
    for record in records:
        how = record["operation"]
        blocks.append(f"{record['figure']} = {record['value']}\n"
                      f"  from {record['source']} where {record['filter'] or '(as above)'}\n"
                      f"  {how if how.startswith(NOT_COMPUTED) else 'computed as ' + how}")
    return "\n".join(blocks)
