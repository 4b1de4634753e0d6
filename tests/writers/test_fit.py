"""What a page holds, measured before it is drawn: table columns that never break a number
(``pdf_writer.columns``), running header and footer sizes and the logo's width
(``theme.fit``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from reportlab.pdfbase import pdfmetrics

from reportgen.errors import TemplateError
from reportgen.model import Table
from reportgen.pdf_writer.columns import CELL_PAD, MIN_CELL_PT, fit_table
from reportgen.pdf_writer.styles import build_styles
from reportgen.theme import Theme
from reportgen.theme.fit import logo_width_cm, running_sizes

NBSP = "\u00a0"
CELL = build_styles(Theme())["cell"]
_NUMBERS = st.integers(0, 9_999_999).map(lambda n: f"{n:,}".replace(",", NBSP))
_PERCENTS = st.floats(-99.9, 999.9).map(lambda x: f"{x:+.1f}".replace(".", ",") + f"{NBSP}%")
_WORDS = st.text("abcdefghijklmnopqrstuvwxyzæøå–", min_size=1, max_size=14)
_CELLS = st.one_of(_NUMBERS, _PERCENTS, st.lists(_WORDS, min_size=1, max_size=4).map(" ".join))


def _needed(table: Table, size: float) -> list[float]:
    """Each column's widest piece between spaces at ``size``, with the cell padding."""
    bold = CELL.fontName.replace("normal", "bold")
    return [
        max(
            pdfmetrics.stringWidth(piece, font, size) + 2 * CELL_PAD
            for text, font in [
                (table.header[i], bold),
                *((row[i], CELL.fontName) for row in table.rows),
            ]
            for piece in text.split(" ")
        )
        for i in range(len(table.header))
    ]


@settings(max_examples=150, deadline=None)
@given(data=st.data(), columns=st.integers(1, 7), total=st.floats(100, 600))
def test_columns_never_break_a_number(data, columns, total):
    """B07: whatever the cells and the text width, a table is set with every number (and
    word) whole in its column, in a smaller type if need be, or refused with a message."""
    header = tuple(data.draw(st.lists(_CELLS, min_size=columns, max_size=columns)))
    rows = data.draw(st.lists(st.tuples(*[_CELLS] * columns), min_size=1, max_size=5))
    table = Table(header, tuple(rows), "Tabell 1", "")
    try:
        size, widths = fit_table(table, CELL, total, Theme())
    except TemplateError as error:
        assert error.message.startswith("theme.toml: Tabell 1: its columns need more than the")
        assert sum(_needed(table, MIN_CELL_PT)) + 2 * columns > total  # 2 pt slack a column
        return
    assert sum(widths) == pytest.approx(total)
    assert MIN_CELL_PT <= size <= CELL.fontSize and (size == CELL.fontSize or size * 2 % 1 == 0)
    assert all(n <= w + 1e-9 for n, w in zip(_needed(table, size), widths, strict=True))


def test_a_table_keeps_its_size_while_its_words_and_numbers_fit():
    table = Table(("Fylke", "Brukere"), (("Østfold", f"1{NBSP}638"),), "Tabell 1", "")
    assert fit_table(table, CELL, 90.0, Theme())[0] == CELL.fontSize
    assert [fit_table(table, CELL, total, Theme())[0] for total in (80.0, 70.0)] == [8.0, 6.5]
    with pytest.raises(TemplateError, match="more than the 2.1 cm between the margins"):
        fit_table(table, CELL, 60.0, Theme())


def test_running_texts_keep_the_house_size_where_they_fit():
    assert running_sizes(Theme(footer_text="Landsdekkende tilbud · 2019")) == (8.61, 8.61)


def test_running_texts_that_do_not_fit_are_set_smaller_by_half_points():
    long = "Landsdekkende tilbud om karriereveiledning · " * 3
    header, footer = running_sizes(Theme(header_text=long, footer_text=long, font_size_pt=24))
    assert (header, footer) == (7.0, 6.5)


def test_a_page_number_format_too_long_for_the_page_is_refused():
    with pytest.raises(TemplateError, match="page_number_format: the page number need"):
        running_sizes(Theme(page_number_format="Side {page} av {pages} " * 20))


def test_the_logo_stays_within_the_text_area(tmp_path: Path):
    wide, tall = tmp_path / "wide.png", tmp_path / "tall.png"
    Image.new("RGB", (1600, 300)).save(wide)
    Image.new("RGB", (100, 1000)).save(tall)
    assert logo_width_cm(Theme(logo=wide, logo_width_cm=4.0)) == 4.0
    narrow = Theme(logo=wide, logo_width_cm=16.0, margin_left_cm=6.0, margin_right_cm=6.0)
    assert logo_width_cm(narrow) == pytest.approx(9.0)
    # 4 cm wide would be 40 cm tall: half of the 24.7 cm text height at most
    assert logo_width_cm(Theme(logo=tall, logo_width_cm=4.0)) == pytest.approx(24.7 / 2 / 10)
