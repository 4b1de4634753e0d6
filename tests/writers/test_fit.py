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


def _needed(table: Table, size: float, *, words: bool) -> list[float]:
    """Each column's widest piece between spaces at ``size``, with the cell padding: of
    the header's words and the cells' numbers, and with ``words`` the cells' words too."""
    bold = CELL.fontName.replace("normal", "bold")
    return [
        max(
            [pdfmetrics.stringWidth(p, bold, size) for p in table.header[i].split(" ")]
            + [
                pdfmetrics.stringWidth(p, CELL.fontName, size)
                for row in table.rows
                for p in row[i].split(" ")
                if words or any(c.isdigit() for c in p) or not any(c.isalpha() for c in p)
            ]
        )
        + 2 * CELL_PAD
        for i in range(len(table.header))
    ]


@settings(max_examples=150, deadline=None)
@given(data=st.data(), columns=st.integers(1, 7), total=st.floats(100, 600))
def test_columns_never_break_a_number(data, columns, total):
    """B07: whatever the cells and the text width, a table is set with every number (and
    word, if some size lets them all fit) whole in its column, in a smaller type if need
    be, or refused with a message."""
    header = tuple(data.draw(st.lists(_CELLS, min_size=columns, max_size=columns)))
    rows = data.draw(st.lists(st.tuples(*[_CELLS] * columns), min_size=1, max_size=5))
    table = Table(header, tuple(rows), "Tabell 1", "")
    slack = 2 * columns  # 2 pt a column
    try:
        size, widths = fit_table(table, CELL, total, Theme())
    except TemplateError as error:
        assert error.message.startswith("theme.toml: Tabell 1: its columns need more than the")
        assert sum(_needed(table, MIN_CELL_PT, words=False)) + slack > total
        return
    assert sum(widths) == pytest.approx(total)
    assert MIN_CELL_PT <= size <= CELL.fontSize and (size == CELL.fontSize or size * 2 % 1 == 0)
    fits = [
        all(n <= w + 1e-9 for n, w in zip(_needed(table, size, words=words), widths))
        for words in (False, True)
    ]
    assert fits[0]
    assert fits[1] or sum(_needed(table, MIN_CELL_PT, words=True)) + slack > total


def test_a_table_is_set_smaller_so_its_words_and_numbers_stay_whole():
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
    with pytest.raises(TemplateError, match="page_number_format: the page number needs more"):
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


def test_a_word_longer_than_any_column_may_break_but_numbers_stay_whole():
    """A word from the data that no size fits between the margins is no reason to refuse
    the memo or to shrink the table: the word breaks, the numbers do not."""
    table = Table(("Senter", "Unike brukere"), (("x" * 400, f"1{NBSP}186"),), "Tabell 1", "")
    size, widths = fit_table(table, CELL, 16 * 72 / 2.54, Theme())
    assert size == CELL.fontSize and widths[1] >= _needed(table, size, words=False)[1]
