"""The table of formats: every file a memo can be written as, and how.

Each entry names its file, what it holds, its media type, the function that renders it
and where that runs. A render function has one shape, ``render(memo, theme, layout) →
bytes``; it is named by its dotted path and imported where it runs, so this process never
imports matplotlib or python-docx. ``--formats``, ``reportgen explain``, the preview's
links and the manifest's ``contents`` all read this table; writing loops over it.
Adding a format is one entry here and one writer.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ConfigError
from reportgen.model import Figure, Layout, Memo, Table


@dataclass(frozen=True)
class Format:
    """One output format.

    ``file`` is the file name with ``{stem}`` for the memo's stem; ``render`` the
    ``module:function`` that turns (Memo, Theme, Layout) into the file's bytes; ``document``
    which Memo it renders ("memo", or "article": the news article); ``laid_out`` whether
    it is rendered from the print edition's Layout (``render_print``), ``helper`` whether
    it runs in a helper process beside the charts, where the Layout is made, rather than
    here; ``holds`` what the manifest lists it as holding ("all": the key
    findings and every table and figure, "key findings", or "numbers": every table and
    figure); ``parts`` the ``module:function`` giving (Memo, stem) → further files beside
    it, as {name in the memo's folder: bytes} (the workbook's CSV files).
    """

    name: str
    file: str
    what: str
    media_type: str
    render: str
    document: str = "memo"
    laid_out: bool = False
    helper: bool = False
    holds: str = "all"
    parts: str = ""


TABLE = (
    Format(
        "docx",
        "{stem}.docx",
        "the memo for Word, with every key figure above",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "reportgen.docx_writer:render_docx",
        laid_out=True,
    ),
    Format(
        "pdf",
        "{stem}.pdf",
        "the memo for print, with every key figure above",
        "application/pdf",
        "reportgen.pdf_writer:render_pdf",
        laid_out=True,
        helper=True,
    ),
    Format(
        "html",
        "{stem}.html",
        "the memo as one web page, with every key figure above and each chart's numbers",
        "text/html; charset=utf-8",
        "reportgen.html_writer.page:render_html",
    ),
    Format(
        "article",
        "{stem}-artikkel.html",
        "the news article: title and lead from the change in users, the key findings",
        "text/html; charset=utf-8",
        "reportgen.html_writer.page:render_html",
        document="article",
        holds="key findings",
    ),
    Format(
        "xlsx",
        "{stem}-tall.xlsx",
        "the numbers of every table and chart, a sheet each (and as CSV in tall/)",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "reportgen.data_writer.xlsx:render_xlsx",
        holds="numbers",
        parts="reportgen.data_writer.csv_files:csv_files",
    ),
)
FORMATS = {fmt.name: fmt for fmt in TABLE}
NAMES = tuple(FORMATS)


def parse_formats(text: str) -> tuple[str, ...]:
    """ "docx,pdf,html" → ("docx", "pdf", "html") in the order given, without repeats.
    Raises ConfigError naming the formats there are if one is unknown or none is given."""
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown or not chosen:
        raise ConfigError(
            f"--formats: unknown format {', '.join(unknown)}"
            if unknown
            else "--formats: none given",
            fix="use a comma-separated list of: " + ",".join(NAMES),
        )
    return chosen


def file_names(stem: str, formats: tuple[str, ...] = NAMES) -> dict[str, str]:
    """The file name of each format (in the order of ``formats``) for the memo ``stem``."""
    return {name: FORMATS[name].file.replace("{stem}", stem) for name in formats}


def render(name: str, memo: Memo, theme, layout: Layout) -> bytes:
    """The bytes of format ``name`` for ``memo``, by the format's render function
    (imported here, where it runs). Raises what the writer raises (TemplateError …)."""
    return _function(FORMATS[name].render)(memo, theme, layout)


def parts(name: str, memo: Memo, stem: str) -> dict[str, bytes]:
    """The further files of format ``name`` ({name in the memo's folder: bytes}), or {}."""
    spec = FORMATS[name].parts
    return _function(spec)(memo, stem) if spec else {}


def render_print(memo: Memo, theme, names: tuple[str, ...]) -> tuple[Layout, dict[str, bytes]]:
    """The print edition's Layout, decided by the PDF writer (``pdf_writer.lay_out``), and
    the formats of ``names`` (those with ``helper``) rendered with it: name → bytes. Runs
    in a helper process; the other ``laid_out`` formats (the DOCX) are rendered with the
    same Layout where it is sent, so the DOCX has the PDF's pages."""
    from reportgen.pdf_writer import lay_out

    layout = lay_out(memo, theme)
    return layout, {name: render(name, memo, theme, layout) for name in names}


def preload(names: tuple[str, ...]) -> None:
    """Import the writers of ``names`` that run here (openpyxl takes about 0.2 s), to be
    called while the helpers draw the charts, before the writers are needed."""
    for name in names:
        if not FORMATS[name].helper:
            _function(FORMATS[name].render)


def contents(memo: Memo, formats: tuple[str, ...]) -> dict[str, list[str]]:
    """What each format's file holds, for manifest.json (see ``Format.holds``)."""
    labels = [b.label for b in memo.blocks if isinstance(b, Table | Figure)]
    held = {"all": ["key findings", *labels], "key findings": ["key findings"], "numbers": labels}
    return {name: held[FORMATS[name].holds] for name in formats}


def describe(folder: str, stem: str, formats: tuple[str, ...] = NAMES) -> str:
    """The files a memo is written as, one line each, for ``reportgen explain``."""
    names = file_names(stem, formats)
    lines = [f"files (in {folder}/):"]
    lines += [f"  {names[name]}: {FORMATS[name].what}" for name in formats]
    return "\n".join(lines)


def output_paths(folder: Path, stem: str, formats: tuple[str, ...]) -> dict[str, Path]:
    """The path of each format's file (in the order of ``formats``) for the memo ``stem``."""
    return {name: folder / file for name, file in file_names(stem, formats).items()}


def _function(spec: str):
    module, name = spec.split(":")
    return getattr(importlib.import_module(module), name)
