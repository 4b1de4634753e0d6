"""Render the memo's charts with matplotlib (Agg) as PNG bytes at print resolution.

Each chart takes the Findings, the labels of the memo's language (``labels.<lang>.toml``),
the language module (numbers on axes as in running tables: no-break space for
thousands, decimal comma, " %") and the Theme. Bars carry their values as text, so
colour is never the only carrier of meaning.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure as MplFigure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import (
    Affine2D,
    IdentityTransform,
    TransformWrapper,
    offset_copy,
)
from PIL import Image

from reportgen.model import Chart, ChartSpec, Table

DPI = 200  # print resolution: crisp when zoomed, cheap to encode
WIDTH_CM = 16.0
SCREEN_WIDTH_CM = 8.0  # the web page's chart: 8 pt text in 8 cm reads 12 px on a 375 px phone
CM = 1 / 2.54
TICK_PT = 8.5  # category names and the key
LABEL_PT = 8.0  # a bar's value label
AXIS_MARGIN = 0.05  # matplotlib's default margin along the category axis
CHAR_EM = (
    0.56  # average glyph width of Liberation Sans (Arial) in em, to size margins without a draw
)
# SVG with text as text (the reader's font, searchable, selectable) and no dates or
# random ids, so the same chart gives the same bytes.
SVG_PARAMS: dict[str, Any] = {"svg.fonttype": "none", "svg.hashsalt": "reportgen", "svg.id": None}
SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
# What an SVG fragment inside an HTML page does without: the XML prolog, the printed size
# (the page sizes it from the viewBox) and matplotlib's ids, which repeat in every chart.
_SVG_DROP = re.compile(
    r'<\?xml[^>]*>\s*|<!DOCTYPE[^>]*>\s*| (?:width|height)="[\d.]+pt"| id="[^"]*"'
)
_SVG_FAMILY = re.compile(r"font-family: ('[^']*')")


@dataclass(frozen=True)
class Medium:
    """What a chart is drawn for: the print edition (PNG, ``WIDTH_CM`` wide) or the web
    page (SVG, ``SCREEN_WIDTH_CM`` wide, its text in ``font_name``, the name the page
    embeds the theme's font under, then the drawing font, then any sans-serif)."""

    width_cm: float = WIDTH_CM
    screen: bool = False
    font_name: str = ""


PRINT = Medium()
_MEDIUM: ContextVar[Medium | None] = ContextVar("chart_medium", default=None)


def _medium() -> Medium:
    return _MEDIUM.get() or PRINT


@contextmanager
def on_screen(font_name: str) -> Iterator[None]:
    """Draw the charts made inside for the web page (see ``Medium``)."""
    token = _MEDIUM.set(Medium(SCREEN_WIDTH_CM, screen=True, font_name=font_name))
    try:
        yield
    finally:
        _MEDIUM.reset(token)


def width_cm() -> float:
    """The width of the charts being drawn, in cm (print or screen, see ``on_screen``)."""
    return _medium().width_cm


@lru_cache(maxsize=8)
def setup_fonts(regular, bold) -> str:
    """Register the theme's fonts with matplotlib once; return the family name to use."""
    for path in (regular, bold):
        font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(regular)).get_name()


def text_width_cm(texts, size_pt: float = TICK_PT) -> float:
    """Estimated printed width of the longest text (no renderer needed)."""
    longest = max((len(t) for t in texts), default=0)
    return longest * CHAR_EM * size_pt / 72 * 2.54


