"""The reader-facing text of a memo without drawing its charts or writing any file.

Used by the language checks (spelling, sentence rules) and by the sentence-pattern
benchmark (through ``recipe.memo_items``): the same template, findings and tables as a
built memo, so the text is exactly what the DOCX and PDF print (headings, paragraphs,
bullets, captions, alt texts, table cells and notes).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.compose import tables
from reportgen.compose.compose import Context, Draft
from reportgen.compose.markdown import ImageRef, TableRef, TextTable
from reportgen.model import BulletList, Heading, Paragraph, Quote


@dataclass(frozen=True)
class Item:
    """One piece of text: ``kind`` is meta (title, subtitle, publisher, subject), heading,
    paragraph, note, bullet, alt, caption or cell."""

    kind: str
    text: str


def draft_items(memo: Draft, findings, ctx: Context) -> list[Item]:
    """The text items of the rendered template ``memo`` in reading order: its front
    matter, then every block's text, the tables built from ``findings``."""
    keys = ("title", "subtitle", "publisher", "subject")
    items = [Item("meta", str(memo.front[k])) for k in keys if memo.front.get(k)]
    for block in memo.blocks:
        items.extend(_items(block, findings, ctx))
    return items


def _items(block, findings, ctx: Context) -> list[Item]:
    if isinstance(block, Heading):
        return [Item("heading", block.text)]
    if isinstance(block, Paragraph):
        text = "".join(run.text for run in block.runs)
        return [Item("note" if block.style == "note" else "paragraph", text)]
    if isinstance(block, Quote):
        quoted = ["".join(run.text for run in p) for p in block.paragraphs]
        return [Item("paragraph", t) for t in [*quoted, block.attribution] if t]
    if isinstance(block, TextTable):
        cells = [*block.header, *(cell for row in block.rows for cell in row)]
        return [Item("caption", block.caption), *(Item("cell", c) for c in cells)]
    if isinstance(block, BulletList):
        return [Item("bullet", "".join(run.text for run in item)) for item in block.items]
    if isinstance(block, ImageRef):
        return [Item("alt", block.alt), Item("caption", block.caption)]
    if isinstance(block, TableRef):
        header, rows, _, notes = tables.build(block.name, findings, ctx.labels, ctx.lang)
        cells = [*header, *(cell for row in rows for cell in row)]
        return [
            Item("caption", block.caption),
            *(Item("cell", c) for c in cells),
            *(Item("note", n) for n in notes),
        ]
    return []
