"""The memo's work is split so each process imports only its own libraries: this one
pandas and python-docx (the DOCX is written here from the helper's layout), the helper
matplotlib and reportlab (that is what makes the memo cost little more than the bare
imports; see benchmarks/memo_speed.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from conftest import DATA

from reportgen import charts
from reportgen.charts import NAMES as CHART_NAMES
from reportgen.errors import TemplateError
from reportgen.workers import start, submit

SPY = textwrap.dedent("""
    import sys
    from contextlib import contextmanager
    import reportgen.workers as workers
    from reportgen import cli

    HEAVY = ("pandas", "matplotlib", "docx", "reportlab")
    def loaded():
        return [name for name in HEAVY if name in sys.modules]

    real, seen = workers.start, {}
    @contextmanager
    def spy():
        with real() as pool:
            yield pool
            seen["helper"] = pool.submit(loaded).result()
    workers.start = spy
    cli.main(["memo", "--year", "2019", "--data", sys.argv[1], "--output", sys.argv[2]],
             standalone_mode=False)
    print(seen["helper"], loaded())
""")


def test_each_process_imports_only_its_own_libraries(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", SPY, str(DATA), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines()[-1] == "['matplotlib', 'reportlab'] ['pandas', 'docx']"
    assert len(list((tmp_path / "2019").glob("*.docx"))) == 1


def test_every_chart_name_is_drawable():
    from reportgen.charts.kinds import CHARTS

    assert set(CHART_NAMES) == set(CHARTS)


def test_an_error_in_the_helper_is_raised_here():
    with start() as pool, pytest.raises(TemplateError, match="nope"):
        submit(pool, charts.draw, "nope", None, {}, None, None).result()


def test_without_a_helper_the_call_runs_here():
    assert submit(None, os.path.join, "a", "b").result() == "a/b"


def test_a_helper_that_dies_fails_its_calls_instead_of_hanging():
    from concurrent.futures.process import BrokenProcessPool

    with start() as pool:
        if pool is None:
            pytest.skip("no fork on this platform")
        with pytest.raises(BrokenProcessPool):
            submit(pool, os._exit, 1).result(timeout=30)