class Plot:
    """The plotting box of a chart: data coordinates mapped onto a fixed box of the figure.
    No matplotlib Axes: its ticks, spines and grid, all hidden here, cost a fifth of a chart.
    Positions run along the category axis, values (from 0) along the value axis; ``fit``
    fixes the view once every bar is placed, as matplotlib's autoscaling would."""

    def __init__(self, fig: MplFigure, box: tuple[float, float, float, float]) -> None:
        self.figure, self.box = fig, box  # box: left, bottom, right, top (figure fraction)
        self.data = TransformWrapper(IdentityTransform())  # set by fit()
        self.extent: list[tuple[float, float, float]] = []  # (low, high, value) of each bar
        self.horizontal = True
        self.value_max = 1.0  # the value at the box's far end, set by fit()

    def fit(self, value_margin: float, largest: float | None = None) -> None:
        """Map the data onto the box: values from 0 to the largest (or ``largest``, a scale
        shared with other charts) plus ``value_margin`` of it, positions with matplotlib's
        default margin of 5 % on both sides."""
        low = min(lo for lo, _, _ in self.extent)
        high = max(hi for _, hi, _ in self.extent)
        pad = AXIS_MARGIN * (high - low)
        top = largest if largest is not None else max(v for _, _, v in self.extent)
        largest = self.value_max = top * (1 + value_margin) or 1.0
        x0, y0, x1, y1 = self.box
        if self.horizontal:
            scale = ((x1 - x0) / largest, (y1 - y0) / (high - low + 2 * pad))
            origin = (x0, y0 - (low - pad) * scale[1])
        else:
            scale = ((x1 - x0) / (high - low + 2 * pad), (y1 - y0) / largest)
            origin = (x0 - (low - pad) * scale[0], y0)
        self.data.set(Affine2D().scale(*scale).translate(*origin) + self.figure.transFigure)


def new_figure(
    theme, height_cm: float, left_cm: float = 1.8, bottom_cm: float = 1.1, top_cm: float = 0.3
) -> tuple[MplFigure, Plot]:
    """A figure and its plotting box in the house style, margins fixed in cm."""
    matplotlib.rcParams["font.family"] = setup_fonts(theme.font_regular, theme.font_bold)
    width = width_cm()
    fig = MplFigure(figsize=(width * CM, height_cm * CM), dpi=DPI)
    box = (left_cm / width, bottom_cm / height_cm, 1 - 1.0 / width, 1 - top_cm / height_cm)
    return fig, Plot(fig, box)


def to_chart(
    fig: MplFigure,
    height_cm: float,
    data: Table | None = None,
    source: str = "reporting",
    spec: ChartSpec | None = None,
) -> Chart:
    """The chart drawn for print as an opaque RGB PNG with no dates or software version
    (deterministic, and the PDF writer need not split off an alpha channel), or drawn for
    the screen (``on_screen``) as an SVG fragment (see ``to_svg``) and no PNG; with the
    ``data`` it shows, its ``source`` ("reporting" or "survey") and its ``spec`` (what it
    shows, for a native chart)."""
    medium = _medium()
    if medium.screen:
        return Chart(b"", medium.width_cm, height_cm, to_svg(fig), data, source, spec)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "PNG", compress_level=1, dpi=(DPI, DPI))
    return Chart(buffer.getvalue(), WIDTH_CM, height_cm, b"", data, source, spec)


def to_svg(fig: MplFigure) -> bytes:
    """The figure as a UTF-8 ``<svg>`` element to place in a page: text as ``<text>`` in
    the page's name for the theme's font (``Medium.font_name``), then the drawing font,
    then sans-serif; sized by its viewBox, no ids, no dates (reproducible)."""
    buffer = io.StringIO()
    with matplotlib.rc_context(SVG_PARAMS):  # type: ignore[arg-type]  # keys are str here
        FigureCanvasSVG(fig).print_svg(buffer, metadata=SVG_METADATA)
    named = _medium().font_name
    first = f"'{named}', " if named else ""
    svg = _SVG_FAMILY.sub(rf"font-family: {first}\1, sans-serif", buffer.getvalue())
    return _SVG_DROP.sub("", svg).encode("utf-8")


def axis_line(plot: Plot, keep: str) -> None:
    """The one axis line a chart keeps: "left" (horizontal bars) or "bottom" (vertical)."""
    x0, y0, x1, y1 = plot.box
    xs, ys = ((x0, x0), (y0, y1)) if keep == "left" else ((x0, x1), (y0, y0))
    plot.figure.add_artist(
        Line2D(
            xs,
            ys,
            transform=plot.figure.transFigure,
            zorder=2.5,
            linewidth=matplotlib.rcParams["axes.linewidth"],
            color=matplotlib.rcParams["axes.edgecolor"],
            solid_capstyle="projecting",
        )
    )


