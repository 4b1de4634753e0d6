"""What the data folder says about itself: ``about.toml`` (the dataset's description) and
``quote.toml`` (the article's quote). Both are edited by hand, so a mistake in either is
a DataError naming the file, the line and the fix (exit code 2), never a traceback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportgen.errors import DataError
from reportgen.theme.usertext import read_toml

FIX_ABOUT = (
    "write synthetic = true or false, and each year's date under [published] "
    'as 2019 = 2020-06-15 or 2019 = "juni 2020"'
)
FIX_QUOTE = 'write text = "…", person = "…", role = "…"'


def read_about(folder: Path) -> dict:
    """The dataset's description from ``about.toml``: ``synthetic`` (bool, default False),
    ``[published]`` (year → a date or a text) and any other keys, for the templates as
    ``data``. Raises DataError naming the file and line if it is not valid TOML, or if
    those two keys have values of another kind."""
    path = Path(folder) / "about.toml"
    if not path.is_file():
        return {"synthetic": False}
    about, text = read_toml(path, DataError, FIX_ABOUT)
    if not isinstance(about.get("synthetic", False), bool):
        _wrong(path, text, "synthetic", f"synthetic is {about['synthetic']!r}, not true or false")
    published = about.get("published", {})
    if not isinstance(published, dict):
        _wrong(path, text, "published", f"published is {published!r}, not a section [published]")
    for year, when in published.items():
        if not (year.isdigit() and isinstance(when, date | str)):
            _wrong(path, text, year, f"[published] {year} = {when!r} is not a year's date")
    return {"synthetic": False, **about}


def _wrong(path: Path, text: str, key: str, message: str) -> None:
    """Raise the DataError for ``key`` of about.toml, on the first line that sets it."""
    lines = text.splitlines()
    line = next((n for n, row in enumerate(lines, 1) if row.strip().startswith(key)), None)
    raise DataError(message, file=path, line=line, fix=FIX_ABOUT)


def read_quote(folder: Path) -> dict:
    """The article's quote from ``quote.toml`` in the data folder (text, person, role), or
    {} without one. Raises DataError naming the file and line if it is not valid TOML."""
    path = Path(folder) / "quote.toml"
    return read_toml(path, DataError, FIX_QUOTE)[0] if path.is_file() else {}
