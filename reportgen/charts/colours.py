"""What a chart's colours mean: one colour per role in every chart of every memo, taken
from the theme's palette, so a reader who learnt «blue is Troms» on page 1 reads page 2
the same way.

Roles: ``UNIT`` the memo's own unit (the country in the national memo, the county in a
county memo), ``COUNTRY`` the country as the county's comparison, ``EARLIER`` the years
before a merger, summed from the old counties (a lighter tint of the unit's colour).
No colour is lighter than ``MIN_CONTRAST`` against the white page (WCAG 2.1, 1.4.11
non-text contrast: 3:1 for the parts of a graphic needed to understand it)."""

from __future__ import annotations

from functools import lru_cache

UNIT, COUNTRY, EARLIER = "unit", "country", "earlier"
MIN_CONTRAST = 3.0
WHITE = "#ffffff"


def chart_colour(theme, role: str) -> str:
    """The "#rrggbb" colour of ``role`` (UNIT, COUNTRY or EARLIER) in ``theme``: the first
    palette colour for the unit, the second for the country, the unit's tint for earlier
    years. Raises KeyError for another role."""
    palette = theme.chart_palette
    if role == EARLIER:
        return tint(palette[0])
    return {UNIT: palette[0], COUNTRY: palette[1]}[role]


@lru_cache(maxsize=64)  # asked for each year of each chart of each memo
def tint(colour: str) -> str:
    """The lightest mix of ``colour`` with white, in steps of 1 %, that keeps at least
    MIN_CONTRAST against white; ``colour`` itself when it is already below that (the
    dashed line and note still mark the break)."""
    mixes = (_mixed(colour, step / 100) for step in range(100, -1, -1))
    return next((mix for mix in mixes if contrast(mix) >= MIN_CONTRAST), colour)


def contrast(colour: str, background: str = WHITE) -> float:
    """The WCAG 2.1 contrast ratio (1 to 21) of two "#rrggbb" colours: (L1 + 0.05) /
    (L2 + 0.05) of their relative luminances, the lighter over the darker."""
    light, dark = sorted((_luminance(colour), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of "#rrggbb" (sRGB channels linearised)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _mixed(colour: str, white: float) -> str:
    """``colour`` mixed with a fraction ``white`` (0 to 1) of white."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * white):02x}" for c in rgb)
