"""One colour per meaning in every chart of a memo (the review's m1: orange was «Hele landet»
in county memos and the survey in the national one), every colour drawn with 3:1 against
white (m16: the pre-2020 bars were 2.2:1), and one bar thickness and font size (M3)."""

from __future__ import annotations

import io
import re

import pytest
from conftest import DATA
from PIL import Image

from reportgen.charts.bars import DPI
from reportgen.charts.colours import (
    COUNTRY,
    EARLIER,
    MIN_CONTRAST,
    UNIT,
    chart_colour,
    contrast,
    tint,
)
from reportgen.charts.layout import BAR_CM
from reportgen.config import Settings
from reportgen.files import SearchPath
from reportgen.model import Figure
from reportgen.pipeline import compose_memo
from reportgen.theme import Theme, load_theme

SHIPPED = load_theme(SearchPath())
BLUE, ORANGE, LIGHT_BLUE = "#0b5394", "#b34700", "#6d98bf"
# (year, county or None for the national memo): 2024 Vestland has pre-2020 (merged) bars
MEMOS = [(2019, None), (2024, None), (2024, "55"), (2024, "46"), (2019, "20")]
_BAR_FILL = re.compile(r'<path d="[^"]*"\s+style="fill: (#[0-9a-f]{6})"')


@pytest.fixture(scope="module", params=MEMOS, ids=lambda m: f"{m[0]}-{m[1] or 'national'}")
def figures(request, dataset) -> tuple[str | None, list[Figure]]:
    year, county = request.param
    memo = compose_memo(Settings(year=year, data=DATA), dataset, county)
    return county, [block for block in memo.blocks if isinstance(block, Figure)]


def test_wcag_contrast_of_known_colours():
    assert contrast("#000000") == pytest.approx(21.0)
    assert contrast("#767676") == pytest.approx(4.54, abs=0.01)  # the lightest grey at 4.5:1
    assert contrast("#91b2cf") == pytest.approx(2.22, abs=0.01)  # the old pre-2020 tint
    assert contrast(BLUE) == pytest.approx(7.84, abs=0.01)


@pytest.mark.parametrize("theme", [SHIPPED, Theme()], ids=["theme.toml", "default"])
def test_every_palette_colour_and_role_has_3_to_1_on_white(theme):
    used = [chart_colour(theme, role) for role in (UNIT, COUNTRY, EARLIER)]
    assert [c for c in (*theme.chart_palette, *used) if contrast(c) < MIN_CONTRAST] == []
    assert used == [BLUE, ORANGE, LIGHT_BLUE]


def test_earlier_years_are_the_lightest_tint_with_3_to_1():
    assert contrast(LIGHT_BLUE) == pytest.approx(3.05, abs=0.01)
    assert contrast(tint("#2b7fb8")) >= MIN_CONTRAST
    assert tint("#e69f00") == "#e69f00"  # already below 3:1: no lighter tint


def test_each_role_has_one_colour_in_every_chart_of_a_memo(figures):
    """National memo: every bar is the unit's (the country). County memo: the county's
    series and key are the unit's colour, «Hele landet» the country's, earlier years the
    tint; in the spec of the native chart and in what the SVG draws alike."""
    county, found = figures
    drawn: set[str] = set()
    for figure in found:
        assert figure.spec is not None
        for series in figure.spec.series:
            role = COUNTRY if series.name in ("Hele landet", "Heile landet") else UNIT
            assert series.colour == chart_colour(SHIPPED, role), (figure.label, series.name)
            assert set(series.point_colours) <= {BLUE, LIGHT_BLUE}
        drawn |= set(_BAR_FILL.findall(figure.svg.decode())) - {"#ffffff"}
    assert drawn == ({BLUE} if county is None else {BLUE, ORANGE} | (drawn & {LIGHT_BLUE}))
    assert (LIGHT_BLUE in drawn) == (county == "46")  # Vestland's years before 2020
    assert all(contrast(colour) >= MIN_CONTRAST for colour in drawn)


def test_every_horizontal_bar_is_as_thick_and_every_text_as_large(figures):
    """The PNG's bars, measured in pixels across each bar near the axis: BAR_CM in every
    horizontal chart; SVG text at 8 pt (values), 8.5 pt (names) or 7 pt («ikke etablert»)."""
    _, found = figures
    for figure in found:
        sizes = set(re.findall(r"font-size: ([\d.]+)px", figure.svg.decode()))
        assert sizes <= {"8", "8.5", "7"}, figure.label
        if figure.spec is not None and figure.spec.kind == "bars":
            runs = _thicknesses_px(figure)  # 0.26 cm = 20.5 px: 20 or 21 as Agg snaps them
            thick = int(BAR_CM / 2.54 * DPI)
            assert runs and runs <= {thick, thick + 1}, (figure.label, runs)


def _thicknesses_px(figure: Figure) -> set[int]:
    """The length of each run of a bar colour down the PNG's column 4 px right of the plot's
    left edge, within the plot's box (not the key; a bar under 4 px long, 0 %, is not
    crossed), counting only pixels wholly in the bar's colour."""
    image = Image.open(io.BytesIO(figure.png)).convert("RGB")
    assert figure.spec is not None
    left, bottom, _, top = figure.spec.box
    x = round(left * image.width) + 4
    rows = range(round((1 - top) * image.height), round((1 - bottom) * image.height))
    column = ["#{:02x}{:02x}{:02x}".format(*image.getpixel((x, y))) for y in rows]  # type: ignore[misc]
    runs, length = set(), 0
    for colour in [*column, "#ffffff"]:
        if colour in (BLUE, ORANGE):
            length += 1
        elif length:
            runs.add(length)
            length = 0
    return runs
