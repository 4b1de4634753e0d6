"""The memos whose DOCX and XLSX files the Open XML and native chart tests read: the 2019
national memo in bokmål and nynorsk and the county memos of 2019 and 2024, built once per
test session by the command line, as a user builds them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import DATA, EPOCH

REPORTGEN = str(Path(sys.executable).parent / "reportgen")
BUILDS = {
    "nb": ["memo", "--year", "2019"],
    "nn": ["memo", "--year", "2019", "--language", "nn"],
    "counties-2019": ["batch", "--year", "2019"],
    "counties-2024": ["batch", "--year", "2024"],
}
_BUILT: dict[str, Path] = {}


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """``reportgen ARGS --data DATA`` from ``cwd`` with the tests' build clock."""
    return subprocess.run(
        [REPORTGEN, *args, "--data", str(DATA)],
        cwd=cwd,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        capture_output=True,
        text=True,
    )


def built(tmp_path_factory) -> Path:
    """The folder holding one output folder per entry of BUILDS (DOCX and XLSX only)."""
    if "root" not in _BUILT:
        root = tmp_path_factory.mktemp("docx-xlsx")
        for name, command in BUILDS.items():
            done = run([*command, "--formats", "docx,xlsx", "-o", str(root / name)], root)
            assert done.returncode == 0, done.stderr
        _BUILT["root"] = root
    return _BUILT["root"]


def docx_files(root: Path, build: str) -> list[Path]:
    """The DOCX files of ``build``, in name order."""
    return sorted((root / build).rglob("*.docx"))
