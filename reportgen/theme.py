"""The theme: everything about looks, read from ``theme.toml`` in the template search path."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

import matplotlib

_MPL_FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"

# Okabe & Ito (2008) colour-blind-safe palette, darkened where needed for 4.5:1 on white.
DEFAULT_PALETTE = ("#0b5394", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")


@dataclass(frozen=True)
class Theme:
    """Looks of a memo. Colours are "#rrggbb"; lengths in cm; font files are TTF paths.

    ``page_size`` is "A4" or "Letter". ``page_number_format`` uses ``{page}`` and ``{pages}``.
    ``logo`` is an image path (PNG/JPEG) shown on the first page, or None.
    ``reference_docx`` is the Word document whose styles the DOCX writer uses, or None.
    """

    font_name: str = "DejaVu Sans"
    font_regular: Path = _MPL_FONTS / "DejaVuSans.ttf"
    font_bold: Path = _MPL_FONTS / "DejaVuSans-Bold.ttf"
    font_italic: Path = _MPL_FONTS / "DejaVuSans-Oblique.ttf"
    font_bold_italic: Path = _MPL_FONTS / "DejaVuSans-BoldOblique.ttf"
    font_size_pt: float = 10.5
    heading_colour: str = "#0b3d66"
    text_colour: str = "#1a1a1a"
    accent_colour: str = "#0b5394"
    table_header_colour: str = "#dce6f0"
    chart_palette: tuple[str, ...] = DEFAULT_PALETTE
    page_size: str = "A4"
    margin_top_cm: float = 2.5
    margin_bottom_cm: float = 2.5
    margin_left_cm: float = 2.5
    margin_right_cm: float = 2.5
    logo: Path | None = None
    logo_width_cm: float = 4.0
    header_text: str = ""
    footer_text: str = ""
    page_number_format: str = "Side {page} av {pages}"
    reference_docx: Path | None = None
    extra: dict = field(default_factory=dict)
