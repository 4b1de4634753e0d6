"""Shared fixtures: the shipped dataset and the 2019 national memo built once per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest

from reportgen.config import Settings
from reportgen.dataset.load import load_dataset

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
EPOCH = "1577836800"  # 2020-01-01 00:00:00 UTC
REPORTGEN = Path(sys.executable).parent / "reportgen"


def run_cli(*args: str, cwd: Path = ROOT) -> None:
    """``reportgen ARGS`` as a user runs it, from ``cwd``, with the build time fixed at
    EPOCH; fails the test with its stderr unless it exits 0."""
    done = subprocess.run(
        [str(REPORTGEN), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        check=False,
    )
    assert done.returncode == 0, done.stderr


def assert_outloud_clean(pdfs: list[Path]) -> None:
    """The PDF/UA checker outloud over ``pdfs``: 0 errors, 0 warnings and 0 notes each."""
    done = subprocess.run(
        [str(REPORTGEN.parent / "outloud"), "--fail-on", "warning", "-q", *map(str, pdfs)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    assert len(lines) == len(pdfs)
    assert all(" 0 error(s), 0 warning(s), 0 info" in line for line in lines), done.stdout
    assert done.returncode == 0


def missing(reason: str) -> NoReturn:
    """Stop a test that needs something outside Python (a system tool, a dictionary,
    axe-core): skipped on a developer's machine, a failure under CI (``CI`` set), where
    ``.ci/run`` installs all of it."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must have it: .ci/run installs it)", pytrace=False)
    pytest.skip(reason)


def require_tool(name: str, package: str) -> str:
    """The path of the program ``name`` on PATH; without it the test is skipped, or fails
    under CI, naming the Debian package that has it."""
    path = shutil.which(name)
    if path is None:
        missing(f"{name} is missing: apt-get install {package}")
    return path


@pytest.fixture(autouse=True)
def _clean_room(tmp_path, monkeypatch):
    """Every test runs in its own empty folder (no ./templates or ./data of the checkout
    leaks in) with a fixed build clock, so results do not depend on where pytest starts."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.fixture(scope="session")
def dataset():
    return load_dataset(DATA)


@pytest.fixture(scope="session")
def memo_2019(tmp_path_factory, dataset):
    """DOCX and PDF paths of the 2019 national memo (bokmål) from the shipped data (the
    first two of the files it writes, in the order of the default formats)."""
    from reportgen.pipeline import build_memo

    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path_factory.mktemp("memo")
    try:
        docx, pdf = build_memo(Settings(year=2019, data=DATA, output=out), dataset).files[:2]
    finally:
        mp.undo()
    return docx, pdf


def list_items_after(document, heading: str) -> list[str]:
    """The bullet items under ``heading`` in a python-docx document."""
    items, inside = [], False
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            inside = paragraph.text == heading
        elif inside and paragraph.style.name == "List Bullet":
            items.append(paragraph.text)
    return items
