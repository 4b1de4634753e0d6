"""The memo's charts, by the name templates use in ``![alt](chart:NAME "caption")``."""

from __future__ import annotations

from reportgen.charts.bars import (
    axis_line,
    category_labels,
    key,
    labelled_bars,
    new_figure,
    text_width_cm,
    to_chart,
)
from reportgen.findings.suppression import SUPPRESSED
from reportgen.model import Chart


def users_by_year(findings, _labels, lang, theme) -> Chart:
    """Vertical bars: unique users per year, first year to the memo's year."""
    years = [str(y) for y, _ in findings.users_by_year]
    values = [n for _, n in findings.users_by_year]
    fig, plot = new_figure(theme, 6.5, left_cm=0.5, bottom_cm=0.8)
    labelled_bars(
        plot,
        range(len(years)),
        [v or 0 for v in values],
        [".." if v is None else lang.integer(v) for v in values],
        theme.chart_palette[0],
        theme,
        thickness=0.6,
    )
    category_labels(plot, years, theme, horizontal=False)
    axis_line(plot, keep="bottom")
    plot.fit(0.12)
    return to_chart(fig, 6.5)


def users_by_county(_findings, _labels, lang, theme, rows=None) -> Chart:
    """Horizontal bars: unique users per county in the year, largest on top."""
    rows = sorted(rows or [], key=lambda r: r[1])
    texts = [lang.integer(n) for _, n in rows]
    return _horizontal(
        rows, texts, theme.chart_palette[0], theme, row_cm=0.45, thickness=0.65, fit=0.1
    )


def shares(findings, labels, lang, theme, dimension: str, label_key: str) -> Chart:
    """Horizontal bars: percent of users per category of one dimension."""
    dist = getattr(findings, dimension)
    items = [(labels[label_key][code], dist.share(code) or 0.0) for code, _ in dist.counts]
    items.reverse()  # first category on top
    texts = [lang.percent_table(s, digits=0) for _, s in items]
    colour = theme.chart_palette[1 if dimension == "satisfaction" else 2]
    return _horizontal(items, texts, colour, theme, row_cm=0.6, thickness=0.6, fit=0.12)


def _horizontal(
    items, texts, colour: str, theme, *, row_cm: float, thickness: float, fit: float
) -> Chart:
    """One horizontal bar per (name, value) in ``items``, bottom to top, labelled ``texts``."""
    height = 0.8 + row_cm * len(items)
    names = [name for name, _ in items]
    fig, plot = new_figure(theme, height, left_cm=text_width_cm(names) + 0.5, bottom_cm=0.3)
    values = [value for _, value in items]
    labelled_bars(
        plot, range(len(items)), values, texts, colour, theme, thickness=thickness, horizontal=True
    )
    category_labels(plot, names, theme, horizontal=True)
    axis_line(plot, keep="left")
    plot.fit(fit)
    return to_chart(fig, height)


def compare_shares(findings, labels, lang, theme, dimension: str, label_key: str) -> Chart:
    """Paired horizontal bars: the county's (upper) and the country's shares per category.
    A suppressed county share gets no bar, only the symbol ":"."""
    county, country = getattr(findings, dimension), getattr(findings.national, dimension)
    codes = [code for code, _ in county.counts][::-1]
    names = [labels[label_key][code] for code in codes]
    height = 1.5 + 0.75 * len(codes)
    fig, plot = new_figure(
        theme, height, left_cm=text_width_cm(names) + 0.5, bottom_cm=0.3, top_cm=1.0
    )
    series = (
        (findings.unit.county.name, county, 0.19, theme.chart_palette[0]),
        (labels["county"]["country"], country, -0.19, theme.chart_palette[1]),
    )
    for _, dist, offset, colour in series:
        values = [dist.share(code) for code in codes]
        labelled_bars(
            plot,
            [p + offset for p in range(len(codes))],
            [v or 0 for v in values],
            [SUPPRESSED if v is None else lang.percent_table(v, digits=0) for v in values],
            colour,
            theme,
            thickness=0.36,
            horizontal=True,
        )
    category_labels(plot, names, theme, horizontal=True)
    axis_line(plot, keep="left")
    plot.fit(0.12)
    key(fig, plot, [(colour, name) for name, _, _, colour in series], theme, height)
    return to_chart(fig, height)


def _county_users(findings, labels, lang, theme) -> Chart:
    rows = [(row.county.name, row.users.current) for row in findings.counties]
    return users_by_county(findings, labels, lang, theme, rows)


def _shares_of(dimension: str, label_key: str):
    return lambda findings, labels, lang, theme: shares(
        findings, labels, lang, theme, dimension, label_key
    )


CHARTS = {
    "users_by_year": users_by_year,
    "users_by_county": _county_users,
    "education": _shares_of("education", "education"),
    "age_group": _shares_of("age_group", "age_group"),
    "work_situation": _shares_of("work_situation", "work_situation"),
    "satisfaction": _shares_of("satisfaction", "survey"),
    "education_vs_country": lambda f, lb, lang, th: compare_shares(
        f, lb, lang, th, "education", "education"
    ),
    "satisfaction_vs_country": lambda f, lb, lang, th: compare_shares(
        f, lb, lang, th, "satisfaction", "survey"
    ),
}


def render(name: str, findings, labels, lang, theme) -> Chart:
    """Chart ``name`` (a key of CHARTS, listed in compose.CHART_NAMES); called by name in
    the helper process, so this process never imports matplotlib."""
    return CHARTS[name](findings, labels, lang, theme)
