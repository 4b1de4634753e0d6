"""``reportgen validate``: what was read, every problem, exit code 2 on errors, no traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main

INPUTS = Path(__file__).resolve().parent / "dataset" / "inputs"
READ_BASE = """Read:
  counties        data/counties.csv (UTF-8, comma-separated)
  centres         data/centres.csv (UTF-8, comma-separated)
  users           data/users.csv (UTF-8, comma-separated)
  survey          data/survey.csv (UTF-8, comma-separated)
  population      data/population.csv (UTF-8, comma-separated)
  contacts        not found (optional)
  county_language not found (optional)
"""


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Run ``reportgen validate ARGS`` on ./data made from base/ plus a case folder."""
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str, case: str | None = None, edit=None):
        shutil.copytree(INPUTS / "base", "data", dirs_exist_ok=True)
        for file in (INPUTS / case).iterdir() if case else ():
            shutil.copy(file, Path("data") / file.name)
        if edit:
            edit(Path("data"))
        result = CliRunner().invoke(main, ["validate", *args])
        assert "Traceback" not in result.output
        assert result.exc_info is None or result.exc_info[0] is SystemExit
        return result

    return invoke


def test_clean_data_exits_0_and_says_what_was_read(run):
    result = run("--year", "2019")
    assert result.exit_code == 0
    assert result.output == READ_BASE + "No problems found.\n"


def test_errors_exit_2_with_every_problem(run):
    result = run(case="unknown_answer")
    assert result.exit_code == 2
    assert result.output.startswith(READ_BASE + "2 errors:\n  error: data/survey.csv, row 13,")
    assert "row 15, column 'answer'" in result.output


def test_warnings_only_exit_0(run):
    result = run("--year", "2018", case="leading_zeros")
    assert result.exit_code == 0
    assert (
        "\n3 warnings:\n  warning: data/centres.csv, column 'year': has no rows for 2017"
        in result.output
    )
    assert result.output.count("has lost its leading zero") == 2


def test_detection_is_shown_and_can_be_overridden(run):
    result = run(case="cp1252")
    expected = "  centres         data/centres.csv (Windows-1252, semicolon-separated)\n"
    assert expected in result.output
    result = run("--encoding", "cp1252", "--delimiter", ";", case="cp1252")
    assert "(cp1252 as given, semicolon-separated as given)" in result.output
    assert result.exit_code == 2  # the other files are comma-separated


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--data", "nowhere"], "Error: nowhere: the data folder does not exist\n"),
        (["--delimiter", "ab"], "Error: --delimiter 'ab' is not a single character\n"),
        (["--encoding", "nope"], "Error: --encoding 'nope' is not a known text encoding\n"),
    ],
)
def test_bad_folder_or_options_exit_2_without_traceback(run, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.output.startswith(message)


def test_unreadable_file_is_one_problem_among_others(run):
    result = run(
        case="negative_count", edit=lambda data: (data / "users.csv").write_bytes(b"\x00\x01\x02")
    )
    assert result.exit_code == 2
    assert "2 errors:" in result.output
    assert "error: data/users.csv: contains NUL characters" in result.output
    assert "error: data/centres.csv, row 12, column 'unique_users': is negative" in result.output
