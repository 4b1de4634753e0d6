"""Read one CSV file the way people save them from Excel and other tools.

Encodings: UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252 (not Latin-1,
so the en dash 0x96 survives). Delimiters: ``;`` ``,`` tab or ``|``, detected from the
header line or an Excel ``sep=;`` first line. Quoted fields, CRLF or CR line endings and
blank lines are handled; text is normalised to Unicode NFC. Row numbers are those a
spreadsheet shows: the header is row 1, a blank line is a row, a ``sep=`` line is not.
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from reportgen.dataset.bounds import MAX_FILE_BYTES, bounded, too_wide
from reportgen.dataset.raw import RawTable, table_from_records
from reportgen.errors import ConfigError, unreadable

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
DELIMITERS = {";": "semicolon", ",": "comma", "\t": "tab", "|": "pipe"}
_NAMED = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "pipe": "|"}
_SEP_LINE = re.compile(r"sep=([^\r\n\"])(\r\n|\r|\n)")
_FIRST_LINE = re.compile(r"[\ufeff\r\n]*([^\n]*)")
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")  # with its line break, as read
MAX_LINE_FIELDS = 16_384  # Excel's last column; a longer line is refused before it is split
_FIX_ENCODING = "save the file from Excel as 'CSV UTF-8', or give its encoding with --encoding"


def parse_delimiter(option: str | None) -> str | None:
    """The ``--delimiter`` option as one character ("tab", "\\t", ";" …); None: detect."""
    if option is None:
        return None
    sep = _NAMED.get(option.strip().lower(), option)
    if len(sep) != 1 or sep in '"\r\n':
        raise ConfigError(
            f"--delimiter {option!r} is not a single character",
            fix="give one of ';' ',' 'tab' '|', or leave it out to detect it",
        )
    return sep


def check_encoding(option: str | None) -> str | None:
    """The ``--encoding`` option checked against Python's codecs; None: detect."""
    if option is None:
        return None
    try:
        return codecs.lookup(option).name
    except LookupError:
        raise ConfigError(
            f"--encoding {option!r} is not a known text encoding",
            fix="give e.g. utf-8 or cp1252, or leave it out to detect it",
        ) from None


def read_csv(
    path: Path, name: str, encoding: str | None = None, delimiter: str | None = None
) -> RawTable:
    """Read one CSV file as text cells; detect encoding and delimiter unless given.

    Raises DataError (a ProblemError) if the file cannot be decoded or parsed, or has no header.
    """
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise unreadable(
            path,
            f"is {size / 1e6:.0f} MB, more than the {MAX_FILE_BYTES // 1_000_000} MB reportgen "
            "reads from one file",
            "keep only the rows and columns data/README.md describes (the shipped files are "
            "smaller than 0.1 MB)",
        )
    text, used = decode(path.read_bytes(), path, check_encoding(encoding))
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
    if "\x00" in text:
        raise unreadable(
            path,
            "contains NUL characters, so it is not a CSV text file (or is "
            "UTF-16 without a byte order mark)",
            "save it from Excel as 'CSV UTF-8'",
        )
    sep, how, skip = _delimiter(text, parse_delimiter(delimiter))
    start = match.end() if skip and (match := _SEP_LINE.match(text)) else 0
    # row numbers as a spreadsheet shows them (no sep= line)
    records, rows = _records(text[start:], sep, path)
    detected = f"{used}, {DELIMITERS.get(sep, repr(sep))}-separated{how}"
    try:
        return table_from_records(name, str(path), path, records, rows, detected)
    except ValueError:
        raise unreadable(
            path,
            "is empty: it has no header row",
            "write the header row and the data (see data/README.md)",
        ) from None


def decode(raw: bytes, path: Path, encoding: str | None = None) -> tuple[str, str]:
    """Text and a description of its encoding: the given one, else by BOM, UTF-8, else
    Windows-1252. Raises DataError (a ProblemError) naming the first byte that does not fit."""
    if encoding:
        return _decode(raw, path, encoding, f"{encoding} as given")
    for bom, codec, description in BOMS:
        if raw.startswith(bom):
            return _decode(raw, path, codec, description)
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return _decode(
            raw,
            path,
            "cp1252",
            "Windows-1252",
            "the text encoding is neither UTF-8 nor Windows-1252",
        )


def detect_delimiter(text: str) -> str:
    """The most frequent of ; , tab and | in the header line (ties: in that order)."""
    header = match.group(1) if (match := _FIRST_LINE.match(text)) else ""
    counts = {sep: header.count(sep) for sep in DELIMITERS}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _decode(
    raw: bytes, path: Path, codec: str, description: str, rule: str | None = None
) -> tuple[str, str]:
    try:
        return raw.decode(codec), description
    except UnicodeDecodeError as exc:
        row = raw[: exc.start].count(b"\n") + 1
        rule = rule or f"cannot be read as {description.removesuffix(' as given')}"
        raise unreadable(
            path, f"{rule} (byte 0x{raw[exc.start]:02x})", _FIX_ENCODING, row
        ) from None


def _delimiter(text: str, given: str | None) -> tuple[str, str, bool]:
    """The delimiter, how it was found (for ``detected``) and whether there is a sep= line."""
    line = _SEP_LINE.match(text)
    if given:
        return given, " as given", bool(line)
    if line:
        return line.group(1), " by its sep= line", True
    return detect_delimiter(text), "", False


def _records(text: str, sep: str, path: Path) -> tuple[list[list[str]], list[int]]:
    """The records that have a value and their row numbers (``bounds.bounded``); a quoted
    line break stays in its cell. Raises DataError (a ProblemError) for text that is not CSV
    or a table past the limits of ``bounds``."""
    reader = csv.reader(_lines(text, sep, path), delimiter=sep, strict=False)
    try:
        return bounded(reader, str(path))
    except csv.Error as exc:
        raise unreadable(
            path,
            f"cannot be read as CSV ({exc})",
            "check the quotes: a quoted value must end with a quote",
            reader.line_num,
        ) from None


def _lines(text: str, sep: str, path: Path) -> Iterator[str]:
    """The lines of ``text`` with their line breaks (\\n, \\r\\n or \\r), one at a time. Raises
    DataError for a line of more than MAX_LINE_FIELDS fields before the CSV reader splits it."""
    for number, match in enumerate(_LINE.finditer(text), start=1):
        line = match.group()
        if line.count(sep) >= MAX_LINE_FIELDS:
            raise too_wide(str(path), line.count(sep) + 1, number)
        yield line
