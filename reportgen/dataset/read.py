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
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def read_folder(
    folder: Path, encoding: str | None = None, delimiter: str | None = None
) -> RawDataset:
    """Read every known source from ``folder``: CSV files ``<source>.csv`` or sheets of
    ``data.xlsx`` (file names in any case; a CSV file wins over a sheet, with a warning),
    or of the folder's only workbook by another name. ``folder`` may also be a workbook
    file (``.xlsx``) of any name: then only its sheets are read.

    Raises DataError if the folder does not exist and ConfigError for a bad ``encoding`` or
    ``delimiter`` (which override the detection). Files that cannot be read are problems in
    ``RawDataset.problems``; missing sources are left out here and reported by ``validate``.
    """
    folder = Path(folder)
    encoding, delimiter = check_encoding(encoding), parse_delimiter(delimiter)
    files, workbook = _files(folder)
    data = RawDataset(folder if folder.is_dir() else folder.parent)
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


def _files(path: Path) -> tuple[dict[str, Path], Path | None]:
    """The CSV candidates (lower-case name → path) and the workbook to read, if any.
    Raises DataError for a path that is neither a folder nor a workbook."""
    if path.is_file() and path.suffix.lower() in WORKBOOK_SUFFIXES:
        return {}, path
    if not path.is_dir():
        problem = (
            "is not a folder or an Excel workbook"
            if path.exists()
            else "the data folder does not exist"
        )
        raise DataError(
            problem,
            file=path,
            fix="point --data at the folder holding centres.csv, users.csv, … or at an "
            ".xlsx workbook with one sheet per file",
        )
    files = {p.name.lower(): p for p in path.iterdir() if p.is_file()}
    books = [p for n, p in sorted(files.items()) if n.endswith(WORKBOOK_SUFFIXES)]
    books = [p for p in books if not p.name.startswith("~$")]  # Excel's lock files
    return files, files.get(WORKBOOK) or (books[0] if len(books) == 1 else None)


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
