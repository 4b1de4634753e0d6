"""Settings for one run; the CLI fills in only what the user set."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ConfigError
from reportgen.formats import NAMES


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
    formats: tuple[str, ...] = NAMES  # every format of the table (formats.TABLE)
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
