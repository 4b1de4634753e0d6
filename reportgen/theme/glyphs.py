"""Every character of a memo must be in the theme's fonts, or it prints as a box (■).

The fonts are the theme's ``font_*`` files, whichever they are (DejaVu Sans shipped, or
the analysts' own); each file's character map is read once with fontTools. A character
missing from any of them stops the memo before anything is written, naming the code
point, where it is (heading, paragraph, table, figure) and the memo.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from functools import cache
from pathlib import Path

from reportgen.errors import TemplateError


@cache
def characters_of(font: Path) -> frozenset[int]:
    """The code points the TrueType/OpenType file ``font`` has a glyph for (its cmap)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(font), lazy=True) as ttf:
        return frozenset(ttf.getBestCmap() or {})


def theme_fonts(theme) -> list[Path]:
    """The font files of ``theme``: every field named ``font_*`` that holds a path."""
    values = [getattr(theme, f.name) for f in dataclasses.fields(theme) if f.name[:5] == "font_"]
    return list(dict.fromkeys(v for v in values if isinstance(v, Path)))


def check_glyphs(memo, theme) -> None:
    """Raise TemplateError for the first character of ``memo`` (its metadata, text,
    tables and chart data) that a font of ``theme`` lacks. Spaces and invisible format
    characters (soft hyphen, zero-width joiner) are not drawn and not checked."""
    fonts = [(path, characters_of(path)) for path in theme_fonts(theme)]
    places = [("the title page", memo.metadata)]
    places += [(_place(block, n), block) for n, block in enumerate(memo.blocks, 1)]
    for place, node in places:
        for text in _texts(node):
            for char in dict.fromkeys(text):
                if char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
                    continue
                for path, known in fonts:
                    if ord(char) not in known:
                        raise _missing(char, place, text, path, memo)


def _place(block, number: int) -> str:
    label = getattr(block, "label", "")
    return label or f"{type(block).__name__.lower()} {number} of the text"


def _texts(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, tuple | list):
        for item in node:
            yield from _texts(item)
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for field in dataclasses.fields(node):
            yield from _texts(getattr(node, field.name))


def _missing(char: str, place: str, text: str, font: Path, memo) -> TemplateError:
    name = unicodedata.name(char, "unnamed")
    excerpt = text if len(text) <= 60 else text[:57] + "…"
    return TemplateError(
        f"the character {char!r} (U+{ord(char):04X} {name}) in {place} ({excerpt!r}) of "
        f"the memo '{memo.metadata.title}' is not in the font {font.name}, so it would "
        "print as a box",
        file=font,
        fix="replace or remove the character in the data (e.g. an emoji in a name), or "
        "name a font that has it under [fonts] in theme.toml (DejaVu Sans has most "
        "letters)",
    )
