"""The memo's tables as ``;``-separated UTF-8 CSV files in a ``tall/`` folder (SSB's
download convention): a header row, then the data; numbers without grouping, with a
decimal comma; symbols (":", ".", "..") as they stand in the memo. A text a spreadsheet
would read as a formula ("=HYPERLINK(…)", "@SUM(…)") gets an apostrophe in front, as
OWASP advises, so it opens as the text it is; numbers stay numbers ("-4,3")."""

from __future__ import annotations

import csv
import io

from reportgen.data_writer.sheets import data_tables, file_name, looks_like_formula

CSV_FOLDER = "tall"


def csv_files(memo, stem: str) -> dict[str, bytes]:
    """One CSV file per table and chart of ``memo``, in reading order: its name in the
    memo's folder (``tall/STEM-tabell-1.csv``, ``tall/STEM-figur-1.csv``) → its bytes."""
    files = {}
    for table in data_tables(memo):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow([_text(text) for text in table.header])
        numbers = table.numbers or [()] * len(table.rows)
        for texts, values in zip(table.rows, numbers):
            writer.writerow([_cell(text, values, i) for i, text in enumerate(texts)])
        files[f"{CSV_FOLDER}/{file_name(stem, table)}"] = buffer.getvalue().encode("utf-8")
    return files


def _cell(text: str, values, column: int) -> str:
    """A Number as the plain number it is ("20958", "6,9"); other cells as their text."""
    number = values[column] if column < len(values) else None
    if number is None:
        return _text(text)
    value = number.value
    plain = str(int(value)) if float(value).is_integer() else repr(float(value))
    return plain.replace(".", ",")


def _text(text: str) -> str:
    """A text cell: as it is, or after an apostrophe if it looks like a formula."""
    return f"'{text}" if looks_like_formula(text) else text
