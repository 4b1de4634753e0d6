"""Table columns, measured with the font's metrics: the PDF's, and through
``model.Layout`` the DOCX's (its column shares and cell size are the PDF's).

A column is as wide as its text where the page allows, and never narrower than its widest
piece that may not break: a number with its no-break spaces («1 638», «+27,5 %») or a
word of the header, and every other word too where some size lets it (a word longer
than any column, such as a name of thousands of letters from the data, may break). A
table whose pieces do not fit side by side is set in a smaller type, by half points
(Word's steps) down to MIN_CELL_PT; below that it is a TemplateError, which
``check_tables`` gives ``reportgen check`` before a page is drawn.
"""

from __future__ import annotations

import math

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics

from reportgen.errors import TemplateError
from reportgen.model import Memo, Table
from reportgen.pdf_writer.styles import CELL_PAD, build_styles
from reportgen.theme import Theme
from reportgen.theme.fit import CM, source, text_area_cm

SLACK = 2  # points a column has beyond its text, for rounding in the line breaker
MIN_CELL_PT = 6.0  # the smallest type a table is set in to fit
HEADINGS_STEPS = 2  # half points a table may be set smaller to keep number headings whole


def fit_table(
    table: Table, cell: ParagraphStyle, total: float, theme: Theme
) -> tuple[float, list[float]]:
    """The cell type size (points) and the column widths (points, summing to ``total``)
    of ``table`` with cell style ``cell``: the largest size, at most HEADINGS_STEPS half
    points below the style's, at which every cell and heading stands on one line (a
    centre's name that wraps makes Tabell 1 a line taller per centre, and a county memo
    a third page); else the largest such size at which every number column keeps its
    heading on one line (``_one_line_numbers``); else the style's size if every
    column's unbreakable pieces fit side by side, or the largest smaller one that does;
    the pieces are every word if a size lets them, else the numbers and the header's
    words. Raises
    TemplateError (naming the table, the theme file and the fix) when not even
    MIN_CELL_PT does."""
    for size in _sizes(cell.fontSize)[: HEADINGS_STEPS + 1]:
        wanted = _wanted_widths(table.header, table.rows, sized(cell, size), wrap_header=False)
        if sum(wanted) <= total:  # spare room to the first (label) column
            return size, [wanted[0] + total - sum(wanted), *wanted[1:]]
    for size in _sizes(cell.fontSize)[: HEADINGS_STEPS + 1]:
        widths = _one_line_numbers(table.header, table.rows, sized(cell, size), total)
        if widths is not None:
            return size, widths
    for words in (True, False):
        for size in _sizes(cell.fontSize):
            style = sized(cell, size)
            if sum(_least_widths(table.header, table.rows, style, words=words)) <= total:
                return size, column_widths(table.header, table.rows, style, total, words=words)
    path, line = source(theme, "margin_left_cm", "page")
    raise TemplateError(
        f"{table.label}: its columns need more than the {total / CM:.1f} cm between the "
        f"margins to keep each number whole, even at {min(MIN_CELL_PT, cell.fontSize):g} pt",
        file=path or "theme.toml",
        line=line,
        fix="make the margins narrower (margin_left_cm, margin_right_cm)",
    )


def check_tables(memo: Memo, theme: Theme) -> None:
    """Raise TemplateError for the first table of ``memo`` that ``fit_table`` cannot fit
    between the margins of ``theme``; draws nothing."""
    cell, total = build_styles(theme)["cell"], text_area_cm(theme)[0] * CM
    for block in memo.blocks:
        if isinstance(block, Table):
            fit_table(block, cell, total, theme)


def sized(style: ParagraphStyle, size: float) -> ParagraphStyle:
    """``style`` at ``size`` points with its leading in proportion (itself if unchanged)."""
    if size == style.fontSize:
        return style
    leading = style.leading * size / style.fontSize
    return ParagraphStyle(style.name, parent=style, fontSize=size, leading=leading)


def _sizes(size: float) -> list[float]:
    """``size``, then each half point below it down to MIN_CELL_PT (or ``size`` if less)."""
    smaller = math.ceil(size * 2 - 1) / 2
    return [size, *(s / 2 for s in range(int(smaller * 2), int(MIN_CELL_PT * 2) - 1, -1))]


def _width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size) + 2 * CELL_PAD + SLACK


