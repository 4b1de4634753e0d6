"""The plotting box maps data as matplotlib's autoscaling would, and charts are opaque,
print-resolution PNGs."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from reportgen.charts.bars import DPI, WIDTH_CM, labelled_bars, new_figure, to_chart
from reportgen.theme import Theme


def test_values_start_at_the_axis_and_end_a_margin_short_of_the_box():
    theme = Theme()
    fig, plot = new_figure(theme, 5.0, left_cm=4.0, bottom_cm=0.5, top_cm=0.5)
    labelled_bars(
        plot,
        [0, 1, 2],
        [10, 40, 25],
        ["10", "40", "25"],
        "#0b5394",
        theme,
        thickness=0.6,
        horizontal=True,
    )
    plot.fit(0.12)
    to_figure = fig.transFigure.inverted()
    x0, y0, x1, y1 = plot.box
    assert to_figure.transform(plot.data.transform((0, 0)))[0] == pytest.approx(x0)
    assert to_figure.transform(plot.data.transform((40 * 1.12, 0)))[0] == pytest.approx(x1)
    # positions -0.3 … 2.3 plus 5 % of that span on each side fill the box's height
    span = 2.6
    assert to_figure.transform(plot.data.transform((0, -0.3 - 0.05 * span)))[1] == pytest.approx(y0)
    assert to_figure.transform(plot.data.transform((0, 2.3 + 0.05 * span)))[1] == pytest.approx(y1)


def test_chart_png_is_opaque_rgb_at_print_resolution():
    theme = Theme()
    fig, plot = new_figure(theme, 4.0)
    labelled_bars(plot, [0, 1], [3, 5], ["3", "5"], "#0b5394", theme, thickness=0.6)
    plot.fit(0.12)
    image = Image.open(io.BytesIO(to_chart(fig, 4.0).png))
    assert image.mode == "RGB"
    assert image.size == (int(WIDTH_CM / 2.54 * DPI), int(4.0 / 2.54 * DPI))  # 1259 × 314
