"""Findings of the other services than the centres (``dataset.services``): for the whole
country, a distribution per dimension of their users.csv rows and of their survey answers,
with the counts of 1 to threshold - 1 hidden and protected by ``suppression.protect`` (the
service's total taken as published), and a survey with fewer than ``MIN_RESPONDENTS``
answers wholly hidden."""

from __future__ import annotations

import numpy as np

from reportgen.dataset.schema import NOT_STATED, SURVEY_ANSWERS
from reportgen.findings.sums import stated_categories
from reportgen.findings.suppression import MIN_RESPONDENTS, protect
from reportgen.findings.values import Distribution, ServiceFindings


def service_findings(dataset, year: int, threshold: int) -> dict[str, ServiceFindings]:
    """{service: its findings in ``year``}, services in the order of their first row; {}
    without such rows that year."""
    users, survey = dataset.frames.get("service_users"), dataset.frames.get("service_survey")
    found: dict[str, ServiceFindings] = {}
    for service in _services(year, users, survey):
        rows = (
            users[(users.year == year) & (users.service == service)] if users is not None else None
        )
        dimensions = {
            dimension: _published(_counts(dataset, group), threshold)
            for dimension, group in (
                rows.groupby("dimension", sort=False) if rows is not None else ()
            )
        }
        found[service] = ServiceFindings(dimensions, _answers(survey, year, service, threshold))
    return found


def _services(year: int, *frames) -> list[str]:
    names: list[str] = []
    for frame in frames:
        if frame is not None:
            names += frame[frame.year == year]["service"].tolist()
    return list(dict.fromkeys(names))


def _counts(dataset, group) -> list[tuple[str, int]]:
    """(category, persons) of one dimension of a service: the centres' categories first
    in their order (``sums.stated_categories``), then any only the service has; "not
    stated" left out."""
    dimension = group["dimension"].iloc[0]
    sums = group.groupby("category", sort=False)["persons"].sum()
    known = (
        stated_categories(dataset, dimension)
        if dimension in set(dataset.frames["users"].dimension)
        else ()
    )
    order = [*known, *(c for c in sums.index if c not in known and c not in NOT_STATED)]
    return [(code, int(sums.get(code, 0))) for code in order]


def _published(counts: list[tuple[str, int]], threshold: int, hidden=None) -> Distribution:
    """The counts as published: small ones and their partners hidden (a line whose total is
    published, ``suppression.protect``)."""
    values = np.array([[n] for _, n in counts], dtype=np.int64).reshape(-1, 1)
    mask = protect(values, threshold, row_totals=False, hidden=hidden)[:, 0]
    return Distribution.of(counts, frozenset(c for (c, _), m in zip(counts, mask) if m))


def _answers(survey, year: int, service: str, threshold: int) -> Distribution | None:
    """The service's survey answers as published; None without rows that year."""
    if survey is None:
        return None
    rows = survey[(survey.year == year) & (survey.service == service)]
    if rows.empty:
        return None
    sums = rows.groupby("answer")["respondents"].sum()
    counts = [(answer, int(sums.get(answer, 0))) for answer in SURVEY_ANSWERS]
    if sum(n for _, n in counts) < MIN_RESPONDENTS:
        return Distribution.of(counts, total_hidden=True)
    return _published(counts, threshold)
