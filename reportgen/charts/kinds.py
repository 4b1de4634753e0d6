"""The memo's charts, by the name templates use in ``![alt](chart:NAME "caption")``."""

from __future__ import annotations

from dataclasses import replace

from reportgen.charts.bars import (
    axis_line,
    category_labels,
    data_table,
    key,
    labelled_bars,
    new_figure,
    text_width_cm,
    to_chart,
)
from reportgen.charts.colours import COUNTRY, UNIT, chart_colour
from reportgen.charts.layout import rows as bar_rows
from reportgen.charts.request import parse, rows
from reportgen.charts.series import users_by_year
from reportgen.charts.specs import spec_of
from reportgen.compose.tables import integer_cell, percent_cell, suppressed_notes, text_cell
from reportgen.dataset.schema import CENTRES
from reportgen.findings.suppression import SUPPRESSED
from reportgen.model import Chart, Table


def users_by_county(findings, labels, lang, theme, rows=None) -> Chart:
    """Horizontal bars: unique users per county in the year, largest on top; a county
    whose count is hidden (None) has no bar, only ":", at the bottom (in the given order)."""
    rows = rows or []
    hidden = [(name, None) for name, n in rows if n is None]
    rows = hidden + sorted((r for r in rows if r[1] is not None), key=lambda r: r[1])
    texts = [integer_cell(lang, n)[0] for _, n in rows]
    cells = [(text_cell(name), integer_cell(lang, n)) for name, n in reversed(rows)]
    header = (labels["tables"]["county"], labels["tables"]["unique_users"])
    notes = suppressed_notes(cells, labels, lang, findings.threshold)
    data = data_table(header, cells, labels["data"]["unit_persons"], notes)
    return _horizontal(
        [(name, n or 0) for name, n in rows],
        texts,
        theme,
        fit=0.1,
        data=data,
    )


# Charts of who the users are stand one above the other: one scale and one label column.
SIBLINGS = ("education", "age_group", "work_situation")


def _shared_scale(findings, labels) -> tuple[float, list[str]]:
    """The largest share in any of the SIBLINGS charts and all their category names."""
    top, names = 0.0, []
    for dimension in SIBLINGS:
        dist = getattr(findings, dimension)
        top = max([top, *(dist.share(code) or 0.0 for code, _ in dist.counts)])
        names += [labels[dimension][code] for code, _ in dist.counts]
    return top, names


def shares(findings, labels, lang, theme, dimension: str, rows: list[tuple[str, str]]) -> Chart:
    """Horizontal bars: percent of users (respondents: ``dimension`` "satisfaction") per
    category, ``rows`` the (code, name) of each in order; the charts of SIBLINGS share one
    value scale and one label column width (so 30 % is as long in each). A hidden share
    has no bar, only ":"."""
    dist = _distribution(findings, dimension)
    items = [(name, _shown_share(dist, code)) for code, name in rows]
    items.reverse()  # first category on top
    cells = [(text_cell(n), percent_cell(lang, v, 0)) for n, v in reversed(items)]
    texts = [text for _, (text, _) in reversed(cells)]
    survey = dimension == "satisfaction"
    header = (labels["data"]["category_" + dimension], labels["data"]["share"])
    unit = labels["data"]["unit_percent_respondents" if survey else "unit_percent"]
    notes = suppressed_notes(cells, labels, lang, findings.threshold)
    return _horizontal(
        [(name, value or 0.0) for name, value in items],
        texts,
        theme,
        fit=0.12,
        data=data_table(header, cells, unit, notes),
        source="survey" if survey else "reporting",
        scale=_shared_scale(findings, labels) if dimension in SIBLINGS else None,
    )


