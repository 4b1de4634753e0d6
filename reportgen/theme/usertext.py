"""Read a file a user edited (template, theme, labels) as editors on Windows save them.

UTF-8 with or without BOM (Notepad's default writes one), UTF-16 with BOM, else
Windows-1252, the same rule as for the data files (``dataset.csvfile.decode``). The text is
normalised to Unicode NFC, so «ø» typed either way is one letter.
"""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path

from reportgen.errors import ProblemError, ReportgenError, TemplateError

FIX_ENCODING = "save the file as UTF-8 (in Notepad: File → Save as → Encoding: UTF-8)"


def read_user_text(path: Path) -> str:
    """The text of ``path`` without a BOM. Raises TemplateError (with the line) for bytes
    that are neither UTF-8 nor Windows-1252."""
    from reportgen.dataset.csvfile import decode

    raw = Path(path).read_bytes()
    try:
        text, _ = decode(raw, Path(path))
    except ProblemError as exc:
        raise TemplateError(
            exc.problem.rule, file=path, line=exc.problem.row, fix=FIX_ENCODING
        ) from None
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff"))


FIX_TOML = 'write lines like: key = "text" or key = 1.5, under [section] lines, and each key once'


def read_toml(
    path: Path, kind: type[ReportgenError] = TemplateError, fix: str = FIX_TOML
) -> tuple[dict, str]:
    """The parsed TOML file and its text. Raises ``kind`` (TemplateError; DataError for a
    file of the data folder) naming the line, with ``fix``; for a section written twice
    both lines, with how to merge them."""
    text = read_user_text(path)
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(exc, text, path, kind, fix) from None


def _toml_error(
    exc: tomllib.TOMLDecodeError, text: str, path: Path, kind: type[ReportgenError], fix: str
) -> ReportgenError:
    message = str(exc)
    line = _int_after(message, "at line ")
    reason = message.split(" (at line")[0]
    if reason.startswith("Cannot declare") and line:
        name = reason.split("('", 1)[-1].split("'", 1)[0]
        first = next(
            (n for n, row in enumerate(text.splitlines(), 1) if row.strip() == f"[{name}]"), None
        )
        return kind(
            f"the section [{name}] is written twice (lines {first} and {line})",
            file=path,
            line=line,
            fix=f"merge the two [{name}] sections into one",
        )
    if reason.startswith("Cannot overwrite a value"):
        reason = "this key is written twice in its section"
    return kind(f"is not valid TOML: {reason}", file=path, line=line, fix=fix)


def _int_after(message: str, marker: str) -> int | None:
    if marker not in message:
        return None
    digits = message.split(marker, 1)[1].split(",")[0].split(")")[0]
    return int(digits) if digits.isdigit() else None
