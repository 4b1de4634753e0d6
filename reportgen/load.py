"""Read the data folder: CSV files (any common encoding and delimiter) or one Excel workbook.

Every cell is read as text, stripped and normalised to Unicode NFC; ``validate`` then
checks and converts the columns. Only this module touches input files.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import DataError
from .schema import SOURCES

ENCODINGS = ("utf-8-sig", "cp1252")  # cp1252, not Latin-1: keeps the en dash (0x96)
DELIMITERS = {";": "semicolon", ",": "comma", "\t": "tab"}
WORKBOOK = "data.xlsx"


@dataclass
class RawTable:
    """One source as read: all cells text (NFC, stripped), with where it came from."""

    name: str
    path: Path
    frame: pd.DataFrame
    detected: str  # e.g. "utf-8-sig, semicolon" or "sheet 'centres'"
    first_row: int = 2  # file row number of the frame's first data row


@dataclass
class RawDataset:
    """All sources found in the data folder, by source name."""

    folder: Path
    tables: dict[str, RawTable] = field(default_factory=dict)


def read_folder(folder: Path, encoding: str | None = None,
                delimiter: str | None = None) -> RawDataset:
    """Read every known source from ``folder`` (CSV files ``<source>.csv`` or ``data.xlsx``).

    Raises DataError if the folder does not exist. Missing sources are left out here and
    reported by ``validate``. ``encoding``/``delimiter`` override the detection.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError("the data folder does not exist", file=folder,
                        fix="point --data at the folder holding centres.csv, users.csv, …")
    data = RawDataset(folder)
    workbook = folder / WORKBOOK
    sheets = _read_workbook(workbook) if workbook.exists() else {}
    for source in SOURCES:
        path = folder / f"{source.name}.csv"
        if path.exists():
            data.tables[source.name] = read_csv(path, source.name, encoding, delimiter)
        elif source.name in sheets:
            frame = sheets[source.name]
            data.tables[source.name] = RawTable(source.name, workbook, frame,
                                                f"sheet '{source.name}'")
    return data


def read_csv(path: Path, name: str, encoding: str | None = None,
             delimiter: str | None = None) -> RawTable:
    """Read one CSV file as text cells; detect encoding and delimiter unless given."""
    raw = path.read_bytes()
    text, used = decode(raw, path, encoding)
    sep = delimiter or detect_delimiter(text)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                            skipinitialspace=False, engine="c")
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"cannot be read as CSV ({exc})", file=path,
                        fix="save it as CSV with one header row") from None
    detected = f"{used}, {DELIMITERS.get(sep, repr(sep))}-separated"
    return RawTable(name, path, _clean(frame), detected)


def decode(raw: bytes, path: Path, encoding: str | None = None) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM) or else Windows-1252; return text, encoding."""
    for candidate in (encoding,) if encoding else ENCODINGS:
        try:
            return raw.decode(candidate), candidate
        except (UnicodeDecodeError, LookupError):
            continue
    raise DataError("the text encoding is neither UTF-8 nor Windows-1252", file=path,
                    fix="save the file as 'CSV UTF-8' from Excel")


def detect_delimiter(text: str) -> str:
    """The most frequent of ; , and tab in the header line (ties: ; before , before tab)."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in DELIMITERS}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _read_workbook(path: Path) -> dict[str, pd.DataFrame]:
    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=str, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise DataError(f"cannot be read as an Excel workbook ({exc})", file=path,
                        fix="save it again from Excel as .xlsx") from None
    return {name.strip().lower(): _clean(frame.fillna("")) for name, frame in sheets.items()}


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    frame.columns = [_nfc(str(c)).strip().lower() for c in frame.columns]
    return frame.apply(lambda col: col.map(lambda v: _nfc(str(v)).strip()))


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)
