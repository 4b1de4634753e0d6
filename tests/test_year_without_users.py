"""A year that ``validate`` passes can be built: a year with centres but no users.csv rows
stops both ``validate`` and ``memo`` with the same message (exit 2, nothing written)."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import DATA

MESSAGE = (
    "users.csv, column 'year': has no rows for 2024, whose centres report 26480 unique "
    "users, so no memo for 2024 can say who the users are. Fix: add the 2024 rows: for each "
    "county with a centre, the persons per dimension and category (see data/README.md)"
)


def _reportgen(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).parent / "reportgen"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "REPORTGEN_DEBUG"},
    )


def _without_rows(folder: Path, name: str, year: str) -> None:
    path = folder / f"{name}.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(
            [rows[0]] + [row for row in rows[1:] if row[0] != year]
        )


def test_a_year_without_users_stops_validate_and_memo_alike(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    _without_rows(tmp_path / "data", "users", "2024")
    for args in ((), ("--year", "2024")):
        done = _reportgen("validate", "--data", "data", *args, cwd=tmp_path)
        assert done.returncode == 2
        assert f"1 error:\n  error: data/{MESSAGE}\n" in done.stdout
    done = _reportgen("memo", "--year", "2024", "--data", "data", "-o", "out", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.endswith(f"Error: the data has 1 problem:\n  - data/{MESSAGE}\n")
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


def test_a_year_without_survey_validates_and_builds_without_the_survey(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    _without_rows(tmp_path / "data", "survey", "2024")
    done = _reportgen("validate", "--data", "data", "--year", "2024", cwd=tmp_path)
    assert done.returncode == 0
    assert (
        "warning: data/survey.csv, column 'year': has no rows for 2024, so the memo says "
        "nothing about the user survey that year. Fix: add the 2024 rows"
    ) in done.stdout
    done = _reportgen("check", "--year", "2024", "--data", "data", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.endswith("Checked 32 memos: no problems found.\n")
