"""What each chart shows as a format-neutral ``model.ChartSpec``, for writers that draw the chart
themselves (the DOCX's native Word chart): the kind, the categories in reading order and
each series' values, taken from the chart's data table, so the spec holds exactly the
numbers the memo and its data companion show."""

from __future__ import annotations

from reportgen.charts.bars import Plot
from reportgen.model import ChartSpec, Number, Series, Table


def spec_of(
    data: Table,
    plot: Plot,
    colours,
    *,
    thickness: float,
    apart: float = 0.0,
    point_colours: tuple[str, ...] = (),
    point_labels: tuple[str, ...] = (),
) -> ChartSpec:
    """The ChartSpec of a chart whose numbers are ``data`` (a ``data_table``: a row per category
    in reading order, its first column the category's name, a column per series), drawn
    in ``plot`` (fitted: its direction, box and value scale are the spec's).

    ``colours`` is a colour per series; ``thickness`` a bar's thickness and ``apart`` the
    distance between the middles of one category's bars, both in categories (1.0: the
    distance between two categories), as the drawn chart has them. ``point_colours`` and
    ``point_labels`` go to the first series (see ``model.Series``). A cell without a
    Number (":", "..") has no bar.
    """
    count = len(data.header) - 1
    numbers = data.numbers or tuple((None,) * len(data.header) for _ in data.rows)
    series = tuple(
        Series(
            data.header[column],
            tuple(_value(row[column]) for row in numbers),
            colour,
            point_colours if column == 1 else (),
            point_labels if column == 1 else (),
        )
        for column, colour in zip(range(1, count + 1), colours)
    )
    styles = [cell.style for row in numbers for cell in row[1:] if cell is not None]
    group = thickness + (count - 1) * apart
    left, bottom, right, top = plot.box  # to a tenth of a millimetre (of 16 cm)
    return ChartSpec(
        "bars" if plot.horizontal else "columns",
        tuple(row[0] for row in data.rows),
        series,
        styles[0] if styles else "integer",
        gap=round(100 * (1 - group) / thickness),
        overlap=round(100 * (thickness - apart) / thickness) if count > 1 else 0,
        box=(round(left, 4), round(bottom, 4), round(right, 4), round(top, 4)),
        value_max=round(plot.value_max, 4),
    )


def _value(number: Number | None) -> float | None:
    return None if number is None else number.value
