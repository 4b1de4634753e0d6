"""Runs into one folder at the same time lose nothing, and a run killed at any moment
leaves each memo whole or absent, and nothing temporary once the next run is done.

Both tests fork builds from this process (the data loaded and the writers imported once),
so 50 builds or 20 kills take seconds; neither depends on timing to pass: any moment of
a kill is allowed, what is checked is the state it leaves."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest
from conftest import DATA

from reportgen import workers
from reportgen.config import Settings
from reportgen.files.output import LOCK, PREFIX, locked, recover
from reportgen.pipeline import build_memo

YEAR = 2019
ALL_FORMATS = ("docx", "pdf", "html", "article", "xlsx")


def _warm() -> None:
    """Import every writer here before forking, so each build is only its own work."""
    import reportgen.charts.kinds
    import reportgen.data_writer.xlsx
    import reportgen.docx_writer
    import reportgen.html_writer.page
    import reportgen.pdf_writer  # noqa: F401


def _build(settings: Settings, dataset, county: str | None, pool: bool = False) -> None:
    """One memo build as the CLI does it (with a helper process if ``pool``)."""
    with workers.start(1 if pool else 0) as helpers:
        build_memo(settings, dataset, county=county, workers=helpers)


def _child(settings, dataset, county, pool=False) -> None:  # in the forked process
    try:
        _build(settings, dataset, county, pool)
    except BaseException as exc:
        print(f"build {county} {settings.language} failed: {exc!r}", flush=True)
        os._exit(1)
    os._exit(0)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(f"{PREFIX}*"))


def _published(folder: Path) -> dict[str, dict]:
    """manifest.json's records, after checking every listed output is there with its hash."""
    memos = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["memos"]
    for stem, record in memos.items():
        for output in record["outputs"]:
            assert _sha(folder / output["file"]) == output["sha256"], (stem, output["file"])
    return memos


@pytest.mark.stress
def test_fifty_concurrent_builds_into_one_folder_lose_nothing(tmp_path, dataset):
    _warm()
    codes = [c.code for c in dataset.classification.valid_in(YEAR)]
    base = Settings(year=YEAR, data=DATA, output=tmp_path, formats=("docx", "xlsx"))
    jobs = [(code, lang, "syv", 5) for code in codes for lang in ("nb", "nn")]  # 36 memos
    jobs += [(code, "nb", "sju", 3) for code in codes[:14]]  # the same 14 memos, other options
    context = multiprocessing.get_context("fork")
    processes = []
    for code, lang, seven, threshold in jobs:
        settings = Settings(**{**base.__dict__, "language": lang, "seven": seven,
                               "threshold": threshold})  # fmt: skip
        processes.append(context.Process(target=_child, args=(settings, dataset, code)))
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
    assert [p.exitcode for p in processes] == [0] * len(jobs)
    folder = tmp_path / str(YEAR) / "fylker"
    memos = _published(folder)
    assert len(memos) == 36 and {m.split("-")[0] for m in memos} == set(codes)
    listed = {output["file"] for record in memos.values() for output in record["outputs"]}
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert on_disk - listed == {"manifest.json", LOCK}
    assert _temporaries(folder) == []  # (the memos built twice: _published checked that
    # the files are those of the build whose record was kept, by their hashes)


def _kill_after(delay: float, settings: Settings, dataset, county: str) -> int:
    """Fork a build (with its helper process), SIGKILL it after ``delay`` seconds; its
    exit status (0 if it finished first)."""
    pid = os.fork()
    if pid == 0:
        _child(settings, dataset, county, pool=True)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    return os.waitpid(pid, 0)[1]


@pytest.mark.stress
def test_a_build_killed_at_twenty_moments_leaves_it_whole_or_absent(tmp_path, dataset):
    _warm()
    settings = Settings(year=YEAR, data=DATA, output=tmp_path / "whole", formats=ALL_FORMATS)
    started = time.monotonic()
    _build(settings, dataset, "12", pool=True)
    took = time.monotonic() - started
    folder = tmp_path / "whole" / str(YEAR) / "fylker"
    expected = sorted(_published(folder)["12-hordaland-2019-nb"]["files"])
    assert len(expected) == 5 + 4  # 5 formats, a CSV per table and chart
    moments = random.Random(17).sample(range(1000), 20)  # where in the build, in ‰ of 1.3×
    for number, moment in enumerate(moments):
        run = Settings(**{**settings.__dict__, "output": tmp_path / f"k{number}"})
        _kill_after(moment / 1000 * 1.3 * took, run, dataset, "12")
        folder = run.output / str(YEAR) / "fylker"
        folder.mkdir(parents=True, exist_ok=True)
        with locked(folder):
            recover(folder)  # what the next run into the folder does first
        there = sorted(n for n in expected if (folder / n).is_file())
        assert there in ([], expected), (moment, there)
        if there:
            assert sorted(_published(folder)["12-hordaland-2019-nb"]["files"]) == expected
        _build(run, dataset, "12")  # the next run
        assert sorted(_published(folder)["12-hordaland-2019-nb"]["files"]) == expected
        assert _temporaries(run.output) == [], moment