def _horizontal(
    items,
    texts,
    theme,
    *,
    fit: float,
    data: Table,
    source: str = "reporting",
    scale: tuple[float, list[str]] | None = None,
) -> Chart:
    """One horizontal bar per (name, value) in ``items``, bottom to top, labelled ``texts``,
    in the unit's colour and the rows of ``charts.layout``; the chart carries ``data`` (its
    numbers) from ``source``. ``scale`` is a shared largest value and the names whose
    longest sets the label column, or None (this chart's own)."""
    layout = bar_rows(theme, len(items))
    height = round(0.6 + layout.box_cm, 2)
    names = [name for name, _ in items]
    largest, widest = scale if scale else (None, names)
    fig, plot = new_figure(theme, height, left_cm=text_width_cm(widest) + 0.5, bottom_cm=0.3)
    values = [value for _, value in items]
    colour = chart_colour(theme, UNIT)
    labelled_bars(
        plot,
        range(len(items)),
        values,
        texts,
        colour,
        theme,
        thickness=layout.thickness,
        horizontal=True,
    )
    category_labels(plot, names, theme, horizontal=True)
    axis_line(plot, keep="left")
    plot.fit(fit, largest)
    spec = spec_of(data, plot, [colour], thickness=layout.thickness)
    return to_chart(fig, height, data, source, spec)


def compare_shares(findings, labels, lang, theme, dimension: str, rows) -> Chart:
    """Paired horizontal bars: the county's (upper) and the country's shares per category,
    ``rows`` the (code, name) of each in order. A suppressed county share gets no bar,
    only the symbol ":"."""
    series = (
        (findings.unit.county.name, _distribution(findings, dimension)),
        (labels["county"]["country"], _distribution(findings.national, dimension)),
    )
    return paired(series, labels, lang, theme, dimension, rows, findings.threshold)


def compare_services(findings, labels, lang, theme, dimension: str, rows) -> Chart:
    """Paired horizontal bars: the centres' shares per category of ``dimension`` (the
    country's) above each other service's that has the dimension (users.csv rows with a
    service), ``rows`` the (code, name) of each category in order."""
    country = findings.national or findings
    series = (
        (labels["service"][CENTRES], country.dimensions[dimension]),
        *(
            (labels["service"][name], service.dimensions[dimension])
            for name, service in country.services.items()
            if dimension in service.dimensions
        ),
    )
    chart = paired(series, labels, lang, theme, dimension, rows, findings.threshold)
    return replace(chart, source="services")


def paired(series, labels, lang, theme, dimension: str, rows, threshold: int) -> Chart:
    """Horizontal bars side by side per category, one colour per series (name,
    distribution), the first on top; ``rows`` the (code, name) of each category in order.
    A hidden share gets no bar, only the symbol ":" (with the note in the chart's data)."""
    codes = [code for code, _ in rows][::-1]
    names = [name for _, name in rows][::-1]
    layout = bar_rows(theme, len(codes), series=len(series))
    height = round(1.3 + layout.box_cm, 2)
    fig, plot = new_figure(
        theme, height, left_cm=text_width_cm(names) + 0.5, bottom_cm=0.3, top_cm=1.0
    )
    palette = [chart_colour(theme, UNIT), chart_colour(theme, COUNTRY), *theme.chart_palette[2:]]
    drawn = tuple(
        (name, dist, offset, palette[i % len(palette)])
        for i, ((name, dist), offset) in enumerate(zip(series, layout.offsets(len(series))))
    )
    for _, dist, offset, colour in drawn:
        values = [_shown_share(dist, code) for code in codes]
        labelled_bars(
            plot,
            [p + offset for p in range(len(codes))],
            [v or 0 for v in values],
            [SUPPRESSED if v is None else lang.percent_table(v, digits=0) for v in values],
            colour,
            theme,
            thickness=layout.thickness,
            horizontal=True,
        )
    category_labels(plot, names, theme, horizontal=True)
    axis_line(plot, keep="left")
    plot.fit(0.12)
    key(fig, plot, [(colour, name) for name, _, _, colour in drawn], theme, height)
    data, source = _compared(labels, lang, dimension, names, codes, drawn, threshold)
    colours = [colour for _, _, _, colour in drawn]
    spec = spec_of(data, plot, colours, thickness=layout.thickness, apart=layout.apart)
    return to_chart(fig, height, data, source, spec)


