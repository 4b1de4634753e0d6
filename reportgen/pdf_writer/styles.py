"""Fonts, paragraph styles and table styles for the PDF writer, all derived from a Theme."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import TableStyle

from reportgen.errors import TemplateError
from reportgen.theme import MUTED_COLOUR, ROLES, Role, Theme, leading, role_colour

PAGE_SIZES = {"A4": A4, "LETTER": LETTER}
GREY = colors.HexColor(MUTED_COLOUR)
RULE_GREY = colors.HexColor("#b3b3b3")
CELL_PAD = 5  # left and right cell padding in points


@cache
def _register_family(regular: Path, bold: Path, italic: Path, bold_italic: Path) -> str:
    """Register four TTF files once per process as a family; return the family name."""
    digest = hashlib.sha1("|".join(map(str, (regular, bold, italic, bold_italic))).encode())
    family = f"rg-{digest.hexdigest()[:12]}"
    faces = {"normal": regular, "bold": bold, "italic": italic, "boldItalic": bold_italic}
    for face, path in faces.items():
        try:
            pdfmetrics.registerFont(TTFont(f"{family}-{face}", str(path)))
        except Exception as exc:  # reportlab raises TTFError, OSError, ...
            fix = "point the theme's font_* settings to TrueType (.ttf) files"
            raise TemplateError(f"cannot load font: {exc}", file=path, fix=fix) from exc
    pdfmetrics.registerFontFamily(family, **{face: f"{family}-{face}" for face in faces})
    return family


def register_fonts(theme: Theme) -> str:
    """Register the theme's fonts (embedded Unicode TrueType) and return the family name."""
    return _registered(
        str(theme.font_regular),
        str(theme.font_bold),
        str(theme.font_italic),
        str(theme.font_bold_italic),
    )


@cache
def _registered(*paths: str) -> str:
    """``_register_family`` of the files at ``paths`` (each path resolved once)."""
    return _register_family(*(Path(p).resolve() for p in paths))


def page_size(theme: Theme) -> tuple[float, float]:
    """The page size in points for the theme's "A4" or "Letter"."""
    try:
        return PAGE_SIZES[theme.page_size.upper()]
    except KeyError:
        raise TemplateError(
            f"unknown page size '{theme.page_size}'", fix='use page_size = "A4" or "Letter"'
        ) from None


def colour(hex_code: str) -> colors.Color:
    """A reportlab colour from "#rrggbb"."""
    return colors.HexColor(hex_code)


KEEP_WITH_NEXT = ("h1", "h2", "h3", "caption")
QUOTE_INDENT = 28.35  # points: 1 cm, as the DOCX's quotes


def build_styles(theme: Theme) -> dict[str, ParagraphStyle]:
    """All paragraph styles the writer uses, keyed by role: the house roles of
    ``theme.ROLES``, plus variants for the title page, right-aligned cells and lists."""
    family = register_fonts(theme)
    styles = {name: _style(name, role, theme, family) for name, role in ROLES.items()}
    body, note, cell = styles["body"], styles["note"], styles["cell"]
    styles["meta"] = ParagraphStyle(
        "meta", parent=note, fontSize=note.fontSize * 1.05, leading=note.fontSize * 1.45
    )
    styles["cell_right"] = ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT)
    styles["table_note"] = ParagraphStyle("table_note", parent=note, spaceBefore=3, spaceAfter=0)
    styles["list_item"] = ParagraphStyle("list_item", parent=body, spaceAfter=body.fontSize / 4)
    styles["quote"] = ParagraphStyle("quote", parent=body, leftIndent=QUOTE_INDENT)
    return styles


def _style(name: str, role: Role, theme: Theme, family: str) -> ParagraphStyle:
    """The ParagraphStyle of one house role (cells get their spacing from cell padding)."""
    size = theme.font_size_pt * role.size
    in_cell = name == "cell"
    return ParagraphStyle(
        name,
        fontName=f"{family}-{'bold' if role.bold else 'normal'}",
        fontSize=size,
        leading=size * leading(name, role),
        textColor=colour(role_colour(theme, role)),
        spaceBefore=0 if in_cell else role.before,
        spaceAfter=0 if in_cell else role.after,
        alignment=TA_LEFT,
        bulletFontName=f"{family}-normal",
        keepWithNext=int(name in KEEP_WITH_NEXT),
        allowWidows=0,  # as Word's widow control: no line alone at a page's top or foot
    )


def table_style(theme: Theme, n_rows: int, *, total: bool = False) -> TableStyle:
    """Header row bold on the theme's header colour, thin horizontal rules, compact padding;
    with ``total`` the last row is a sum: bold, under a strong rule (SSB's «I alt»)."""
    head = colour(theme.heading_colour)
    commands = [
        ("FONT", (0, 0), (-1, -1), f"{register_fonts(theme)}-normal", theme.font_size_pt * 0.9),
        ("BACKGROUND", (0, 0), (-1, 0), colour(theme.table_header_colour)),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, head),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, head),
        ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.8, head),
        ("TOPPADDING", (0, 0), (-1, 0), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 3.5),
        ("TOPPADDING", (0, 1), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
    ]
    if n_rows > 2:
        commands.append(("LINEBELOW", (0, 1), (-1, n_rows - 2), 0.25, RULE_GREY))
    if n_rows > 1:
        commands.append(("LINEBELOW", (0, n_rows - 1), (-1, n_rows - 1), 0.8, head))
    if total and n_rows > 2:
        commands.append(("LINEABOVE", (0, n_rows - 1), (-1, n_rows - 1), 0.8, head))
    return TableStyle(commands)
