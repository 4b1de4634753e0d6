"""The PDF's pagination carried over to the DOCX: where pages begin, how much a chart was
shrunk to fill a page, and the spacing the layout settled on, so both have the same pages."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from reportgen.model import Block, Figure, Memo, PageBreak

if TYPE_CHECKING:
    from reportgen.theme import Theme

# The DOCX breaks its pages where the PDF does, so it must never need more room than the
# PDF: Word and LibreOffice set a little more space around pictures and at page tops, so
# the DOCX takes a little less space between paragraphs and draws charts a little smaller.
DOCX_SPACING = 0.8
DOCX_FIGURES = 0.95


@dataclass(frozen=True)
class Pagination:
    """How the PDF laid the memo out: ``starts`` the indices of the blocks that begin a page;
    ``scales`` block index → the size a figure was drawn at (1.0: as made); ``spacing`` the
    factor on the space before and after paragraphs (below 1 when tightened so a short last
    page disappears); ``columns`` block index → a table's column widths as shares of the
    text width (the PDF measures them with the font's metrics)."""

    starts: tuple[int, ...] = ()
    scales: dict[int, float] = field(default_factory=dict)
    spacing: float = 1.0
    columns: dict[int, tuple[float, ...]] = field(default_factory=dict)  # a table's shares


def paginated(memo: Memo, pages: Pagination) -> Memo:
    """``memo`` for the DOCX: a PageBreak before each block that begins a PDF page (unless
    one is there) and each figure at the size the PDF drew it (times ``DOCX_FIGURES``)."""
    blocks: list[Block] = []
    for index, block in enumerate(memo.blocks):
        before = memo.blocks[index - 1] if index else None
        if index in pages.starts and index and not isinstance(before, PageBreak):
            blocks.append(PageBreak())
        scale = pages.scales.get(index, 1.0) * DOCX_FIGURES
        if isinstance(block, Figure):
            block = replace(
                block, width_cm=block.width_cm * scale, height_cm=block.height_cm * scale
            )
        blocks.append(block)
    return replace(memo, blocks=tuple(blocks))


def for_docx(memo: Memo, theme: Theme, pages: Pagination) -> tuple[Memo, Theme]:
    """The memo and theme the DOCX is written from: ``paginated`` and with the PDF's
    spacing times ``DOCX_SPACING``."""
    return paginated(memo, pages), replace(theme, spacing=pages.spacing * DOCX_SPACING)
