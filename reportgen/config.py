"""Settings for one run; the CLI fills in only what the user set."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ConfigError
from reportgen.model import Figure, Memo, Table


@dataclass(frozen=True)
class Settings:
    """Where to read and write, and how to write.

    ``language`` "nb" or "nn"; ``seven`` the bokmål word for 7 ("syv" or "sju");
    ``templates`` a user template folder searched before ./templates and the defaults;
    ``encoding``/``delimiter`` override CSV detection (None: detect).
    """

    year: int
    data: Path = Path("data")
    output: Path = Path("output")
    language: str | None = "nb"  # None: each county's own målform (county_language.csv)
    seven: str = "syv"
    templates: Path | None = None
    encoding: str | None = None
    delimiter: str | None = None
    formats: tuple[str, ...] = ("docx", "pdf", "html", "article", "xlsx")  # see outputs
    threshold: int = 5  # counts of persons below this are suppressed below national level


def build_time() -> dt.datetime:
    """The build moment in UTC. Raises ConfigError if SOURCE_DATE_EPOCH is not an integer.

    Source: https://reproducible-builds.org/specs/source-date-epoch/
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    except ValueError:
        raise ConfigError(
            f"SOURCE_DATE_EPOCH is not a whole number of seconds: {epoch!r}",
            fix="set it to seconds since 1970, e.g. $(git log -1 --format=%ct)",
        ) from None


# The output formats: the files one memo can be written as (``--formats``), and their names.
#
# ``docx`` and ``pdf`` are the memo for print; ``html`` the same memo as one web page;
# ``article`` the news article about it (``STEM-artikkel.html``); ``xlsx`` the data
# companion (``STEM-tall.xlsx``, with the same tables as CSV files in ``tall/``).
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
