"""Every DOCX and XLSX that ``reportgen`` writes is valid Open XML: openxml-audit (the
Open XML SDK's schema and semantic rules, Office 2019) finds no error in the 2019 national
memo, in bokmål and nynorsk, nor in the 2019 county memos. Its warnings are not counted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, EPOCH
from openxml_audit import OpenXmlValidator, ValidationSeverity

REPORTGEN = str(Path(sys.executable).parent / "reportgen")
BUILDS = {"nb": ["memo"], "nn": ["memo", "--language", "nn"], "counties": ["batch"]}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The folder holding one output folder per build, built once for the module."""
    root = tmp_path_factory.mktemp("openxml")
    for name, command in BUILDS.items():
        done = subprocess.run(
            [REPORTGEN, *command, "--year", "2019", "--data", str(DATA)]
            + ["--formats", "docx,xlsx", "-o", str(root / name)],
            cwd=root,
            env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    return root


@pytest.mark.parametrize("build", BUILDS)
def test_docx_and_xlsx_have_no_openxml_errors(built, build):
    files = sorted(p for p in (built / build).rglob("*") if p.suffix in (".docx", ".xlsx"))
    assert {p.suffix for p in files} == {".docx", ".xlsx"}
    validator = OpenXmlValidator(max_errors=0)
    findings = [
        f"{path.relative_to(built)} {error.part_uri} {error.path}: {error.description}"
        for path in files
        for error in validator.validate(path).errors
        if error.severity is ValidationSeverity.ERROR
    ]
    assert not findings, "\n".join(findings)
