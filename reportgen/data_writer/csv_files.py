"""The memo's tables as ``;``-separated UTF-8 CSV files in a ``tall/`` folder (SSB's
download convention): a header row, then the data; numbers without grouping, with a
decimal comma; symbols (":", ".", "..") as they stand in the memo."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from reportgen.data_writer.sheets import data_tables, file_name
from reportgen.files import atomic_write


def write_csv_files(memo, folder: Path, stem: str, at: list[Path] | None = None) -> list[Path]:
    """One CSV file per table and chart of ``memo`` in ``folder`` (created if missing),
    named ``STEM-tabell-1.csv``, ``STEM-figur-1.csv``, or at ``at`` (the same files' paths
    in reading order, e.g. their temporary names); returns the paths written in reading
    order. Raises OutputError or DiskError if a file cannot be written."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, table in enumerate(data_tables(memo)):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(table.header)
        numbers = table.numbers or [()] * len(table.rows)
        for texts, values in zip(table.rows, numbers):
            writer.writerow([_cell(text, values, i) for i, text in enumerate(texts)])
        path = at[number] if at is not None else folder / file_name(stem, table)
        atomic_write(path, buffer.getvalue().encode("utf-8"))
        paths.append(path)
    return paths


def csv_paths(memo, folder: Path, stem: str) -> list[Path]:
    """The CSV files ``write_csv_files`` writes for ``memo`` in ``folder``, in reading order."""
    return [folder / file_name(stem, table) for table in data_tables(memo)]


def _cell(text: str, values, column: int) -> str:
    """A Number as the plain number it is ("20958", "6,9"); other cells as their text."""
    number = values[column] if column < len(values) else None
    if number is None:
        return text
    value = number.value
    plain = str(int(value)) if float(value).is_integer() else repr(float(value))
    return plain.replace(".", ",")
