"""The plotting box maps data as matplotlib's autoscaling would, and charts are opaque,
print-resolution PNGs."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
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


def _series_figure(values: list[int | None]):
    """The users-by-year figure of a national series with ``values``, one a year to 2024."""
    from types import SimpleNamespace

    from reportgen.charts.series import users_by_year_figure
    from reportgen.files import SearchPath
    from reportgen.language import get_language
    from reportgen.theme import load_labels

    first = 2025 - len(values)
    findings = SimpleNamespace(
        users_by_year=[(first + i, v) for i, v in enumerate(values)],
        users_hidden_years=(),  # no year hidden (disclosure control)
        threshold=5,
        unit=SimpleNamespace(county=None),
        story=SimpleNamespace(reform=None),
    )
    labels = load_labels(SearchPath(), "nb")
    return users_by_year_figure(findings, labels, get_language("nb"), Theme())[0]


def _labels(fig) -> list:
    """The window extents of the figure's texts that show something."""
    from matplotlib.backends.backend_agg import RendererAgg

    renderer = RendererAgg(*fig.canvas.get_width_height(), fig.dpi)
    return [t.get_window_extent(renderer) for t in fig.texts if t.get_text()]


def _bars(fig) -> list:
    """The window extents of the figure's bars (one PolyCollection each) of some height."""
    from matplotlib.collections import PolyCollection

    bars = [a for a in fig.artists if isinstance(a, PolyCollection)]
    boxes = [bar.get_paths()[0].get_extents(bar.get_transform()) for bar in bars]
    return [box for box in boxes if box.height > 0]


_VALUES = st.one_of(st.none(), st.integers(0, 999_999))


@settings(max_examples=40, deadline=None)
@given(data=st.data(), count=st.integers(2, 70))
def test_year_and_value_labels_never_overlap(data, count):
    """The review's N32: from 25 years the labels of Figur 2 ran together. Whatever the
    length of the series (2 to 70 years) and the values (a first run of zeros: «ikke
    etablert»; missing years: ".."), no two labels overlap, no bar covers a label, and the
    last year is labelled."""
    values = data.draw(st.lists(_VALUES, min_size=count, max_size=count))
    fig = _series_figure(values)
    boxes = _labels(fig)
    overlapping = [(a, b) for n, a in enumerate(boxes) for b in boxes[n + 1 :] if a.overlaps(b)]
    covered = [(a, b) for a in boxes for b in _bars(fig) if a.overlaps(b)]
    assert overlapping == [] and covered == []
    assert "2024" in [t.get_text() for t in fig.texts]


@pytest.mark.parametrize("count", [5, 10])
def test_short_series_label_every_year(count):
    fig = _series_figure([20958 + i for i in range(count)])
    years = [t.get_text() for t in fig.texts if t.get_text().isdigit()]
    assert years == [str(y) for y in range(2025 - count, 2025)]
