"""A styled paragraph without python-docx's style lookup, which scans every style in the
document for the default on each call (a third of the DOCX writer's time)."""

from __future__ import annotations

from docx.document import Document
from docx.text.paragraph import Paragraph


def add_styled(document: Document, style: str, text: str = "") -> Paragraph:
    """``document.add_paragraph(text, style=style)``, with the style id looked up once."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style_id(document, style)
    return paragraph


def style_id(document: Document, name: str) -> str:
    """The id of the style called ``name`` (cached on the document)."""
    ids = getattr(document, "_style_ids", None)
    if ids is None:
        ids = {s.name: s.style_id for s in document.styles}
        document._style_ids = ids
    return ids[name]
