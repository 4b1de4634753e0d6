"""The Sami and Kven forms of a county's name carry their language in the DOCX and the
HTML alike (issue 24: «Romsa», «Tromssa», «Trööndelage» were tagged in neither file
once the names were set with no-break spaces)."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from conftest import DATA, run_cli
from docx.oxml.ns import qn


def _batch(out: Path) -> Path:
    """Troms and Trøndelag 2024 as DOCX and HTML, by the command line; their folder."""
    run_cli(
        *("batch", "--year", "2024", "--data", str(DATA), "-o", str(out)),
        *("--county", "55", "--county", "50", "--formats", "docx,html"),
    )
    return out / "2024" / "fylker"


def _tagged_runs(path: Path) -> list[tuple[str, str]]:
    """(text, w:lang) of every run with a language, in the body, then the footer."""
    document = docx.Document(str(path))
    parts = [document.element.body, document.sections[0].footer._element]
    return [
        (run.findtext(qn("w:t")), run.find(f"{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")))
        for part in parts
        for run in part.iter(qn("w:r"))
        if run.find(f"{qn('w:rPr')}/{qn('w:lang')}") is not None
    ]


def test_sami_and_kven_forms_carry_their_language_in_docx_and_html(tmp_path):
    folder = _batch(tmp_path)
    troms = docx.Document(str(folder / "55-troms-2024-nb.docx"))
    title = next(p.text for p in troms.paragraphs if p.style.name == "Title")
    assert title == "Karriereveiledning i Troms\u00a0\u2013\u00a0Romsa\u00a0\u2013\u00a0Tromssa"
    # the title and the footer: North Sami, then Kven; the Norwegian name untagged
    assert _tagged_runs(folder / "55-troms-2024-nb.docx") == [
        ("Romsa", "se"),
        ("Tromssa", "fkv"),
        ("Romsa", "se"),
        ("Tromssa", "fkv"),
    ]
    assert _tagged_runs(folder / "50-trondelag-2024-nb.docx") == [("Trööndelage", "sma")] * 2
    html = (folder / "55-troms-2024-nb.html").read_text(encoding="utf-8")
    spans = re.findall(r'<span lang="(\w+)">([^<]+)</span>', html)
    assert ("se", "Romsa") in spans and ("fkv", "Tromssa") in spans
