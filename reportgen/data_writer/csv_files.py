"""The memo's tables as ``;``-separated UTF-8 CSV files in a ``tall/`` folder (SSB's
download convention): a header row, then the data; numbers without grouping, with a
decimal comma; symbols (":", ".", "..") as they stand in the memo."""

from __future__ import annotations

import csv
import io

from reportgen.data_writer.sheets import data_tables, file_name

CSV_FOLDER = "tall"


def csv_files(memo, stem: str) -> dict[str, bytes]:
    """One CSV file per table and chart of ``memo``, in reading order: its name in the
    memo's folder (``tall/STEM-tabell-1.csv``, ``tall/STEM-figur-1.csv``) → its bytes."""
    files = {}
    for table in data_tables(memo):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(table.header)
        numbers = table.numbers or [()] * len(table.rows)
        for texts, values in zip(table.rows, numbers):
            writer.writerow([_cell(text, values, i) for i, text in enumerate(texts)])
        files[f"{CSV_FOLDER}/{file_name(stem, table)}"] = buffer.getvalue().encode("utf-8")
    return files


def _cell(text: str, values, column: int) -> str:
    """A Number as the plain number it is ("20958", "6,9"); other cells as their text."""
    number = values[column] if column < len(values) else None
    if number is None:
        return text
    value = number.value
    plain = str(int(value)) if float(value).is_integer() else repr(float(value))
    return plain.replace(".", ",")
