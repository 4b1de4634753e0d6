"""The ``service`` column of users.csv and survey.csv (issue 22): absent or empty, a row is
the centres'; Karriereveiledning.no's rows are national (no county code) and become
``f.services`` with the disclosure rules of every other number: counts of 1–4 hidden with a
partner, a survey of fewer than ten answers hidden. The shipped data has its inquiries by
who asked for 2021–2024, two of three from persons under 30 in 2022 (HK-dir 2022)."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, EPOCH, ROOT

from reportgen.dataset.load import load_dataset
from reportgen.findings.compute import compute

BIN = Path(sys.executable).parent
ONLINE = "karriereveiledning_no"


def _copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    return data


def _rewrite(path: Path, change, header=None) -> None:
    """``path`` with each data line passed through ``change`` (a line, or None to drop it)
    and the header through ``header``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    first = header(lines[0]) if header else lines[0]
    kept = [first] + [new for line in lines[1:] if (new := change(line)) is not None]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "reportgen"), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        timeout=300,
    )


@pytest.mark.parametrize("year", [2021, 2022, 2023, 2024])
def test_shipped_inquiries_by_who_asked_add_up_to_the_inquiries(dataset, year):
    found = compute(dataset, year)
    online = found.services[ONLINE]
    inquiries = found.contacts[ONLINE].total
    for dimension in ("age_group", "gender", "work_situation"):
        assert online.dimensions[dimension].total == inquiries
    assert online.dimensions["education"].total < inquiries  # "unknown" is left out
    assert online.satisfaction is None


def test_two_of_three_inquiries_in_2022_came_from_persons_under_30(dataset):
    ages = compute(dataset, 2022).services[ONLINE].dimensions["age_group"]
    assert ages.share_of(["under_20", "20_29"]) == 67.0
    assert ages.counts[0] == ("under_20", 4312) and ages.total == 15400


def test_no_service_rows_before_2021_and_none_in_county_memos(dataset):
    assert compute(dataset, 2020).services == {}
    county = next(c for c in dataset.classification.valid_in(2022) if c.code == "46")
    from reportgen.findings.values import Unit

    found = compute(dataset, 2022, Unit(county))
    assert found.services == {} and ONLINE in found.national.services


def test_users_without_a_service_column_are_the_centres(tmp_path, dataset):
    data = _copy(tmp_path)
    _rewrite(
        data / "users.csv",
        lambda line: None if line.endswith(ONLINE) else line.rsplit(",", 1)[0],
        lambda header: header.rsplit(",", 1)[0],
    )
    assert (
        (data / "users.csv")
        .read_text(encoding="utf-8")
        .startswith("year,county_code,dimension,category,persons\n")
    )
    found, shipped = compute(load_dataset(data), 2022), compute(dataset, 2022)
    assert found.services == {}
    assert found.dimensions == shipped.dimensions and found.users == shipped.users


def test_a_county_code_in_a_service_row_is_an_error(tmp_path):
    data = _copy(tmp_path)
    _rewrite(
        data / "users.csv",
        lambda line: line.replace("2022,,gender,male,", "2022,46,gender,male,"),
    )
    row = next(
        i + 1
        for i, line in enumerate((data / "users.csv").read_text().splitlines())
        if line.startswith("2022,46,gender,male,") and line.endswith(ONLINE)
    )
    done = _run("validate", "--data", str(data))
    assert done.returncode == 2
    assert done.stdout.endswith(
        f"1 error:\n  error: {data}/users.csv, row {row}, column 'county_code': is a county "
        f"code in a row of the service '{ONLINE}', which has national figures only (value "
        "'46'). Fix: leave county_code empty in the rows of that service\n"
    )


def test_a_small_count_of_a_service_is_hidden_with_a_partner_in_every_format(tmp_path):
    """50 år og over: 3 inquiries in 2022; hidden, and the next smallest (40–49 år) with it,
    so the total cannot give it back: ":" in the chart's CSV and XLSX, not in the text."""
    data = _copy(tmp_path)
    _rewrite(
        data / "users.csv",
        lambda line: line.replace("2022,,age_group,50_plus,1078,", "2022,,age_group,50_plus,3,"),
    )
    ages = compute(load_dataset(data), 2022).services[ONLINE].dimensions["age_group"]
    assert ages.hidden == {"50_plus", "40_49"}
    assert ages.share_of(["under_20", "20_29"]) is not None
    out = tmp_path / "out"
    templates = ROOT / "templates" / "two-services"
    done = _run(
        "memo", "--year", "2022", "--data", str(data), "-o", str(out),
        "--templates", str(templates), "--formats", "pdf,xlsx",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    figures = sorted((out / "2022" / "tall").glob("*-figur-*.csv"))
    chart = next(f for f in figures if "Karriereveiledning.no" in f.read_text("utf-8-sig"))
    rows = list(csv.reader(chart.open(encoding="utf-8-sig"), delimiter=";"))
    assert rows[0] == ["Alder", "Karrieresentrene", "Karriereveiledning.no"]
    assert [row[2] for row in rows[1:6]] == ["30", "42", "17", ":", ":"]  # of 14 325
    assert not any(row[2] == "0" for row in rows[1:6])


def test_a_service_survey_of_fewer_than_ten_answers_is_hidden(tmp_path):
    data = _copy(tmp_path)
    lines = (data / "survey.csv").read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",service"] + [line + ",centres" for line in lines[1:]]
    answers = {"very_satisfied": 5, "fairly_satisfied": 3, "neutral": 1}
    lines += [f"2022,,{answer},{n},{ONLINE}" for answer, n in answers.items()]
    lines += [f"2023,,{answer},{n * 100},{ONLINE}" for answer, n in answers.items()]
    (data / "survey.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    dataset = load_dataset(data)
    hidden = compute(dataset, 2022).services[ONLINE].satisfaction
    assert hidden.total is None and hidden.hidden == set(hidden_codes(hidden))
    shown = compute(dataset, 2023).services[ONLINE].satisfaction
    assert shown.total == 900 and shown.share("very_satisfied") == pytest.approx(500 / 9)
    assert compute(dataset, 2022).satisfaction == compute(load_dataset(DATA), 2022).satisfaction


def hidden_codes(dist) -> list[str]:
    return [code for code, _ in dist.counts]
