"""The checked schema of ``theme.toml``: every section and key, its type and its range.

An unknown section or key is an error with the closest known name ("did you mean");
a value of the wrong type or out of range is an error with what is allowed. Each error
names the file and the line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from itertools import cycle, islice
from pathlib import Path

from reportgen.errors import TemplateError

_HEX = re.compile(r"#[0-9a-fA-F]{6}")
MIN_PALETTE = 6  # a shorter chart palette is cycled to this length (charts use 2: charts.colours)


class Bad(Exception):
    """A value that does not fit its key: what is wrong and how to write it."""

    def __init__(self, what: str, fix: str) -> None:
        super().__init__(what)
        self.what, self.fix = what, fix


def colour(value: object) -> str:
    """ "#rrggbb" (any case) or a CSS colour name ("purple") → "#rrggbb" in lower case."""
    from PIL import ImageColor

    if isinstance(value, str) and _HEX.fullmatch(value):
        return value.lower()
    if isinstance(value, str) and value.lower() in ImageColor.colormap:
        return "#{:02x}{:02x}{:02x}".format(*ImageColor.getrgb(value.lower())[:3])
    raise Bad(
        f"{value!r} is not a colour",
        'write "#" and six hex digits, e.g. "#7a1f5c", or a CSS colour name such as "purple"',
    )


def colours(value: object) -> tuple[str, ...]:
    """A list of one or more colours, cycled to MIN_PALETTE colours."""
    if not isinstance(value, list) or not value:
        raise Bad(f"{value!r} is not a list of colours", 'write e.g. ["#7a1f5c", "#1f5c7a"]')
    given = [colour(v) for v in value]
    return tuple(islice(cycle(given), max(len(given), MIN_PALETTE)))


def number(low: float, high: float, example: float) -> Callable[[object], float]:
    """A checker for a number from ``low`` to ``high`` (inclusive); ``example`` for the fix."""

    def check(value: object) -> float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or not low <= value <= high:  # type: ignore[operator]
            raise Bad(
                f"{value!r} is not a number from {low:g} to {high:g}", f"write e.g. {example:g}"
            )
        return float(value)  # type: ignore[arg-type]

    return check


def text(value: object) -> str:
    """Any text in quotes."""
    if not isinstance(value, str):
        raise Bad(f"{value!r} is not text", 'put the text in double quotes: "…"')
    return value


# A font family as fonts name themselves ("Liberation Sans", "Source Sans 3", "M+ 1p"):
# the name goes into the web pages' CSS, the DOCX and the charts, so nothing in it may end
# a CSS string or an HTML element (no quote, backslash, <, ;, braces or control character).
_FONT_NAME = re.compile(r"[^\W_][\w .+&()-]{0,62}")


def font_name(value: object) -> str:
    """A font family name: letters, digits, spaces and ``- . + & ( ) _``, starting with
    a letter or digit, at most 63 characters (the longest name a TTF name table holds)."""
    if isinstance(value, str) and _FONT_NAME.fullmatch(value):
        return value
    raise Bad(
        f"{value!r} is not a font name",
        "write the font's family name with letters, digits, spaces and - . + & ( ) _ only, "
        'e.g. "Source Sans 3"',
    )


def page_size(value: object) -> str:
    """ "A4" or "Letter" (any case)."""
    if not isinstance(value, str) or value.upper() not in ("A4", "LETTER"):
        raise Bad(f"{value!r} is not a page size", 'write "A4" or "Letter"')
    return "A4" if value.upper() == "A4" else "Letter"


def docx_charts(value: object) -> str:
    """ "native" (Word charts with their numbers inside) or "picture" (PNG), any case."""
    if not isinstance(value, str) or value.lower() not in ("native", "picture"):
        raise Bad(
            f"{value!r} is not a way to put charts in the DOCX", 'write "native" or "picture"'
        )
    return value.lower()


FILE = "file"  # a path relative to the theme's folder; checked by the theme loader
MARGIN = number(0.5, 8, 2.5)
SCHEMA: dict[str, dict[str, tuple[str, Callable | str]]] = {
    "fonts": {
        "name": ("font_name", font_name),
        "regular": ("font_regular", FILE),
        "bold": ("font_bold", FILE),
        "italic": ("font_italic", FILE),
        "bold_italic": ("font_bold_italic", FILE),
        "size_pt": ("font_size_pt", number(6, 24, 10.5)),
    },
    "colours": {
        "heading": ("heading_colour", colour),
        "text": ("text_colour", colour),
        "accent": ("accent_colour", colour),
        "table_header": ("table_header_colour", colour),
        "charts": ("chart_palette", colours),
    },
    "page": {
        "size": ("page_size", page_size),
        **{
            f"margin_{s}_cm": (f"margin_{s}_cm", MARGIN) for s in ("top", "bottom", "left", "right")
        },
        "header_text": ("header_text", text),
        "footer_text": ("footer_text", text),
        "page_number_format": ("page_number_format", text),
    },
    "logo": {"file": ("logo", FILE), "width_cm": ("logo_width_cm", number(0.5, 16, 4))},
    "docx": {"reference": ("reference_docx", FILE), "charts": ("docx_charts", docx_charts)},
}


def check_sections(data: dict, text_of_file: str, path: Path, schema: dict) -> None:
    """Raise TemplateError for the first unknown section or key, or a key outside a section."""
    for section, keys in data.items():
        if section not in schema or not isinstance(keys, dict):
            raise TemplateError(
                f"unknown section [{section}]"
                if isinstance(keys, dict)
                else f"'{section}' is not inside a [section]",
                file=path,
                line=line_of(text_of_file, section, None),
                fix=_did_you_mean(section, schema, "[{}]"),
            )
        for key in keys:
            if key not in schema[section]:
                raise TemplateError(
                    f"unknown key '{key}' in [{section}]",
                    file=path,
                    line=line_of(text_of_file, section, key),
                    fix=_did_you_mean(key, schema[section], "'{}'"),
                )


def checked_values(data: dict, text_of_file: str, path: Path) -> dict:
    """Theme field name → checked value for every key in ``data`` (already known keys);
    file keys stay as written. Raises TemplateError naming the line and what is allowed."""
    values = {}
    for section, keys in data.items():
        for key, value in keys.items():
            field, check = SCHEMA[section][key]
            try:
                values[field] = text(value) if check == FILE else check(value)  # type: ignore[operator]
            except Bad as bad:
                raise TemplateError(
                    f"[{section}] {key}: {bad.what}",
                    file=path,
                    line=line_of(text_of_file, section, key),
                    fix=bad.fix,
                ) from None
    return values


def _did_you_mean(name: str, known, pattern: str) -> str:
    listed = ", ".join(pattern.format(k) for k in known)
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.5)
    return (f"did you mean {pattern.format(close[0])}? " if close else "") + f"use one of: {listed}"


def line_of(text_of_file: str, section: str, key: str | None) -> int | None:
    """The line of ``[section]`` (key None) or of ``key =`` inside it, counting from 1."""
    current = None
    for number_, row in enumerate(text_of_file.splitlines(), 1):
        stripped = row.strip()
        header = re.fullmatch(r"\[\s*([^\]]+?)\s*\]\s*(#.*)?", stripped)
        if header:
            current = header.group(1).strip('"')
            if key is None and current == section:
                return number_
        elif (
            key is None and current is None and re.match(rf'"?{re.escape(section)}"?\s*=', stripped)
        ):
            return number_
        elif current == section and key and re.match(rf'"?{re.escape(key)}"?\s*=', stripped):
            return number_
    return None
