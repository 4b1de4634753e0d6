"""The rows of other services than the centres in users.csv and survey.csv.

Both files may have a ``service`` column (absent, or an empty cell: the centres' row, so
files without it stay valid). A row of another service (Karriereveiledning.no) is national:
its county code is empty. Those rows are taken out of the centres' tables before typing, so
every rule for the centres' rows stays as it is, and typed into the frames of
``schema.SERVICE_SOURCES`` (``service_users``, ``service_survey``).
"""

from __future__ import annotations

import pandas as pd

from reportgen.dataset.checks import codes_in
from reportgen.dataset.raw import RawDataset, RawTable
from reportgen.dataset.schema import CENTRES, SERVICE_SOURCES
from reportgen.dataset.validate import convert_table
from reportgen.errors import Problem

SPLIT = {"users": "service_users", "survey": "service_survey"}
CODES = {"service_users": ("service", "dimension", "category"), "service_survey": ("service",)}


def service_frames(raw: RawDataset) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """The other services' rows of ``raw``'s users and survey tables as typed frames by
    name (``service_users``, ``service_survey``; none without such rows), and their
    problems (with file row numbers). Changes ``raw``: those rows and the ``service``
    column leave the centres' tables."""
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for name, target in SPLIT.items():
        table = raw.tables.get(name)
        if table is None or "service" not in table.columns:
            continue
        moved = _split(table)
        if not len(moved):
            continue
        problems += _national(moved)
        frame, found = convert_table(moved, SERVICE_SOURCES[target])
        problems += found
        if frame is not None:
            problems += codes_in(frame, RawDataset(raw.folder, {name: moved}), name, CODES[target])
            frames[target] = frame
    return frames, problems


def _split(table: RawTable) -> RawTable:
    """The rows of ``table`` whose service is not the centres', as a table of their own;
    ``table`` keeps the others, without the service column."""
    services = table.columns.pop("service")
    other = [i for i, service in enumerate(services) if service not in ("", CENTRES)]
    keep = sorted(set(range(len(services))) - set(other))
    columns = {**table.columns, "service": services}
    moved = RawTable(
        table.name,
        table.label,
        table.path,
        {c: [values[i] for i in other] for c, values in columns.items()},
        [table.rows[i] for i in other],
        table.detected,
        table.header_row,
    )
    table.columns = {c: [values[i] for i in keep] for c, values in table.columns.items()}
    table.rows = [table.rows[i] for i in keep]
    return moved


def _national(table: RawTable) -> list[Problem]:
    """An error for each row of another service with a county code (the service is
    national); the county_code column then leaves the table."""
    codes = table.columns.pop("county_code", [])
    return [
        table.problem(
            i,
            "county_code",
            code,
            f"is a county code in a row of the service '{table.columns['service'][i]}', "
            "which has national figures only",
            "leave county_code empty in the rows of that service",
        )
        for i, code in enumerate(codes)
        if code
    ]
