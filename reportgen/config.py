"""Settings for one run; the CLI fills in only what the user set."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
    formats: tuple[str, ...] = ("docx", "pdf")
    threshold: int = 5  # counts of persons below this are suppressed below national level
