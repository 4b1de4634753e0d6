"""Turn the text cells of one column into values, naming every cell that breaks a rule.

Numbers are written as people write them: "1354", "1 354" (space, no-break space or
narrow no-break space between thousands), "1354,0" or "1354.0" (Excel). "1,354" and
"1.354" are refused as ambiguous (thousands or decimals?). A column of plain digits is
converted at once; only other columns are parsed cell by cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from reportgen.errors import ERROR

_NUMBER = re.compile(
    r"(?P<sign>[-\u2212]?)"
    r"(?P<whole>[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+|[0-9]+)"
    r"(?:[.,](?P<decimals>[0-9]+))?"
)
LARGEST = 10**15  # larger counts are typing errors (and would not fit 64 bits)
YEARS = range(1900, 2101)
_EMPTY = {
    "count": "write a whole number (0 if there were none)",
    "year": "write the year, e.g. 2019",
}


@dataclass(frozen=True)
class Bad:
    """Why a cell's text is not a valid value, and how to fix it (an error unless
    ``severity`` says "warning")."""

    rule: str
    fix: str
    severity: str = ERROR


def parse_count(text: str) -> int | Bad:
    """A whole number ≥ 0 from a stripped cell, or why it is not one."""
    match = _NUMBER.fullmatch(text)
    if match is None:
        return Bad("is not a number", "write a whole number such as 1354 or 1 354")
    if match["sign"]:
        return Bad("is negative", "write a whole number of 0 or more")
    if len(match["whole"]) <= 3 and len(match["decimals"] or "") == 3:
        return Bad(
            "is ambiguous: the separator may mark thousands or decimals",
            "write the number without a separator (1354) or with a space (1 354)",
        )
    if (match["decimals"] or "0").strip("0"):
        return Bad("is not a whole number", "write a whole number of 0 or more, without decimals")
    number = int(re.sub(r"\D", "", match["whole"]))
    return number if number < LARGEST else Bad("is too large for a count", "check the value")


def parse_year(text: str) -> int | Bad:
    """A year (1900–2100) from a stripped cell, or why it is not one."""
    number = parse_count(text)
    return (
        number
        if isinstance(number, int) and number in YEARS
        else Bad("is not a year", "write the year with four digits, e.g. 2019")
    )


def numbers(cells: list[str], kind: str, *, optional: bool):
    """The cells as int64 (or nullable Int64 where cells are bad or empty), and the bad
    cells as (position, Bad). ``kind`` is "count" or "year"."""
    plain = "".join(cells)
    if all(cells) and plain.isascii() and plain.isdigit() and max(map(len, cells)) < 16:
        values = np.fromiter(map(int, cells), np.int64, len(cells))
        if kind == "count" or (values.min() >= YEARS.start and values.max() < YEARS.stop):
            return values, []
    parse = parse_year if kind == "year" else parse_count
    parsed: list[int | None] = []
    bad: list[tuple[int, Bad]] = []
    for position, text in enumerate(cells):
        value = parse(text) if text or not optional else None
        if not text and not optional:
            value = Bad("the cell is empty", _EMPTY[kind])
        if isinstance(value, Bad):
            bad.append((position, value))
            value = None
        parsed.append(value)
    if None in parsed:
        return pd.array(parsed, dtype="Int64"), bad
    return np.array(parsed, dtype=np.int64), bad


def codes(cells: list[str], width: int) -> tuple[list[str], list[tuple[int, Bad]], list[int]]:
    """Codes of ``width`` digits: the cells with a lost leading zero put back, the bad cells
    as (position, Bad), and the positions that were padded."""
    if all(len(c) == width and c.isascii() and c.isdigit() for c in cells):
        return cells, [], []
    out, bad, padded = list(cells), [], []
    for position, text in enumerate(cells):
        if len(text) == width - 1 and text.isascii() and text.isdigit():
            out[position] = "0" + text
            padded.append(position)
        elif not (len(text) == width and text.isascii() and text.isdigit()):
            example = "03" if width == 2 else "0301"
            rule = "the cell is empty" if not text else f"is not a {width}-digit code"
            fix = f"write the code with {width} digits, e.g. '{example}'"
            bad.append((position, Bad(rule, fix)))
    return out, bad, padded


def code_lists(cells: list[str], width: int) -> tuple[list[str], list[tuple[int, Bad]], list[int]]:
    """Like ``codes``, for cells that may be empty or hold codes joined by "|" ("31|32")."""
    if all(not c or len(c) == width and c.isascii() and c.isdigit() for c in cells):
        return cells, [], []
    out, bad, padded = [], [], []
    for position, cell in enumerate(cells):
        parts, part_bad, part_padded = codes(cell.split("|"), width) if cell else ([], [], [])
        out.append("|".join(parts))
        if part_bad:
            bad.append((position, part_bad[0][1]))
        elif part_padded:
            padded.append(position)
    return out, bad, padded


def text(cells: list[str], *, optional: bool) -> list[tuple[int, Bad]]:
    """The empty cells of a text column that must be filled in, as (position, Bad)."""
    if optional or all(cells):
        return []
    empty = Bad("the cell is empty", "fill in the value")
    return [(i, empty) for i, cell in enumerate(cells) if not cell]
