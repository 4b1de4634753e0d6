"""Read the data folder: CSV files (any common encoding and delimiter) or one Excel workbook.

Every cell is read as text, stripped and normalised to Unicode NFC; ``validate`` then
checks and converts the columns. Only this module and the readers it calls touch input
files: ``csvfile`` (CSV) and ``workbook`` (``data.xlsx``).
"""

from __future__ import annotations

from pathlib import Path

from reportgen.dataset.csvfile import (
    check_encoding,
    parse_delimiter,
    read_csv,
)
from reportgen.dataset.raw import RawDataset, RawTable
from reportgen.dataset.schema import SOURCES
from reportgen.dataset.workbook import read_workbook
from reportgen.errors import WARNING, DataError, Problem, ProblemError

WORKBOOK = "data.xlsx"


def read_folder(
    folder: Path, encoding: str | None = None, delimiter: str | None = None
) -> RawDataset:
    """Read every known source from ``folder``: CSV files ``<source>.csv`` or sheets of
    ``data.xlsx`` (file names in any case; a CSV file wins over a sheet, with a warning).

    Raises DataError if the folder does not exist and ConfigError for a bad ``encoding`` or
    ``delimiter`` (which override the detection). Files that cannot be read are problems in
    ``RawDataset.problems``; missing sources are left out here and reported by ``validate``.
    """
    folder = Path(folder)
    if not folder.is_dir():
        problem = "is a file, not a folder" if folder.exists() else "the data folder does not exist"
        raise DataError(
            problem, file=folder, fix="point --data at the folder holding centres.csv, users.csv, …"
        )
    encoding, delimiter = check_encoding(encoding), parse_delimiter(delimiter)
    data = RawDataset(folder)
    files = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    workbook = files.get(WORKBOOK)
    sheets = _sheets(workbook, data) if workbook else {}
    for source in SOURCES:
        path = files.get(f"{source.name}.csv")
        if path:
            _read(data, source.name, read_csv, path, source.name, encoding, delimiter)
            if workbook and source.name in sheets:
                data.problems.append(_both(path, workbook, source.name))
        elif source.name in sheets:
            _read(data, source.name, _sheet, sheets[source.name])
    return data


def _read(data: RawDataset, name: str, reader, *args) -> None:
    """Add the table ``reader(*args)`` returns, or the problem that it could not be read."""
    try:
        table = reader(*args)
    except ProblemError as exc:
        data.problems.append(exc.problem)
        data.unread.add(name)
        return
    data.tables[table.name] = table
    data.problems += table.problems


def _sheet(sheet: RawTable | ProblemError) -> RawTable:
    if isinstance(sheet, ProblemError):
        raise sheet
    return sheet


def _sheets(path: Path, data: RawDataset) -> dict[str, RawTable | ProblemError]:
    try:
        return read_workbook(path, {source.name for source in SOURCES})
    except ProblemError as exc:
        data.problems.append(exc.problem)
        data.unread.update(source.name for source in SOURCES)
        return {}


def _both(csv_path: Path, workbook: Path, name: str) -> Problem:
    return Problem(
        str(workbook),
        None,
        None,
        None,
        f"sheet '{name}' is ignored because {csv_path.name} is read instead",
        f"delete {csv_path.name} or the sheet, so there is one source",
        WARNING,
    )
