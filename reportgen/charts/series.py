"""The time-series chart: unique users per year, with the series' breaks and gaps shown."""

from __future__ import annotations

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure as MplFigure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import offset_copy

from reportgen.charts.bars import (
    Plot,
    axis_line,
    category_labels,
    data_table,
    labelled_bars,
    new_figure,
    to_chart,
)
from reportgen.charts.colours import EARLIER, UNIT, chart_colour
from reportgen.charts.specs import spec_of
from reportgen.compose.tables import MISSING, suppressed_notes, text_cell, year_cell
from reportgen.model import Chart, ChartSpec, Table

MUTED = "#595959"  # grey text, 7:1 on white

HEIGHT_CM = 5.0
LABEL_GAP_PT = 3.0  # the least space between two labels side by side
BAR = 0.6  # a bar's width, of its year's slot


def users_by_year(findings, labels, lang, theme) -> Chart:
    """Vertical bars: unique users per year, first year to the memo's year. Years before a
    county had a centre (0 users before the first year with users) read «ikke etablert»,
    not 0; years before a merger (summed from the old counties) are a lighter tint (3:1
    on white, ``charts.colours``) behind a dashed line, with a note (a break in the
    series). In a long series only every few years are labelled (``thin_out``), the memo's
    year always. A hidden year has no bar, only ":"."""
    fig, data, spec = users_by_year_figure(findings, labels, lang, theme)
    return to_chart(fig, HEIGHT_CM, data, spec=spec)


def users_by_year_figure(findings, labels, lang, theme) -> tuple[MplFigure, Table, ChartSpec]:
    """The figure of ``users_by_year`` before it is saved, the numbers it shows and its
    format-neutral description (for a native chart)."""
    years = [str(y) for y, _ in findings.users_by_year]
    values = [n for _, n in findings.users_by_year]
    hidden = [y in findings.users_hidden_years for y, _ in findings.users_by_year]
    words = labels["county"]
    before = _before_first_centre(values)
    cells = [year_cell(lang, v, hidden=h) for v, h in zip(values, hidden)]
    texts = [words["not_established"] if i in before else t for i, (t, _) in enumerate(cells)]
    fig, plot = new_figure(theme, HEIGHT_CM, left_cm=0.5, bottom_cm=0.8)
    merged = _merged_before(findings)
    colours = [chart_colour(theme, EARLIER if int(y) < merged else UNIT) for y in years]
    above: list[tuple[int, Text]] = []  # the labels over the axis: values, «ikke etablert»
    for i, (value, text, colour) in enumerate(zip(values, texts, colours)):
        shown = "" if i in before else text  # «ikke etablert» is written upright, below
        bar = labelled_bars(plot, [i], [value or 0], [shown], colour, theme, thickness=BAR)
        above += [(i, label) for label in bar if label.get_text()]
    below = list(enumerate(category_labels(plot, years, theme, horizontal=False)))
    axis_line(plot, keep="bottom")
    plot.fit(0.12)
    for i in sorted(before):
        above.append((i, upright(plot, i, words["not_established"])))
    thin_out(fig, [above, below], len(years))
    over_neighbours(plot, [(i, t) for i, t in above if i not in before], values)
    notes = [labels["tables"]["note_missing"]] if MISSING in texts else []
    notes += suppressed_notes([cells], labels, lang, findings.threshold)
    if merged in map(int, years[1:]):
        series_break(plot, years.index(str(merged)) - 0.5)
        notes.append(words["note_series_break"].format(year=merged, name=findings.unit.county.name))
    rows = [(text_cell(y), cell) for y, cell in zip(years, cells)]
    header = (labels["tables"]["year"], labels["tables"]["unique_users"])
    data = data_table(header, rows, labels["data"]["unit_persons"], notes)
    shown = tuple(words["not_established"] if i in before else "" for i in range(len(years)))
    spec = spec_of(
        data,
        plot,
        [chart_colour(theme, UNIT)],
        thickness=BAR,
        point_colours=tuple(colours) if len(set(colours)) > 1 else (),
        point_labels=shown if before else (),
    )
    return fig, data, spec


def thin_out(fig: MplFigure, rows: list[list[tuple[int, Text]]], count: int) -> None:
    """Keep the labels of every k-th of ``count`` positions, counted back from the last
    (the memo's year), and remove the others: k is the smallest step at which no two
    kept labels of a row (each a list of (position, label)) come closer than LABEL_GAP_PT
    side by side, as the renderer sets them. The chart's numbers stay whole in its data."""
    renderer = RendererAgg(*fig.canvas.get_width_height(), fig.dpi)
    spans = [[(i, text.get_window_extent(renderer)) for i, text in row] for row in rows]
    gap = LABEL_GAP_PT * fig.dpi / 72

    def apart(step: int) -> bool:
        for row in spans:
            kept = sorted((i, box) for i, box in row if (count - 1 - i) % step == 0)
            if any(a.x1 + gap > b.x0 for (_, a), (_, b) in zip(kept, kept[1:])):
                return False
        return True

    step = next(k for k in range(1, count + 1) if apart(k))
    for row in rows:
        for i, text in row:
            if (count - 1 - i) % step:
                text.remove()


def over_neighbours(plot: Plot, labels: list[tuple[int, Text]], values) -> None:
    """Raise each value label (position, label) still in the figure that is wider than
    its bar's slot to the top of the tallest bar it stands over, so no bar covers it."""
    renderer = RendererAgg(*plot.figure.canvas.get_width_height(), plot.figure.dpi)
    to_data = plot.data.inverted()
    for i, label in labels:
        if label not in plot.figure.texts:  # removed by thin_out
            continue
        box = label.get_window_extent(renderer)
        left, right = (to_data.transform((x, 0))[0] for x in (box.x0, box.x1))
        under = [v or 0 for p, v in enumerate(values) if p - BAR / 2 < right and p + BAR / 2 > left]
        if max(under) > (values[i] or 0):
            label.set_position((i, max(under)))


def _before_first_centre(values) -> set[int]:
    """Positions of the leading zeros: years before the county's first centre."""
    first = next((i for i, v in enumerate(values) if v), len(values))
    return {i for i in range(first) if values[i] == 0}


def _merged_before(findings) -> int:
    """The year a merger made the memo's county (its earlier years are sums), else 0."""
    reform = getattr(findings.story, "reform", None)
    if findings.unit.county is None or reform is None or reform.kind != "merged":
        return 0
    return reform.year


def series_break(plot: Plot, position: float) -> None:
    """A dashed vertical line at category ``position`` (between two bars): a break in the
    series, e.g. a county merger."""
    x, _ = plot.data.transform((position, 0))
    x0, y0 = plot.figure.transFigure.inverted().transform((x, 0))
    plot.figure.add_artist(
        Line2D(
            (x0, x0),
            (plot.box[1], plot.box[3]),
            transform=plot.figure.transFigure,
            linestyle=(0, (3, 2)),
            linewidth=0.8,
            color="#595959",
        )
    )


def upright(plot: Plot, position: float, text: str) -> Text:
    """``text`` set upright (rotated 90°) just above the axis at ``position``: a label that
    stands where a bar would be (e.g. «ikke etablert» for a year before the first centre)."""
    where = offset_copy(plot.data, plot.figure, y=3, units="points")
    return plot.figure.text(
        position,
        0,
        text,
        transform=where,
        rotation=90,
        ha="center",
        va="bottom",
        fontsize=7,
        color=MUTED,
    )
