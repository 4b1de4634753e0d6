"""The print edition of a memo made in a test, as the program makes it: laid out once by
the PDF writer and rendered by the table of formats (``formats.render_print``)."""

from __future__ import annotations

from pathlib import Path

from reportgen.formats import render, render_print


def write_pdf(memo, theme, path: Path) -> Path:
    """Write ``memo`` as the PDF the program would write; returns ``path``."""
    Path(path).write_bytes(render_print(memo, theme, ("pdf",))[1]["pdf"])
    return Path(path)


def write_docx(memo, theme, path: Path) -> Path:
    """Write ``memo`` as the DOCX the program would write (on the PDF's layout)."""
    layout, _ = render_print(memo, theme, ())
    Path(path).write_bytes(render("docx", memo, theme, layout))
    return Path(path)
