"""Text longer than a page, in one word, never stops the PDF writer (reportlab's
LayoutError): a heading, a caption, a table cell, a list item and a paragraph break where
they must, and every letter is printed (issue 25, B28)."""

from __future__ import annotations

import re

import pytest
from printing import write_pdf
from pypdf import PdfReader
from reportlab.platypus import Frame
from reportlab.platypus.doctemplate import NullActionFlowable

from reportgen import model as m
from reportgen.pdf_writer.keep import BreakingItem, KeepWithNext, RowBreakingTable
from reportgen.pdf_writer.styles import build_styles
from reportgen.pdf_writer.tagged import TaggedList, TaggedParagraph
from reportgen.theme import Theme

WORD = "Porsáŋgu" * 900  # 7 200 letters without a space: more than a page in any place


def _letters(path) -> str:
    """The PDF's text without spaces, line breaks, page numbers and the table's head and
    number (drawn beside the word, so read in between its letters)."""
    text = "".join("".join(page.extract_text().split()) for page in PdfReader(path).pages)
    return re.sub(r"Side\d+av\d+|SenterBrukere|tolv", "", text)


def _table(cell: str, caption: str = "Sentre") -> m.Table:
    return m.Table(("Senter", "Brukere"), ((cell, "tolv"),), "Tabell 1", caption, ("left", "right"))


@pytest.mark.parametrize(
    "blocks",
    [
        (m.Heading(2, WORD), m.Paragraph((m.Run("Tekst."),))),
        (m.Heading(2, WORD), _table("Bodø")),  # a heading before a small table
        (m.Heading(2, "Sentre"), _table("Bodø", caption=WORD)),
        (_table(WORD),),
        (m.BulletList(((m.Run(WORD),), (m.Run("Neste punkt"),))),),
        (m.Paragraph((m.Run(f"Avsnitt {WORD} slutt."),)),),
    ],
    ids=["heading", "heading-table", "caption", "cell", "list-item", "paragraph"],
)
def test_a_word_longer_than_a_page_is_broken_not_an_error(tmp_path, blocks):
    memo = m.Memo(m.Metadata(title="Lange ord"), blocks)
    path = write_pdf(memo, Theme(), tmp_path / "long.pdf")
    assert len(PdfReader(path).pages) >= 2
    assert WORD in _letters(path)


def _at_top(flowable, width: float, height: float) -> None:
    """Put ``flowable`` at the top of an empty frame, as the doc template does on split."""
    frame = Frame(0, 0, width, height)
    flowable._frame, flowable.canv = frame, None
    assert frame._atTop


def test_a_list_item_one_line_taller_than_the_page_breaks_at_its_top():
    style = build_styles(Theme())["list_item"]
    text = TaggedParagraph(" ".join(["ord"] * 2000), style)
    item = TaggedList([text], leftIndent=16)._content[0]
    assert isinstance(item, BreakingItem)
    text.wrap(400 - 16, 10**6)
    height = (len(text.blPara.lines) - 1) * style.leading + 1  # all lines but the last fit
    _at_top(item, 400, height)
    parts = item.split(400, height)
    assert len(parts) == 2 and all(isinstance(p, BreakingItem) for p in parts)
    del item._frame
    # below other text it splits as Word's widow control does: two lines or more go on
    below = item.split(400, height)
    assert len(below) == 2
    rest = below[1]._content[0] if hasattr(below[1], "_content") else below[1]
    assert rest.wrap(400 - 16, 10**6)[1] >= 2 * style.leading


def test_a_table_row_taller_than_the_page_breaks_inside_at_its_top():
    style = build_styles(Theme())["cell"]
    cells = [[TaggedParagraph("Senter", style)], [TaggedParagraph(WORD, style)]]
    table = RowBreakingTable(cells, colWidths=[300], repeatRows=1)
    table.wrap(300, 10**6)
    assert table.split(300, 400) == []  # below other text it moves to the next page
    _at_top(table, 300, 400)
    parts = table.split(300, 400)
    assert len(parts) == 2 and all(isinstance(p, RowBreakingTable) for p in parts)


def test_a_kept_heading_taller_than_the_page_is_let_go_to_break():
    style = build_styles(Theme())["h2"]
    heading, text = TaggedParagraph(WORD, style), TaggedParagraph("Tekst.", style)
    group = KeepWithNext([heading, text])
    _at_top(group, 400, 300)
    parts = group.split(400, 300)
    assert isinstance(parts[0], NullActionFlowable) and parts[1:] == [heading, text]
    assert heading.getKeepWithNext() == 0  # the doc template does not group it again
