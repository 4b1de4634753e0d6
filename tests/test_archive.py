"""``reportgen archive`` writes the very files of ``memo`` and ``batch`` run for each year
and målform, and a top page that links every year's page and memo from disk."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, EPOCH

from reportgen.cli import main

REPORTGEN = str(Path(sys.executable).parent / "reportgen")
YEARS, LANGUAGES = (2020, 2021), ("nb", "nn")


def _reportgen(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the CLI in ``cwd`` writing into ./out (the same --output text on both routes,
    as manifest.json records it) at the fixed build time, with stderr piped (no bar)."""
    cwd.mkdir(exist_ok=True)
    done = subprocess.run(
        [REPORTGEN, *args, "--data", str(DATA), "--output", "out"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},  # a module fixture: set here
    )
    assert done.returncode == 0, done.stderr
    return done


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def both_routes(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    """The output folders of the separate commands and of the archive, and its run."""
    root = tmp_path_factory.mktemp("routes")
    for year in YEARS:
        for language in LANGUAGES:
            for command in ("memo", "batch"):
                _reportgen(root / "separate", command, "--year", str(year), "--language", language)
    run = _reportgen(root / "archive", "archive", "--years", "2020-2021", "--language", "nb,nn")
    return root / "separate" / "out", root / "archive" / "out", run


def test_the_archive_writes_the_files_of_the_separate_commands_byte_for_byte(both_routes):
    separate, archive, _ = both_routes
    expected, written = _hashes(separate), _hashes(archive)
    assert written.pop("index.html")  # the archive's own top page
    assert written.keys() == expected.keys()
    assert [name for name in expected if written[name] != expected[name]] == []
    assert len([n for n in expected if n.endswith(".pdf")]) == 2 * 2 * (1 + 11)


def test_the_top_page_links_every_year_and_memo_and_opens_from_disk(both_routes):
    _, archive, run = both_routes
    page = (archive / "index.html").read_text(encoding="utf-8")
    assert "<title>Karriereveiledning 2020–2021: alle notatene</title>" in page
    assert "Alle notatene for 2021 på én side" in page
    links = re.findall(r'<a href="([^"]+)"', page)
    memos = {
        p.relative_to(archive).as_posix()
        for p in archive.glob("20*/**/*.html")
        if not p.name.endswith(("-artikkel.html", "index.html"))
    }
    assert set(links) == memos | {"2020/index.html", "2021/index.html"}
    assert len(memos) == 48 and all((archive / link).is_file() for link in links)
    assert "Karriererettleiing i Vestland: " in page  # the nynorsk memos too
    assert run.stdout.splitlines()[-1] == "wrote 48 memos and out/index.html"
    assert "Notater" not in run.stderr  # no progress bar when piped


def test_a_year_not_in_the_data_is_named_with_the_years_there_are(tmp_path):
    done = subprocess.run(
        [REPORTGEN, "archive", "--years", "2013-2015", "--data", str(DATA), "-o", "out"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "there is no data for 2013, 2014" in done.stderr
    assert "choose years from 2015 to 2024" in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_memo_that_fails_is_named_at_the_end_and_the_others_are_written(tmp_path, monkeypatch):
    import reportgen.batch as batch

    real = batch.finish_memo

    def failing(started, *options):
        county, language = started.job.findings.unit.county, started.job.ctx.lang.code
        if county is not None and county.code == "46" and language == "nn":
            raise RuntimeError("disk full")
        return real(started, *options)

    monkeypatch.setattr(batch, "finish_memo", failing)
    options = ["--years", "2022", "--formats", "html", "--jobs", "1", "--data", str(DATA)]
    result = CliRunner().invoke(main, ["archive", *options, "--output", "out"])
    assert result.exit_code == 1
    assert "wrote 23 memos and out/index.html" in result.output
    assert "FAILED 2022 nn 46 Vestland: RuntimeError: disk full" in result.output
    fylker = tmp_path / "out" / "2022" / "fylker"
    assert (fylker / "46-vestland-2022-nb.html").is_file()
    assert not (fylker / "46-vestland-2022-nn.html").exists()
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "2022/fylker/46-vestland-2022-nb.html" in page
    assert "46-vestland-2022-nn.html" not in page
