"""A chart's numbers in the order Office draws them, and the symbol of each value it hides.

Office draws a horizontal bar chart from the bottom up: the first category lowest and, in
each category, the first series lowest. Word's key then lists the series as the bars
stand, top first. A reversed category axis (``c:orientation maxMin``) puts the first
category and series on top in Word too, but LibreOffice keeps listing the key of a bar
chart bottom-first, so Troms's bars stood on top under the key «Hele landet, Troms». The
bars' chart therefore holds its categories and series bottom-up, as its embedded
workbook does (Office's own order for a bar chart), with the axis as Office has it: each
application then draws the bars top-down as the memo reads and lists the key alike.

A hidden count (":") or a missing year ("..") has no bar; its symbol stands where the
bar would begin, as in the drawn chart (``charts.kinds.compare_shares``).
"""

from __future__ import annotations

from dataclasses import replace

from reportgen.model import ChartSpec, Series, Table

Marks = tuple[tuple[str, ...], ...]  # per series, per category: the symbol of a value not shown


def hidden_marks(spec: ChartSpec, data: Table | None) -> Marks:
    """Per series of ``spec``, per category: the text that the chart's numbers (``data``,
    a row per category, a column per series after the category's name) show where the
    series has no value and no label of its own (":" or ".."); "" elsewhere."""
    rows = data.rows if data is not None else ()
    return tuple(
        tuple(
            _cell(rows, index, column) if value is None and not _own(series, index) else ""
            for index, value in enumerate(series.values)
        )
        for column, series in enumerate(spec.series, start=1)
    )


def office_order(spec: ChartSpec, marks: Marks) -> tuple[ChartSpec, Marks]:
    """``spec`` and its ``marks`` with a bar chart's categories and series bottom-up (the
    last category and series first); a column chart's as they are (left to right)."""
    if spec.kind != "bars":
        return spec, marks
    count = len(spec.categories)
    series = tuple(_bottom_up(series, count) for series in reversed(spec.series))
    flipped = tuple(tuple(reversed(row)) for row in reversed(marks))
    return replace(spec, categories=spec.categories[::-1], series=series), flipped


def _bottom_up(series: Series, count: int) -> Series:
    def flip(texts: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(reversed(texts + ("",) * (count - len(texts)))) if texts else ()

    return replace(
        series,
        values=series.values[::-1],
        point_colours=flip(series.point_colours),
        point_labels=flip(series.point_labels),
    )


def _own(series: Series, index: int) -> bool:
    return index < len(series.point_labels) and bool(series.point_labels[index])


def _cell(rows, index: int, column: int) -> str:
    row = rows[index] if index < len(rows) else ()
    return row[column] if column < len(row) else ""
