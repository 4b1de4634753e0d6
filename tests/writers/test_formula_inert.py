"""No text from the data acts in the outputs (issue 25, B1): in the XLSX no cell is a
formula and a text that looks like one keeps Excel's quote prefix; in the CSV files such a
text starts with an apostrophe (OWASP); numbers stay numbers («−4,3» is -4.3, not text);
in the HTML the text is escaped. Checked over generated names and texts."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from openpyxl import load_workbook

from reportgen import model as m
from reportgen.data_writer.csv_files import csv_files
from reportgen.data_writer.sheets import looks_like_formula
from reportgen.data_writer.xlsx import render_xlsx
from reportgen.html_writer.page import html_text
from reportgen.theme import Theme

WORDS = {"contents": "Innhold", "sheet": "Ark", "title": "Tittel"}
# Any text a cell can hold (XML 1.0 has no C0 controls but tab, line feed and CR), often
# starting as a formula, a DDE command or a signed number would.
STARTS = ["", "=", "+", "-", "@", "\t", "\r", '=HYPERLINK("http://evil.example","Oslo")']
LETTERS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[chr(c) for c in range(32) if chr(c) not in "\t\n\r"] + ["\ufffe"],
)
TEXTS = st.builds(
    lambda start, rest: (start + rest) or "x",
    st.sampled_from(STARTS),
    st.text(LETTERS, max_size=20).filter(lambda text: "\uffff" not in text),
)


def _memo(name: str, other: str) -> m.Memo:
    """A memo whose title, table head, cells, notes and text hold ``name`` and ``other``,
    beside numbers, signed ones too."""
    table = m.Table(
        header=(name, "Brukere", "Endring"),
        rows=((name, "1 638", "−4,3 %"), (other, ":", "+27,5 %")),
        label="Tabell 1",
        caption=other,
        align=("left", "right", "right"),
        notes=(name,),
        numbers=(
            (None, m.Number(1638), m.Number(-4.3, "signed_percent1")),
            (None, None, m.Number(27.5, "signed_percent1")),
        ),
        unit=other,
        source=name,
    )
    meta = m.Metadata(title=name, subtitle=other, created=datetime(2020, 1, 1, tzinfo=UTC))
    return m.Memo(meta, (m.Paragraph((m.Run(name),)), table), words=WORDS)


@settings(max_examples=25, deadline=None)
@given(TEXTS, TEXTS)
def test_no_text_becomes_a_formula_in_the_workbook(name, other):
    book = load_workbook(io.BytesIO(render_xlsx(_memo(name, other))))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = {c.value: c for c in cells if c.data_type == "s"}
    for text in (name, other):
        assert texts[text].quotePrefix == looks_like_formula(text)
    table = book["Tabell 1"]
    assert (table["B5"].value, table["C5"].value, table["C6"].value) == (1638, -4.3, 27.5)
    assert {table["B5"].data_type, table["C5"].data_type, table["C6"].data_type} == {"n"}


@settings(max_examples=60, deadline=None)
@given(TEXTS, TEXTS)
def test_no_csv_cell_starts_as_a_formula(name, other):
    (data,) = csv_files(_memo(name, other), "memo").values()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=";"))
    inert = [f"'{t}" if looks_like_formula(t) else t for t in (name, other)]
    assert rows == [
        [inert[0], "Brukere", "Endring"],
        [inert[0], "1638", "-4,3"],
        [inert[1], ":", "27,5"],
    ]
    assert not any(looks_like_formula(cell) for row in rows for cell in row[:1])


@settings(max_examples=60, deadline=None)
@given(TEXTS)
def test_html_shows_any_text_escaped(name):
    page = html_text(_memo(name, "Bodø"), Theme())
    main = page.split("<main>", 1)[1]
    assert f"<p>{escape(name)}</p>" in main
    assert f"<title>{escape(name)}</title>" in page
