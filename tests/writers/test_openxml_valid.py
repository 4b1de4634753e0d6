"""Every DOCX and XLSX that ``reportgen`` writes is valid Open XML: openxml-audit (the
Open XML SDK's schema and semantic rules, Office 2019) finds no error in the 2019 national
memo, in bokmål and nynorsk, nor in the county memos of 2019 and 2024, native charts (their
chart parts, e.g. no negative axis ids) included. Its warnings are not counted."""

from __future__ import annotations

from pathlib import Path

import pytest
from memos_built import BUILDS
from memos_built import built as build_all
from openxml_audit import OpenXmlValidator, ValidationSeverity


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The folder holding one output folder per build (see ``memos_built``)."""
    return build_all(tmp_path_factory)


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
