"""The files one memo can be written as, chosen with ``--formats``, and their names.

``docx`` and ``pdf`` are the memo for print; ``html`` the same memo as one web page;
``article`` the news article about it (``STEM-artikkel.html``); ``xlsx`` the data
companion (``STEM-tall.xlsx``, with the same tables as CSV files in ``tall/``).
"""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import ConfigError
from reportgen.model import Figure, Memo, Table

FORMATS = ("docx", "pdf", "html", "article", "xlsx")
NAMES = {
    "docx": "{stem}.docx",
    "pdf": "{stem}.pdf",
    "html": "{stem}.html",
    "article": "{stem}-artikkel.html",
    "xlsx": "{stem}-tall.xlsx",
}
CSV_FOLDER = "tall"


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
            fix="use a comma-separated list of: " + ",".join(FORMATS),
        )
    return chosen


def output_paths(folder: Path, stem: str, formats: tuple[str, ...]) -> dict[str, Path]:
    """The file of each format (in the order of ``formats``) for the memo ``stem``."""
    return {fmt: folder / NAMES[fmt].format(stem=stem) for fmt in formats}


def contents(memo: Memo, formats: tuple[str, ...]) -> dict[str, list[str]]:
    """What each format's file holds, for manifest.json: the memo's files hold its key
    findings and every table and figure (by label); the article the key findings; the data
    companion every table and figure's numbers."""
    labels = [b.label for b in memo.blocks if isinstance(b, Table | Figure)]
    held = {
        "docx": ["key findings", *labels],
        "pdf": ["key findings", *labels],
        "html": ["key findings", *labels],
        "article": ["key findings"],
        "xlsx": labels,
    }
    return {fmt: held[fmt] for fmt in formats}


WHAT = {
    "docx": "the memo for Word, with every key figure above",
    "pdf": "the memo for print, with every key figure above",
    "html": "the memo as one web page, with every key figure above and each chart's numbers",
    "article": "the news article: title and lead from the change in users, the key findings",
    "xlsx": "the numbers of every table and chart, a sheet each (and as CSV in tall/)",
}


def describe(folder: str, stem: str, formats: tuple[str, ...] = FORMATS) -> str:
    """The files a memo is written as, one line each, for ``reportgen explain``."""
    lines = [f"files (in {folder}/):"]
    lines += [f"  {NAMES[fmt].format(stem=stem)}: {WHAT[fmt]}" for fmt in formats]
    return "\n".join(lines)
