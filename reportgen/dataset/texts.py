"""Rules for the text cells of the data: names the memo prints (counties, centres) and
other text (a source). Each rule names the cell that breaks it and the fix.

- Errors: a character no text can hold (control characters such as ESC, surrogates,
  private-use characters, line and paragraph separators; a name not even a tab or a line
  break), and a name longer than ``MAX_NAME`` characters (it must fit a heading and a
  table cell).
- Warnings: a text that starts like a formula (``data_writer.sheets.looks_like_formula``:
  the data companion writes it as text), and a name with ``?`` inside a word
  («Porsá?gu»), the sign of a letter lost when the file was saved in an encoding without it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace

from reportgen.data_writer.sheets import looks_like_formula
from reportgen.dataset.cells import Bad
from reportgen.errors import WARNING

MAX_NAME = 200  # characters; the longest official county label has 62
MAX_SHOWN = 100  # characters of a longer value shown in a message
_FORBIDDEN = frozenset({"Cc", "Cs", "Co", "Zl", "Zp"})  # Unicode general categories
_LAYOUT = frozenset("\t\n\r")  # control characters a text (not a name) may hold
_CALLED = {"\t": "a tab", "\n": "a line break", "\r": "a line break"}
_LOST_LETTER = re.compile(r"\w\?\w")


def text_problems(cells: list[str], *, name: bool) -> list[tuple[int, Bad]]:
    """The cells of a text column that break a rule above, as (position, Bad), each text
    once, at its first row (the others counted in the rule); ``name``: the column holds
    names, so the stricter character rule, the length and the lost-letter rules apply.
    Each distinct text is checked once (a column repeats its names year after year)."""
    counts = Counter(cells)
    rules = (
        (_forbidden_in_name, _too_long, _formula, _lost_letter) if name else (_forbidden, _formula)
    )
    return [
        (cells.index(cell), _also(bad, counts[cell] - 1))
        for cell in _suspects(counts, name=name)
        for rule in rules
        if (bad := rule(cell))
    ]


def _suspects(texts, *, name: bool) -> list[str]:
    """The texts that may break a rule, found with a few fast tests each."""
    return [
        text
        for text in texts
        if not text.isprintable()
        or looks_like_formula(text)
        or (name and ("?" in text or len(text) > MAX_NAME))
    ]


def shown(value: str) -> str:
    """``value`` as a message shows it: cut to MAX_SHOWN characters, with its length."""
    if len(value) <= MAX_SHOWN:
        return value
    return f"{value[:MAX_SHOWN]}… ({len(value)} characters)"


def _also(bad: Bad, more: int) -> Bad:
    """``bad`` with how many more rows of the column have the same text."""
    if not more:
        return bad
    rows = "1 more row has" if more == 1 else f"{more} more rows have"
    return replace(bad, rule=f"{bad.rule}; {rows} it too")


def _forbidden(cell: str, allowed: frozenset[str] = _LAYOUT, what: str = "a text") -> Bad | None:
    if cell.isprintable():  # fast: no character of a forbidden category (nor Cf, Zs)
        return None
    found = (c for c in cell if c not in allowed and unicodedata.category(c) in _FORBIDDEN)
    char = next(found, None)
    if char is None:
        return None
    fix = (
        "write it on one line (Alt+Enter makes a line break in a spreadsheet cell)"
        if char in _LAYOUT
        else "delete it (it comes with text copied from another program), then save the file"
    )
    return Bad(f"has {_called(char)} (U+{ord(char):04X}), which {what} cannot hold", fix)


def _forbidden_in_name(cell: str) -> Bad | None:
    return _forbidden(cell, frozenset(), "a name")


def _called(char: str) -> str:
    if char in _CALLED:
        return _CALLED[char]
    category = unicodedata.category(char)
    if category == "Cc":
        return "a control character"
    if category == "Co":
        return "a private-use character"
    return unicodedata.name(char, "a character of no script").lower()


def _too_long(cell: str) -> Bad | None:
    if len(cell) <= MAX_NAME:
        return None
    return Bad(
        f"is {len(cell)} characters long; a name may have at most {MAX_NAME}",
        f"shorten it to at most {MAX_NAME} characters (the memo prints it in headings and "
        "table cells)",
    )


def _formula(cell: str) -> Bad | None:
    if not looks_like_formula(cell):
        return None
    return Bad(
        f"starts with '{cell[0]}', which a spreadsheet reads as a formula (reportgen writes "
        "it as text)",
        f"delete the '{cell[0]}' if it is not part of the text",
        WARNING,
    )


def _lost_letter(cell: str) -> Bad | None:
    if not _LOST_LETTER.search(cell):
        return None
    word = next(w for w in cell.split() if _LOST_LETTER.search(w))
    return Bad(
        f"has '?' inside the word '{word}': a letter was probably lost when the file was "
        "saved in an encoding without it",
        "save the file as UTF-8 from the original (in Excel: Save As, 'CSV UTF-8') and "
        "check the letter",
        WARNING,
    )
