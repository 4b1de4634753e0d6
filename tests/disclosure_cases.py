"""The data of the disclosure cases of the turn-3 review (C14, C15): a copy of data/ with
a few 2019 rows edited, consistent across centres.csv, users.csv and survey.csv; and the
exact audit the tests run on what is published (``exposed``), independent of
``reportgen.findings.suppression``.

- ``one_user_county``: Oslo (one centre) has 1 user; each breakdown and the survey count
  that one person (C15).
- ``national_survey_of_six``: in 2019 only Oslo's 6 answers are in the survey (C14).
- ``county_survey_of_37``: Finnmark's 37 answers hold answers of 2 and 1 persons (3 % and
  5 %, as shipped), and Oslo's survey has 60 answers with no small count, so Finnmark's is
  the only reason to hide anything in its row (C14).
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import numpy as np
from conftest import DATA

YEAR = "2019"


def copy_data(folder: Path) -> Path:
    """A fresh copy of the shipped data in ``folder`` / "data"."""
    target = folder / "data"
    shutil.copytree(DATA, target)
    return target


def edit(path: Path, change) -> None:
    """Rewrite the CSV ``path`` with ``change(row)`` applied to each row (a dict)."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:
        change(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _in(row: dict, code: str) -> bool:
    return row["year"] == YEAR and row["county_code"] == code


def survey_of(data: Path, code: str, answers: tuple[int, ...]) -> None:
    """Set the county's 2019 answers (very satisfied … very dissatisfied) to ``answers``."""
    counts = iter(answers)
    edit(data / "survey.csv", lambda r: _in(r, code) and r.update(respondents=str(next(counts))))


def one_user_county(folder: Path) -> Path:
    """C15: Oslo 2019 with 1 unique user (its one centre), breakdowns and survey to match."""
    data = copy_data(folder)
    edit(data / "centres.csv", lambda r: _in(r, "03") and r.update(unique_users="1"))
    seen: set[str] = set()

    def one_person(row: dict) -> None:
        if _in(row, "03"):
            row["persons"] = "0" if row["dimension"] in seen else "1"
            seen.add(row["dimension"])

    edit(data / "users.csv", one_person)
    survey_of(data, "03", (1, 0, 0, 0, 0))
    return data


def national_survey_of_six(folder: Path) -> Path:
    """C14: the 2019 survey holds only Oslo's 6 answers (4 very, 2 fairly satisfied)."""
    data = copy_data(folder)

    def only_oslo(row: dict) -> None:
        if row["year"] == YEAR and row["county_code"] != "03":
            row["respondents"] = "0"

    edit(data / "survey.csv", only_oslo)
    return data


def county_survey_of_37(folder: Path) -> Path:
    """C14: Finnmark's 37 answers as shipped (21, 13, 2, 1, 0); Oslo's made 60 (30, 15, 5,
    5, 5) so that no other county's row forces Finnmark's larger counts to be hidden."""
    data = copy_data(folder)
    survey_of(data, "03", (30, 15, 5, 5, 5))
    return data


def exposed(equations: list[dict], hidden: set) -> list:
    """The hidden values fixed by ``equations`` (each {value: coefficient}, with a
    published total): those whose unit vector is in the row space of the equations
    restricted to the hidden values (the published ones are constants)."""
    unknowns = sorted(hidden)
    rows = [[eq.get(u, 0.0) for u in unknowns] for eq in equations]
    rows = [row for row in rows if any(row)]
    if not unknowns or not rows:
        return []
    _, singular, vt = np.linalg.svd(np.array(rows))
    null_space = vt[int((singular > 1e-9).sum()) :]
    free = np.abs(null_space).sum(axis=0) > 1e-9 if len(null_space) else [False] * len(unknowns)
    return [u for u, is_free in zip(unknowns, free) if not is_free]


def exposed_cells(mask: np.ndarray, row_totals: bool = True) -> list[tuple[int, int]]:
    """Hidden cells of a 2-D table fixed by its published row, column and grand totals."""
    cells = [(int(r), int(c)) for r, c in np.argwhere(mask)]
    lines: list[dict] = []
    if row_totals:
        lines += [{c: 1.0 for c in cells if c[0] == r} for r in range(mask.shape[0])]
    lines += [{c: 1.0 for c in cells if c[1] == k} for k in range(mask.shape[1])]
    lines.append(dict.fromkeys(cells, 1.0))
    return exposed(lines, set(cells))
