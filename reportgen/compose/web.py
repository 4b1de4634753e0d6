"""What the memo's web page adds to the memo: links to the memo's other files (PDF,
DOCX, workbook and its CSV files) and the language of each Sami and Kven form of the
county names, so the page can mark it (WCAG 3.1.2, language of parts)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from reportgen.data_writer.csv_files import CSV_FOLDER
from reportgen.data_writer.sheets import data_tables, file_name
from reportgen.model import Link, Memo

# The files the memo's page links to, in this order, with the key of their link text.
LINKED = (("pdf", "link_pdf"), ("docx", "link_docx"), ("xlsx", "link_data"))
# A county's official name is Norwegian, Sami, Kven in that order (stadnamnlova § 9);
# the Sami form is Lule Sami in Nordland, South Sami in Trøndelag, else North Sami.
SAMI = {"Nordland": "smj", "Trøndelag": "sma"}
NORTH_SAMI, KVEN = "se", "fkv"


def for_web(memo: Memo, files: dict[str, str], stem: str, counties) -> Memo:
    """``memo`` with ``files`` (format → file name beside the page, as
    ``formats.file_names``) as links, the workbook's CSV files among them, and the
    languages of the name forms of ``counties`` (``County`` objects)."""
    return replace(
        memo, files=downloads(memo, files, stem), name_languages=name_languages(counties)
    )


def downloads(memo: Memo, files: dict[str, str], stem: str) -> tuple[Link, ...]:
    """The links to the memo's PDF, DOCX and workbook that are written, then to each CSV
    file of the workbook (its text the table's label, "Tabell 1")."""
    links = [Link(memo.words[key], files[fmt]) for fmt, key in LINKED if fmt in files]
    if "xlsx" in files:
        links += [
            Link(table.label, f"{CSV_FOLDER}/{file_name(stem, table)}")
            for table in data_tables(memo)
        ]
    return tuple(links)


def name_languages(counties) -> dict[str, str]:
    """Each Sami and Kven form of the counties' official names ("Troms – Romsa – Tromssa")
    → its language tag: {"Romsa": "se", "Tromssa": "fkv"}."""
    found: dict[str, str] = {}
    for county in counties:
        norwegian, *others = re.split(r"[ \u00a0]\u2013[ \u00a0]", county.label)
        for form, language in zip(others, (SAMI.get(norwegian, NORTH_SAMI), KVEN)):
            found[form] = language
    return found


def forms_after_dash(forms: Iterable[str]) -> re.Pattern:
    """A pattern finding each of ``forms`` (as ``name_languages`` gives them) where a
    county's official name has it: after an en dash and a space (a no-break one where
    the name is kept on one line), and not followed by a letter; group 1 is the form.
    The HTML and the DOCX mark the same places."""
    alternatives = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
    return re.compile(rf"(?<=\u2013[ \u00a0])({alternatives})(?!\w)")
