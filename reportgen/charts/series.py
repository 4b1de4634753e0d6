"""The time-series chart: unique users per year, with the series' breaks and gaps shown."""

from __future__ import annotations

from matplotlib.lines import Line2D
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
from reportgen.compose.tables import MISSING, suppressed_notes, text_cell, year_cell
from reportgen.model import Chart

MUTED = "#595959"  # grey text, 7:1 on white

HEIGHT_CM = 5.0


def users_by_year(findings, labels, lang, theme) -> Chart:
    """Vertical bars: unique users per year, first year to the memo's year. Years before a
    county had a centre (0 users before the first year with users) read «ikke etablert»,
    not 0; years before a merger (summed from the old counties) are a lighter tint behind a
    dashed line, with a note (a break in the series). A hidden year has no bar, only ":"."""
    years = [str(y) for y, _ in findings.users_by_year]
    values = [n for _, n in findings.users_by_year]
    hidden = [y in findings.users_hidden_years for y, _ in findings.users_by_year]
    words = labels["county"]
    before = _before_first_centre(values)
    cells = [year_cell(lang, v, hidden=h) for v, h in zip(values, hidden)]
    texts = [words["not_established"] if i in before else t for i, (t, _) in enumerate(cells)]
    fig, plot = new_figure(theme, HEIGHT_CM, left_cm=0.5, bottom_cm=0.8)
    merged = _merged_before(findings)
    colours = [
        lighter(theme.chart_palette[0]) if int(y) < merged else theme.chart_palette[0]
        for y in years
    ]
    for i, (value, text, colour) in enumerate(zip(values, texts, colours)):
        shown = "" if i in before else text  # «ikke etablert» is written upright, below
        labelled_bars(plot, [i], [value or 0], [shown], colour, theme, thickness=0.6)
    category_labels(plot, years, theme, horizontal=False)
    axis_line(plot, keep="bottom")
    plot.fit(0.12)
    for i in sorted(before):
        upright(plot, i, words["not_established"])
    notes = [labels["tables"]["note_missing"]] if MISSING in texts else []
    notes += suppressed_notes([cells], labels, lang, findings.threshold)
    if merged in map(int, years[1:]):
        series_break(plot, years.index(str(merged)) - 0.5)
        notes.append(words["note_series_break"].format(year=merged, name=findings.unit.county.name))
    rows = [(text_cell(y), cell) for y, cell in zip(years, cells)]
    header = (labels["tables"]["year"], labels["tables"]["unique_users"])
    return to_chart(fig, HEIGHT_CM, data_table(header, rows, labels["data"]["unit_persons"], notes))


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


def lighter(colour: str, amount: float = 0.55) -> str:
    """``colour`` ("#rrggbb") mixed with ``amount`` of white: the tint of summed years."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


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


def upright(plot: Plot, position: float, text: str) -> None:
    """``text`` set upright (rotated 90°) just above the axis at ``position``: a label that
    stands where a bar would be (e.g. «ikke etablert» for a year before the first centre)."""
    where = offset_copy(plot.data, plot.figure, y=3, units="points")
    plot.figure.text(
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
