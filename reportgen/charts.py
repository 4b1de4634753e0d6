"""Render the memo's charts with matplotlib (Agg) as PNG bytes at print resolution.

Each chart takes the Findings, the labels of the memo's language (``labels.<lang>.toml``),
the language module (numbers on axes as in running tables: no-break space for
thousands, decimal comma, " %") and the Theme. Bars carry their values as text, so
colour is never the only carrier of meaning.
"""

from __future__ import annotations

import io
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")
from matplotlib import font_manager  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.figure import Figure as MplFigure  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.transforms import offset_copy  # noqa: E402
from PIL import Image  # noqa: E402

from .model import Chart  # noqa: E402

DPI = 200  # print resolution: crisp when zoomed, cheap to encode
WIDTH_CM = 16.0
CM = 1 / 2.54
TICK_PT = 8.5
CHAR_EM = 0.62  # average glyph width of DejaVu Sans in em, to size margins without a draw


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


def new_figure(theme, height_cm: float, left_cm: float = 1.8, bottom_cm: float = 1.1,
               top_cm: float = 0.3) -> tuple[MplFigure, object]:
    """A figure and axes in the house style: no top/right frame, margins fixed in cm."""
    matplotlib.rcParams["font.family"] = setup_fonts(theme.font_regular, theme.font_bold)
    fig = MplFigure(figsize=(WIDTH_CM * CM, height_cm * CM), dpi=DPI)
    fig.subplots_adjust(left=left_cm / WIDTH_CM, right=1 - 1.0 / WIDTH_CM,
                        bottom=bottom_cm / height_cm, top=1 - top_cm / height_cm)
    ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def to_chart(fig: MplFigure, height_cm: float) -> Chart:
    """An opaque RGB PNG with no dates or software version (deterministic, and the PDF
    writer need not split off an alpha channel)."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "PNG", compress_level=1, dpi=(DPI, DPI))
    return Chart(buffer.getvalue(), WIDTH_CM, height_cm)


def no_axes(ax, keep: str) -> None:
    """Hide both axes' ticks (bars and categories carry their own text, drawn with
    ``labelled_bars`` and ``category_labels``); keep the ``keep`` spine ("left" or "bottom")."""
    ax.xaxis.set_visible(False)
    ax.yaxis.set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(side == keep)


def category_labels(ax, names, theme, horizontal: bool) -> None:
    """Category names beside (horizontal bars) or under (vertical bars) positions 0…n−1.
    Plain texts instead of tick labels: matplotlib's tick machinery costs more than the bars."""
    fig = ax.figure
    if horizontal:
        where = offset_copy(ax.get_yaxis_transform(), fig, x=-4, units="points")
        style = {"ha": "right", "va": "center"}
    else:
        where = offset_copy(ax.get_xaxis_transform(), fig, y=-4, units="points")
        style = {"ha": "center", "va": "top"}
    for position, name in enumerate(names):
        x, y = (0, position) if horizontal else (position, 0)
        ax.text(x, y, name, transform=where, fontsize=TICK_PT, color=theme.text_colour,
                **style)


def labelled_bars(ax, positions, values, texts, colour: str, theme, thickness: float,
                  horizontal: bool = False) -> None:
    """Bars from 0 to each value at ``positions``, each with its ``texts`` just beyond its
    end. One PolyCollection instead of ``ax.bar``'s patch per bar: the same look at a
    fraction of the cost. The value axis starts at 0 (margins never push it below)."""
    half = thickness / 2
    corners = [((0, p - half), (v, p - half), (v, p + half), (0, p + half)) if horizontal
               else ((p - half, 0), (p - half, v), (p + half, v), (p + half, 0))
               for p, v in zip(positions, values)]
    collection = PolyCollection(corners, facecolors=colour, edgecolors="none")
    (collection.sticky_edges.x if horizontal else collection.sticky_edges.y).append(0)
    ax.add_collection(collection)
    where = offset_copy(ax.transData, ax.figure, units="points",
                        **({"x": 3} if horizontal else {"y": 2}))
    style = {"va": "center"} if horizontal else {"ha": "center", "va": "bottom"}
    for position, value, text in zip(positions, values, texts):
        x, y = (value, position) if horizontal else (position, value)
        ax.text(x, y, text, transform=where, fontsize=8, color=theme.text_colour, **style)


def key(fig, ax, entries, theme, height_cm: float) -> None:
    """A key in the top 1 cm, left-aligned with the axes: a colour bar and a name for each
    (colour, name) entry. Plain artists: matplotlib's legend costs more than the chart."""
    x = ax.get_position().x0
    y = 1 - 0.45 / height_cm
    for colour, name in entries:
        fig.patches.append(Rectangle((x, y - 0.1 / height_cm), 0.6 / WIDTH_CM, 0.2 / height_cm,
                                     transform=fig.transFigure, facecolor=colour,
                                     edgecolor="none"))
        fig.text(x + 0.85 / WIDTH_CM, y, name, va="center", fontsize=TICK_PT,
                 color=theme.text_colour)
        x += (0.85 + text_width_cm([name]) + 0.6) / WIDTH_CM
