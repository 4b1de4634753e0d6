"""The tables a data companion holds: each Table of the memo and the data behind each
Figure, in reading order, with the name of its sheet or file; and which texts a
spreadsheet would take for a formula."""

from __future__ import annotations

import re

from reportgen.model import Figure, Table


def data_tables(memo) -> list[Table]:
    """The memo's tables and its figures' data (``Figure.data``), in reading order; each
    has its label ("Tabell 1", "Figur 2") and caption."""
    found = []
    for block in memo.blocks:
        if isinstance(block, Table):
            found.append(block)
        elif isinstance(block, Figure) and block.data is not None:
            found.append(block.data)
    return found


def sheet_name(table: Table) -> str:
    """The sheet's name: the label ("Tabell 1"), at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "", table.label)[:31] or "Ark"


def file_name(stem: str, table: Table) -> str:
    """The CSV file of ``table``: ``STEM-tabell-1.csv`` (ASCII: label lowered, spaces as -)."""
    label = re.sub(r"[^a-z0-9]+", "-", table.label.lower()).strip("-")
    return f"{stem}-{label}.csv"


# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): a cell
# written from text that starts so is made inert by both writers (xlsx.py, csv_files.py).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula (or DDE command) if a user
    typed it into a cell: it starts with one of FORMULA_STARTS."""
    return text.startswith(FORMULA_STARTS)