def category_labels(plot: Plot, names, theme, *, horizontal: bool) -> list[Text]:
    """Category names beside (horizontal bars) or under (vertical bars) positions 0…n−1,
    4 points off the value axis, which starts at 0; returned in that order."""
    if horizontal:
        where = offset_copy(plot.data, plot.figure, x=-4, units="points")
        style: dict[str, Any] = {"ha": "right", "va": "center"}
    else:
        where = offset_copy(plot.data, plot.figure, y=-4, units="points")
        style = {"ha": "center", "va": "top"}
    texts = []
    for position, name in enumerate(names):
        x, y = (0, position) if horizontal else (position, 0)
        texts.append(
            plot.figure.text(
                x, y, name, transform=where, fontsize=TICK_PT, color=theme.text_colour, **style
            )
        )
    return texts


def labelled_bars(
    plot: Plot,
    positions,
    values,
    texts,
    colour: str,
    theme,
    thickness: float,
    *,
    horizontal: bool = False,
) -> list[Text]:
    """Bars from 0 to each value at ``positions``, each with its ``texts`` just beyond its
    end, as one PolyCollection (``ax.bar`` makes a patch per bar, at several times the
    cost). Returns the value labels, in the order of ``positions``."""
    half = thickness / 2
    corners = [
        ((0, p - half), (v, p - half), (v, p + half), (0, p + half))
        if horizontal
        else ((p - half, 0), (p - half, v), (p + half, v), (p + half, 0))
        for p, v in zip(positions, values)
    ]
    plot.figure.add_artist(
        PolyCollection(corners, facecolors=colour, edgecolors="none", transform=plot.data)
    )
    plot.extent += [(p - half, p + half, v) for p, v in zip(positions, values)]
    plot.horizontal = horizontal
    where = offset_copy(
        plot.data, plot.figure, units="points", **({"x": 3} if horizontal else {"y": 2})
    )
    style: dict[str, Any] = {"va": "center"} if horizontal else {"ha": "center", "va": "bottom"}
    shown = []
    for position, value, text in zip(positions, values, texts):
        x, y = (value, position) if horizontal else (position, value)
        shown.append(
            plot.figure.text(
                x, y, text, transform=where, fontsize=LABEL_PT, color=theme.text_colour, **style
            )
        )
    return shown


def key(fig, plot: Plot, entries, theme, height_cm: float) -> None:
    """A key in the top 1 cm, left-aligned with the plot (further left where it would run
    past the figure's right edge): a colour bar and a name for each (colour, name) entry.
    Plain artists: matplotlib's legend costs more than the chart."""
    width = width_cm()
    length = sum(0.85 + text_width_cm([name]) + 0.6 for _, name in entries) - 0.6
    x = max(0.0, min(plot.box[0], 1 - (length + 0.2) / width))
    y = 1 - 0.45 / height_cm
    for colour, name in entries:
        fig.patches.append(
            Rectangle(
                (x, y - 0.1 / height_cm),
                0.6 / width,
                0.2 / height_cm,
                transform=fig.transFigure,
                facecolor=colour,
                edgecolor="none",
            )
        )
        fig.text(x + 0.85 / width, y, name, va="center", fontsize=TICK_PT, color=theme.text_colour)
        x += (0.85 + text_width_cm([name]) + 0.6) / width


def data_table(header, rows, unit: str, notes=()) -> Table:
    """The numbers a chart shows as a Table: ``rows`` of (text, Number or None) cells,
    the first column text (left), the others numbers (right); label and caption are the
    figure's, set by compose."""
    align = ("left",) + ("right",) * (len(header) - 1)
    texts = tuple(tuple(t for t, _ in r) for r in rows)
    numbers = tuple(tuple(n for _, n in r) for r in rows)
    return Table(tuple(header), texts, "", "", align, tuple(notes), numbers, unit)
