"""How far apart the bars of a horizontal bar chart stand, in centimetres on the page, the
same in every chart of every memo: one bar thickness, one gap between categories, and
value labels that cannot touch.

The rule: a value label stands just beyond the end of its bar, centred on it. The middles
of any two neighbouring bars are at least one label height (as the renderer sets the
theme's font at LABEL_PT) plus LABEL_GAP_PT apart, so two labels never share a line,
whatever the values (35 % beside 34 %, 0 % beside 0 %), and a label never reaches into
the neighbouring bar (its half height is less than the distance to that bar's edge)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure as MplFigure

from reportgen.charts.bars import AXIS_MARGIN, LABEL_PT, setup_fonts

LABEL_GAP_PT = 1.0  # the least space between two value labels one above the other
BAR_CM = 0.26  # a horizontal bar's thickness, in every chart
SERIES_GAP_CM = 0.04  # between the bars of one category (the county's and the country's)
CATEGORY_GAP_CM = 0.14  # between the last bar of one category and the first of the next


@dataclass(frozen=True)
class Rows:
    """Where the bars of a horizontal chart stand, in categories (1.0: from one category's
    middle to the next): ``thickness`` of a bar, ``apart`` between the middles of one
    category's neighbouring bars; ``box_cm`` the height of the plotting box."""

    thickness: float
    apart: float
    box_cm: float

    def offsets(self, series: int) -> list[float]:
        """Each series' distance from its category's middle, the first series on top."""
        return [(series - 1) / 2 * self.apart - s * self.apart for s in range(series)]


def rows(theme, categories: int, series: int = 1) -> Rows:
    """The rows of a chart of ``categories`` (≥ 1) with ``series`` (≥ 1) bars each, by the
    rule of this module, for the theme's font (the least distance rounded up to 0.1 mm,
    the box to 0.1 mm)."""
    least = math.ceil((label_height_pt(theme) + LABEL_GAP_PT) * 2.54 / 72 * 100) / 100
    apart_cm = max(BAR_CM + SERIES_GAP_CM, least)
    group_cm = BAR_CM + (series - 1) * apart_cm
    row_cm = group_cm + max(CATEGORY_GAP_CM, least - BAR_CM)
    span = categories - 1 + group_cm / row_cm  # from the first bar's edge to the last's
    box_cm = round(span * (1 + 2 * AXIS_MARGIN) * row_cm, 2)
    return Rows(BAR_CM / row_cm, apart_cm / row_cm, box_cm)


def label_height_pt(theme) -> float:
    """The height in points of a value label's box as matplotlib's renderer sets it in the
    theme's font at LABEL_PT (Liberation Sans: 7.5 pt)."""
    return _height(theme.font_regular, theme.font_bold)


@lru_cache(maxsize=8)
def _height(regular, bold) -> float:
    figure = MplFigure(dpi=72)
    family = setup_fonts(regular, bold)
    text = figure.text(0, 0, "0 %", fontsize=LABEL_PT, family=family)
    return text.get_window_extent(RendererAgg(100, 100, 72)).height
