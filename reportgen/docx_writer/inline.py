"""Inline text and quotations for the DOCX writer: runs with emphasis, hyperlinks, quotes."""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph as DocxParagraph

from reportgen.docx_writer.oxml import add_styled
from reportgen.docx_writer.package import clean
from reportgen.model import Quote, Run

LINK_COLOUR = "0563C1"  # Word's own colour for hyperlinks
QUOTE_INDENT = Cm(1.0)


def add_runs(paragraph: DocxParagraph, runs: tuple[Run, ...]) -> None:
    """Append ``runs`` to ``paragraph`` with their bold and italic flags; a run with a
    link becomes a real hyperlink (``w:hyperlink`` with an external relationship)."""
    for run in runs:
        if run.link:
            _add_link(paragraph, run)
            continue
        added = paragraph.add_run(clean(run.text))
        if run.bold:
            added.bold = True
        if run.italic:
            added.italic = True


def _add_link(paragraph: DocxParagraph, run: Run) -> None:
    rel_id = paragraph.part.relate_to(run.link, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink", {qn("r:id"): rel_id})
    r = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    for tag, on in (("w:b", run.bold), ("w:i", run.italic)):
        if on:
            r_pr.append(OxmlElement(tag))
    r_pr.append(OxmlElement("w:color", {qn("w:val"): LINK_COLOUR}))
    r_pr.append(OxmlElement("w:u", {qn("w:val"): "single"}))
    text = OxmlElement("w:t", {qn("xml:space"): "preserve"})
    text.text = clean(run.text)
    r.append(r_pr)
    r.append(text)
    link.append(r)
    paragraph._p.append(link)


def add_quote(document: Document, quote: Quote) -> None:
    """The quotation in Word's "Quote" style, indented and in italics, then "– who"."""
    for runs in quote.paragraphs:
        paragraph = add_styled(document, "Quote")
        paragraph.paragraph_format.left_indent = QUOTE_INDENT
        add_runs(paragraph, tuple(Run(r.text, r.bold, not r.italic, r.link) for r in runs))
    if quote.attribution:
        paragraph = add_styled(document, "Quote", clean(f"– {quote.attribution}"))
        paragraph.paragraph_format.left_indent = QUOTE_INDENT
