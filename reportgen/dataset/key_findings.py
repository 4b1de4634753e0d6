"""Key findings the analysts write themselves, per year and målform: ``key_findings.csv``
in the data folder (e.g. the 2019 sentence on the county partnerships).

Columns: ``year``, ``language`` (``nb`` or ``nn``), ``county_code`` (empty: the national
memo) and ``text`` (one bullet, final Norwegian). The file is optional; saved from Excel
with ``;`` or ``,``, in UTF-8 (with or without BOM) or Windows-1252.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from reportgen.dataset.csvfile import decode, detect_delimiter
from reportgen.errors import DataError

FILE = "key_findings.csv"
COLUMNS = ("year", "language", "county_code", "text")
LANGUAGES = ("nb", "nn")


def key_findings(data: Path, year: int, language: str, county: str | None) -> list[str]:
    """The texts for this memo, in file order. Raises DataError with file, row, column,
    value and fix for a missing column, a year that is not a year, an unknown målform,
    a county code that is not digits, or an empty text."""
    folder = Path(data) if Path(data).is_dir() else Path(data).parent
    path = folder / FILE
    if not path.is_file():
        return []
    text, _ = decode(path.read_bytes(), path)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=detect_delimiter(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise DataError(
            "the column is missing",
            file=path,
            row=1,
            column=missing[0],
            fix="the first row must be: " + ";".join(COLUMNS),
        )
    found = []
    for number, raw in enumerate(reader, start=2):
        row = {c: (raw.get(c) or "").strip() for c in COLUMNS}
        _check(row, path, number)
        code = row["county_code"].zfill(2) if row["county_code"] else None
        if int(row["year"]) == year and row["language"] == language and code == county:
            found.append(row["text"])
    return found


_RULES = (
    (
        "year",
        lambda v: not (v.isdigit() and len(v) == 4),
        "is not a year",
        "write the year with four digits, e.g. 2019",
    ),
    (
        "language",
        lambda v: v not in LANGUAGES,
        "is not a målform",
        "write nb (bokmål) or nn (nynorsk)",
    ),
    (
        "county_code",
        lambda v: bool(v) and not v.isdigit(),
        "is not a county code",
        "write the county code, e.g. 46, or leave it empty for the national memo",
    ),
    ("text", lambda v: not v, "is empty", "write the finding as one sentence, or delete the row"),
)


def _check(row: dict[str, str], path: Path, number: int) -> None:
    for column, broken, rule, fix in _RULES:
        if broken(row[column]):
            raise DataError(
                f"{rule} (value {row[column]!r})", file=path, row=number, column=column, fix=fix
            )
