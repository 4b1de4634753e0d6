"""What the page holds of a theme: the theme of one memo (``for_memo``), its logo within
the text area, its running header and footer beside the page number, in a smaller type if
need be.

Every size is decided here from the theme alone, and both writers draw what these
functions return, so the PDF and the DOCX agree. What no size can make fit is a
TemplateError naming the ``theme.toml`` line and the fix, raised by ``for_memo`` before a
page is drawn, so ``reportgen check`` reports it too.
"""

from __future__ import annotations

import math
from dataclasses import replace
from functools import cache
from pathlib import Path

from reportgen.errors import TemplateError
from reportgen.theme import ROLES, Theme

CM = 72 / 2.54  # points per centimetre
PAGE_CM = {"A4": (21.0, 29.7), "LETTER": (21.59, 27.94)}  # width, height
RUNNING_SIZE = ROLES["small"].size  # header and footer, of the body size (DOCX; the PDF's: 0.8)
MIN_RUNNING_PT = 6.0  # smaller is not read; a running text is never set below this
GAP_EM = 2.0  # space between the footer text and the page number, in em
LOGO_HEIGHT = 0.5  # the logo takes at most this share of the text height (page 1 holds the title)


def for_memo(theme: Theme, metadata) -> Theme:
    """The theme with ``{title}``, ``{subtitle}`` and ``{year}`` in header and footer text
    filled in, so one theme serves every memo and both målformer. Raises TemplateError
    when the filled header or footer cannot fit beside the page number
    (``running_sizes``), before a page is drawn."""

    def fill(text: str) -> str:
        year = str(metadata.year or "")
        filled = text.replace("{title}", metadata.title).replace("{subtitle}", metadata.subtitle)
        return filled.replace("{year}", year)

    filled = replace(
        theme, header_text=fill(theme.header_text), footer_text=fill(theme.footer_text)
    )
    running_sizes(filled)
    return filled


def text_area_cm(theme: Theme) -> tuple[float, float]:
    """Width and height of the text area (page less margins) in cm."""
    width, height = PAGE_CM[theme.page_size.upper()]
    return (
        width - theme.margin_left_cm - theme.margin_right_cm,
        height - theme.margin_top_cm - theme.margin_bottom_cm,
    )


def logo_width_cm(theme: Theme) -> float:
    """The width the logo is drawn at, in cm: the theme's ``logo_width_cm``, or less so
    it stays within the text width and LOGO_HEIGHT of the text height (aspect kept).
    The theme has a logo (a PNG or JPEG file); raises OSError if it cannot be opened."""
    from PIL import Image

    assert theme.logo is not None
    with Image.open(theme.logo) as image:
        aspect = image.height / image.width
    width, height = text_area_cm(theme)
    return min(theme.logo_width_cm, width, LOGO_HEIGHT * height / aspect)


def running_sizes(theme: Theme) -> tuple[float, float]:
    """The type size in points of the running header and of the footer (with the page
    number beside it): the house size (``RUNNING_SIZE`` of the body size) where it fits
    the text width, else the largest half-point size that fits (Word sets sizes in half
    points). Raises TemplateError when even MIN_RUNNING_PT does not fit."""
    footer = "footer_text" if theme.footer_text else "page_number_format"
    return (
        _fitted(theme, "header_text", (theme.header_text,)),
        _fitted(theme, footer, (theme.footer_text, _page_number(theme))),
    )


def string_width(font: Path, text: str, size: float) -> float:
    """The advance width in points of ``text`` in the TrueType ``font`` at ``size`` points,
    as reportlab sets it (no kerning); read with fontTools, as the glyph check reads the
    font, so the main process imports no writer's library."""
    widths, missing, units = _advances(Path(font))
    return sum(widths.get(ord(c), missing) for c in text) * size / units


@cache
def _advances(path: Path) -> tuple[dict[int, int], int, int]:
    """Advance width by code point, that of a missing glyph, and the font's units per em."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        metrics = font["hmtx"].metrics
        widths = {code: metrics[glyph][0] for code, glyph in (font.getBestCmap() or {}).items()}
        return widths, metrics[font.getGlyphOrder()[0]][0], font["head"].unitsPerEm


def _page_number(theme: Theme) -> str:
    """The page number as printed on a page of a two-digit memo (``{page}`` and ``{pages}``
    as "00": digits are of one width in text fonts)."""
    return theme.page_number_format.replace("{pages}", "00").replace("{page}", "00")


@cache
def _fitted(theme: Theme, field: str, texts: tuple[str, ...]) -> float:
    house = theme.font_size_pt * RUNNING_SIZE
    shown = [text for text in texts if text]
    if not shown:
        return house
    at_one_pt = sum(string_width(theme.font_regular, t, 1.0) for t in shown)
    largest = text_area_cm(theme)[0] * CM / (at_one_pt + GAP_EM * (len(shown) - 1))
    if largest >= house:
        return house
    size = math.floor(largest * 2) / 2
    if size < min(house, MIN_RUNNING_PT):
        raise _does_not_fit(theme, field, min(house, MIN_RUNNING_PT))
    return size


def _does_not_fit(theme: Theme, field: str, smallest: float) -> TemplateError:
    what, example = {
        "header_text": ("header needs", '""'),
        "footer_text": ("footer and the page number need", '"{year}"'),
        "page_number_format": ("page number needs", '"{page}"'),
    }[field]
    path, line = source(theme, field, "page")
    return TemplateError(
        f"[page] {field}: the {what} more than the {text_area_cm(theme)[0]:.1f} cm "
        f"between the margins, even at {smallest:g} pt",
        file=path or "theme.toml",
        line=line,
        fix=f"write a shorter {field} (e.g. {field} = {example}) or make the margins "
        "narrower (margin_left_cm, margin_right_cm)",
    )


def source(theme: Theme, field: str, section: str) -> tuple[Path | None, int | None]:
    """The user's ``theme.toml`` to edit to change ``field``: the one that set it, else the
    nearest one on the search path, else None; and the line of its key there (None if the
    key is not in that file). ``section`` is the key's section in the schema."""
    from reportgen.theme.schema import SCHEMA, line_of
    from reportgen.theme.usertext import read_user_text

    sources = dict(theme.sources)  # nearest file first
    path = sources.get(field, next(iter(sources.values()), None))
    if path is None:
        return None, None
    key = next(k for k, (name, _) in SCHEMA[section].items() if name == field)
    return path, line_of(read_user_text(path), section, key)