def _distribution(findings, dimension: str):
    """The distribution of a dimension of users.csv, or the survey's ("satisfaction")."""
    if dimension == "satisfaction":
        return findings.satisfaction
    return findings.dimensions[dimension]


def _shown_share(dist, code: str) -> float | None:
    """The share a bar shows: None (":") only when it is hidden; 0 for a county with no
    users (0 is not a small number to protect, SSB hides counts of 1 to threshold - 1)."""
    if code in dist.hidden:
        return None
    return dist.share(code) if dist.total else 0.0


def _compared(
    labels, lang, dimension: str, names, codes, series, threshold: int
) -> tuple[Table, str]:
    """The data of ``compare_shares``: a row per category, a column per series, ":" where
    the county's share is suppressed (with the note)."""
    rows = [
        (
            text_cell(name),
            *(percent_cell(lang, _shown_share(dist, code), 0) for _, dist, _, _ in series),
        )
        for name, code in reversed(list(zip(names, codes)))
    ]
    notes = suppressed_notes(rows, labels, lang, threshold)
    survey = dimension == "satisfaction"
    unit = labels["data"]["unit_percent_respondents" if survey else "unit_percent"]
    header = (labels["data"]["category_" + dimension], *(name for name, _, _, _ in series))
    return data_table(header, rows, unit, notes), "survey" if survey else "reporting"


def contacts(findings, labels, lang, theme, service: str, rows: list[tuple[str, str]]) -> Chart:
    """Horizontal bars: percent of a service's contacts (contacts.csv: Karriereveiledning.no's
    inquiries, the centres' conversations) per channel in the year, ``rows`` the (code,
    name) of each channel shown, in order; the country's figures, also in a county memo.
    Its numbers: the contacts and the share per channel, from ``source_services``."""
    dist = (findings.contacts or findings.national.contacts)[service]
    items = [(name, dist.share(code) or 0.0) for code, name in rows][::-1]
    cells = [
        (text_cell(name), integer_cell(lang, dist.count(code)), percent_cell(lang, share, 0))
        for (code, name), (_, share) in zip(rows, reversed(items))
    ]
    header = (
        labels["data"]["category_contact_channel"],
        labels["data"]["number"],
        labels["data"]["share"],
    )
    unit = labels["data"]["unit_contacts"].format(service=labels["service"][service])
    data = data_table(header, cells, unit)
    texts = [lang.percent_table(share, digits=0) for _, share in items]
    return _horizontal(items, texts, theme, fit=0.12, data=data, source="services")


def _county_users(findings, labels, lang, theme) -> Chart:
    rows = [(row.county.name, row.users.current) for row in findings.counties]
    return users_by_county(findings, labels, lang, theme, rows)


def _answers(findings, labels) -> list[tuple[str, str]]:
    return [(code, labels["survey"][code]) for code, _ in findings.satisfaction.counts]


CHARTS = {
    "users_by_year": users_by_year,
    "users_by_county": _county_users,
    "satisfaction": lambda f, lb, lang, th: shares(
        f, lb, lang, th, "satisfaction", _answers(f, lb)
    ),
    "satisfaction_vs_country": lambda f, lb, lang, th: compare_shares(
        f, lb, lang, th, "satisfaction", _answers(f, lb)
    ),
}
BY_DIMENSION = {
    "distribution": shares,
    "distribution_vs_country": compare_shares,
    "services": compare_services,
}


def render(name: str, findings, labels, lang, theme) -> Chart:
    """Chart ``name`` (one of ``charts.NAMES``, or a ``charts.request`` such as
    "distribution?dimension=channel" or "contacts?service=karriereveiledning_no"); called
    by name in the helper process, so the main process never imports matplotlib.
    TemplateError as ``request.rows``."""
    request = parse(name, CHARTS)
    if request.name in CHARTS:
        return CHARTS[request.name](findings, labels, lang, theme)
    shown = rows(request, findings, labels)
    if request.service:
        return contacts(findings, labels, lang, theme, request.service, shown)
    return BY_DIMENSION[request.name](findings, labels, lang, theme, request.dimension, shown)