def _two_lines(words: list[str], width) -> float:
    """The narrowest width that sets ``words`` (a text split at its spaces, not at its
    no-break spaces) on at most two lines (``width`` measures)."""
    if len(words) < 2:
        return width(" ".join(words))
    return min(
        max(width(" ".join(words[:i])), width(" ".join(words[i:]))) for i in range(1, len(words))
    )


def _columns(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]):
    """Each column's header and its cells' texts."""
    return [(head, [row[i] for row in rows if i < len(row)]) for i, head in enumerate(header)]


def _wanted_widths(header, rows, cell: ParagraphStyle, *, wrap_header: bool) -> list[float]:
    """Each column's unwrapped content width; the header on two lines if ``wrap_header``."""
    bold = cell.fontName.replace("-normal", "-bold")

    def width(text: str, font: str = bold) -> float:
        return _width(text, font, cell.fontSize)

    return [
        max(
            [_two_lines(head.split(" "), width) if wrap_header else width(head)]
            + [width(text, cell.fontName) for text in texts]
        )
        for head, texts in _columns(header, rows)
    ]


def _least_widths(header, rows, cell: ParagraphStyle, *, words: bool) -> list[float]:
    """Each column's widest piece that may not break, a piece being the text between two
    spaces (a no-break space U+00A0 holds a number together): header words (in bold),
    numbers and symbols, and if ``words`` the cells' other words."""
    bold = cell.fontName.replace("-normal", "-bold")
    return [
        max(
            [_width(word, bold, cell.fontSize) for word in head.split(" ")]
            + [
                _width(piece, cell.fontName, cell.fontSize)
                for text in texts
                for piece in text.split(" ")
                if words or is_number(piece)
            ]
        )
        for head, texts in _columns(header, rows)
    ]


def is_number(piece: str) -> bool:
    """Whether ``piece`` of a cell is a number or a symbol («20 958», «+6,9 %», «:»),
    not a word: it has a digit, or no letter."""
    return any(c.isdigit() for c in piece) or not any(c.isalpha() for c in piece)


def column_widths(
    header: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    cell: ParagraphStyle,
    total: float,
    *,
    words: bool = True,
) -> list[float]:
    """Columns filling ``total`` points: each as wide as its longest cell and its header
    on one line where they all fit, spare room to the first (label) column; else the
    number columns so and the text columns sharing the rest (``_one_line_numbers``); only
    where that leaves a text column narrower than its widest word, the headers on two
    lines and a shortfall taken from the widest columns, down to a common width, none
    narrower than its widest unbreakable piece (``_least_widths``, with ``words``;
    ``fit_table`` picks a size at which they all fit)."""
    wanted = _wanted_widths(header, rows, cell, wrap_header=False)
    if sum(wanted) <= total:
        return [wanted[0] + total - sum(wanted), *wanted[1:]]
    shared = _one_line_numbers(header, rows, cell, total)
    if shared is not None:
        return shared
    least = _least_widths(header, rows, cell, words=words)
    wanted = _wanted_widths(header, rows, cell, wrap_header=True)
    if sum(wanted) <= total:
        return [wanted[0] + total - sum(wanted), *wanted[1:]]

    def capped(cap: float) -> list[float]:
        return [max(low, min(want, cap)) for low, want in zip(least, wanted, strict=True)]

    low, high = 0.0, max(wanted)
    for _ in range(50):  # bisection on the common width: the sum grows with it
        middle = (low + high) / 2
        low, high = (low, middle) if sum(capped(middle)) > total else (middle, high)
    widths = capped(low)
    return [widths[0] + total - sum(widths), *widths[1:]]


def _one_line_numbers(header, rows, cell: ParagraphStyle, total: float) -> list[float] | None:
    """Columns filling ``total`` points with each number column as wide as its heading on
    one line and its widest number (the review of Tabell 1: «Fylke» took 55 % and broke
    every number heading), the text columns sharing the rest in proportion to their
    text, wrapping it between words; None if a text column would be narrower than its
    widest word, or there is no text column."""
    wanted = _wanted_widths(header, rows, cell, wrap_header=False)
    least = _least_widths(header, rows, cell, words=True)
    numeric = [all(map(is_number, " ".join(t).split(" "))) for _, t in _columns(header, rows)]
    rest = total - sum(w for w, number in zip(wanted, numeric, strict=True) if number)
    text = sum(w for w, number in zip(wanted, numeric, strict=True) if not number)
    if not text or rest <= 0:
        return None
    widths = [w if number else w * rest / text for w, number in zip(wanted, numeric, strict=True)]
    if any(w < low for w, low in zip(widths, least, strict=True)):
        return None
    return widths
