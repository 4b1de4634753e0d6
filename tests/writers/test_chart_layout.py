"""Value labels never touch (the review's M2: Troms 2024 «35 %» printed on «34 %»): the
paired charts drawn with shares a point apart, 0 % and 100 %, hidden shares and long
category names, every text box measured with matplotlib's renderer; and one bar
thickness and one font size in every horizontal chart of a memo."""

from __future__ import annotations

from types import SimpleNamespace
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.collections import PolyCollection

from reportgen.charts import kinds
from reportgen.charts.bars import to_chart
from reportgen.files import SearchPath
from reportgen.findings.values import Distribution
from reportgen.language import get_language
from reportgen.theme import Theme, load_labels

LABELS = load_labels(SearchPath(), "nb")
LONG = "Universitet eller høyskole, mer enn fire år, og forskerutdanning"


def _figure(county: list[int], country: list[int], names: list[str], hidden=frozenset()):
    """The paired education chart of «Troms» with ``county`` and ``country`` counts per
    category (in ``names``' order, the codes "0", "1", …), drawn as in a memo: the Chart
    and the matplotlib figure it was made of (kept on its way to ``to_chart``)."""
    codes = [str(i) for i in range(len(names))]
    labels = {**LABELS, "education": dict(zip(codes, names))}
    mine = Distribution.of(list(zip(codes, county)), hidden)
    theirs = Distribution.of(list(zip(codes, country)))
    findings = SimpleNamespace(
        dimensions={"education": mine},
        national=SimpleNamespace(dimensions={"education": theirs}),
        unit=SimpleNamespace(county=SimpleNamespace(name="Troms")),
        threshold=5,
    )
    figures = []
    with patch.object(kinds, "to_chart", lambda fig, *a: figures.append(fig) or to_chart(fig, *a)):
        chart = kinds.compare_shares(
            findings, labels, get_language("nb"), Theme(), "education", list(zip(codes, names))
        )
    return chart, figures[0]


def _collisions(fig) -> list[tuple[str, str]]:
    """Pairs of texts whose boxes overlap, and texts outside the figure or over a bar."""
    renderer = RendererAgg(*fig.canvas.get_width_height(), fig.dpi)
    texts = [(t.get_text(), t.get_window_extent(renderer)) for t in fig.texts if t.get_text()]
    bars = [
        path.get_extents(artist.get_transform())
        for artist in fig.artists
        if isinstance(artist, PolyCollection)
        for path in artist.get_paths()
    ]
    whole = fig.bbox
    found = [(a, b) for n, (a, x) in enumerate(texts) for b, y in texts[n + 1 :] if x.overlaps(y)]
    found += [
        (a, "outside")
        for a, x in texts
        if not (whole.contains(x.x0, x.y0) and whole.contains(x.x1, x.y1))
    ]
    found += [
        (a, "a bar") for a, x in texts if any(x.overlaps(bar) for bar in bars if bar.width > 0)
    ]
    return found


def test_troms_2024_labels_stand_apart():
    """Figur 1 of Troms 2024: 22/23, 35/34, 8/9 and 34/33 %."""
    names = ["Grunnskole", "Videregående skole", "Fagskole", "Universitet eller høyskole"]
    chart, fig = _figure([22, 35, 8, 34], [23, 34, 9, 33], names)
    said = {t.get_text().replace("\u00a0", " ") for t in fig.texts}
    assert {"22 %", "23 %", "35 %", "34 %", "8 %", "9 %", "33 %"} <= said
    assert _collisions(fig) == []
    assert chart.spec is not None and chart.spec.overlap < 0  # a space between the two bars


@pytest.mark.parametrize(
    ("county", "country"),
    [
        ([100, 0, 0, 0, 0], [100, 0, 0, 0, 0]),
        ([0, 0, 0, 0, 100], [1, 1, 1, 1, 96]),
        ([3, 1], [3, 1]),
    ],
)
def test_extremes_stand_apart(county, country):
    names = [
        "Svært fornøyd",
        "Ganske fornøyd",
        "Verken fornøyd eller misfornøyd",
        "Ganske misfornøyd",
        "Svært misfornøyd",
    ]
    _, fig = _figure(county, country, names[: len(county)])
    assert _collisions(fig) == []


@st.composite
def _pairs(draw):
    """County and country counts (of about 1 000) for 1–8 categories, the country's within
    10 of the county's (a share a point apart or less), long and short names, some of the
    county's shares hidden (":")."""
    size = draw(st.integers(1, 8))
    county = draw(st.lists(st.integers(0, 1000), min_size=size, max_size=size))
    country = [max(0, c + draw(st.integers(-10, 10))) for c in county]
    names = draw(
        st.lists(
            st.sampled_from(["Fagskole", LONG, "Annet", "Grunnskole"]), min_size=size, max_size=size
        )
    )
    hidden = draw(st.sets(st.sampled_from([str(i) for i in range(size)])))
    return county, country, names, frozenset(hidden)


@settings(max_examples=60, deadline=None)
@given(_pairs())
def test_paired_labels_never_overlap(pair):
    county, country, names, hidden = pair
    if not sum(county) or not sum(country):
        return
    _, fig = _figure(county, country, names, hidden)
    assert _collisions(fig) == []
