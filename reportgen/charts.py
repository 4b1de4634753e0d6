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
from matplotlib.figure import Figure as MplFigure  # noqa: E402
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
    ax.tick_params(labelsize=TICK_PT, colors=theme.text_colour)
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
    ``bar_labels`` and ``category_labels``); keep the ``keep`` spine ("left" or "bottom")."""
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


def bar_labels(ax, bars, texts, theme, horizontal: bool = False) -> None:
    """Write each bar's value just beyond its end."""
    fig = ax.figure
    shift = {"x": 3} if horizontal else {"y": 2}
    where = offset_copy(ax.transData, fig, units="points", **shift)
    for bar, text in zip(bars, texts):
        if horizontal:
            x, y, style = bar.get_width(), bar.get_y() + bar.get_height() / 2, {"va": "center"}
        else:
            x, y = bar.get_x() + bar.get_width() / 2, bar.get_height()
            style = {"ha": "center", "va": "bottom"}
        ax.text(x, y, text, transform=where, fontsize=8, color=theme.text_colour, **style)
