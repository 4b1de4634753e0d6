"""The numbered blocks of a memo: a chart becomes a Figure, a named table a Table, each
with its label ("Figur 1"), its caption and the line under it: unit, N (survey charts) and
«Kilde: …» (from [data] of ``labels.<lang>.toml``)."""

from __future__ import annotations

from dataclasses import replace

from reportgen.compose import tables
from reportgen.compose.markdown import ImageRef, TableRef
from reportgen.model import Chart, Figure, Table


def figure(ref: ImageRef, number: int, chart: Chart, findings, ctx) -> Figure:
    """The chart as numbered Figure ``number`` with its caption and source line."""
    label = f"{ctx.labels['captions']['figure']} {number}"
    source = _source(ctx, chart.source, findings.year)
    data = chart.data and replace(chart.data, label=label, caption=ref.caption, source=source)
    line = ""
    if data is not None:
        unit = data.unit + (_respondents(findings, ctx) if chart.source == "survey" else "")
        line = " ".join([*data.notes, f"{unit}. {source}."])
    return Figure(
        chart.png,
        chart.width_cm,
        chart.height_cm,
        label,
        ref.caption,
        ref.alt,
        chart.svg,
        data,
        line,
        chart.spec,
    )


def _respondents(findings, ctx) -> str:
    """ ", N = 3 904" for a survey chart; a county's with the country's beside it; ":"
    for a number of respondents that is hidden."""
    words, lang = ctx.labels["data"], ctx.lang
    n = tables.integer_cell(lang, findings.satisfaction.total)[0]
    national = getattr(findings, "national", None)
    if findings.unit.county is None or national is None:
        return words["respondents"].format(n=n)
    total = tables.integer_cell(lang, national.satisfaction.total)[0]
    return words["respondents_compared"].format(n=n, national=total)


def table(ref: TableRef, number: int, findings, ctx) -> Table:
    """The named table as numbered Table ``number``, with notes and source line."""
    header, rows, align, notes = tables.build_cells(ref.name, findings, ctx.labels, ctx.lang)
    rows, notes = tables.cut_long_cells(rows, notes, ctx.labels, ctx.lang)
    label = f"{ctx.labels['captions']['table']} {number}"
    texts = tuple(tuple(text for text, _ in row) for row in rows)
    numbers = tuple(tuple(number for _, number in row) for row in rows)
    unit = ctx.labels["data"]["unit_" + tables.unit_of(ref.name)]
    source = _source(ctx, "reporting", findings.year)
    return Table(
        tuple(header),
        texts,
        label,
        ref.caption,
        tuple(align),
        tuple(notes),
        numbers,
        unit,
        source,
        f"{unit}. {source}.",
        ref.name in tables.TOTALS,
    )


def _source(ctx, kind: str, year: int) -> str:
    """The source line of a table or chart ``kind``: "reporting" (the centres' reporting)
    or "survey" (the user survey), from [data] in ``labels.<lang>.toml``."""
    return ctx.labels["data"]["source_" + kind].format(year=year)
