"""DOCX writer: lays out a :class:`~reportgen.model.Memo` as a Word document.

It only places what the model holds (text is final); looks come from the theme and from
the styles of the reference document. See ``docx_styles`` for the style names used.
"""

from __future__ import annotations

import zipfile
from dataclasses import replace
from functools import lru_cache
from io import BytesIO

import docx
from docx.document import Document
from docx.image.exceptions import UnrecognizedImageError
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt

from reportgen.docx_writer.inline import add_quote, add_runs
from reportgen.docx_writer.languages import mark_names
from reportgen.docx_writer.native_chart import add_chart
from reportgen.docx_writer.oxml import add_caption, add_styled, restart_numbering
from reportgen.docx_writer.package import clean, reproducible_zip, set_core_properties
from reportgen.docx_writer.page import set_up_page, text_width, write_header_footer
from reportgen.docx_writer.styles import ensure_styles
from reportgen.docx_writer.table import add_table
from reportgen.errors import TemplateError
from reportgen.model import (
    BulletList,
    Figure,
    Heading,
    Layout,
    Memo,
    Metadata,
    PageBreak,
    Paragraph,
    Quote,
    Table,
    printed,
)
from reportgen.theme import Theme, is_shipped
from reportgen.theme.fit import logo_width_cm

PARAGRAPH_STYLES = {"body": "Normal", "lead": "Lead", "note": "Note"}
# The DOCX breaks its pages where the PDF does, so it must never need more room than the
# PDF: Word and LibreOffice set a little more space around pictures and at page tops, so
# the DOCX takes a little less space between paragraphs and draws charts a little smaller.
DOCX_SPACING = 0.8
DOCX_FIGURES = 0.95


def render_docx(memo: Memo, theme: Theme, layout: Layout) -> bytes:
    """``memo`` as .docx bytes laid out as ``layout`` says (the PDF's: its order of blocks,
    page breaks and table columns); the same input gives the same bytes.
    Raises TemplateError for an unreadable reference document or logo."""
    looks = replace(theme, header_text="", footer_text="")  # what the base depends on
    document = docx.Document(BytesIO(_styled_base(looks, memo.metadata.language, DOCX_SPACING)))
    _write_front(document, memo.metadata, theme)
    _write_body(document, memo.blocks, theme, layout, memo.metadata)
    write_header_footer(document, theme)
    mark_names(document, memo.name_languages)
    set_core_properties(document, memo.metadata)
    buffer = BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue())


@lru_cache(maxsize=4)
def _styled_base(looks: Theme, language: str, spacing: float) -> bytes:
    """The emptied reference document with every style the writer uses and the page set up,
    paragraph spacing ``spacing`` times the house's: built once per process for each theme,
    language and spacing (a batch writes many memos)."""
    document = _open_base(looks)
    house = looks.reference_docx is None or is_shipped(looks.reference_docx)
    ensure_styles(document, looks, language, spacing, house=house)  # user's own: its styles
    set_up_page(document, looks)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _open_base(theme: Theme) -> Document:
    """The reference document emptied of content, or python-docx's default template."""
    if theme.reference_docx is None:
        return docx.Document()
    try:
        document = docx.Document(str(theme.reference_docx))
    except (PackageNotFoundError, ValueError, KeyError, zipfile.BadZipFile, OSError) as exc:
        raise TemplateError(
            f"cannot read the reference document ({exc})",
            file=theme.reference_docx,
            fix="save it as .docx from Word or LibreOffice",
        ) from exc
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    body.get_or_add_sectPr()
    return document


def _write_front(document: Document, meta: Metadata, theme: Theme) -> None:
    """Logo, series label, title, subtitle and the identity lines (one per line)."""
    if theme.logo is not None:
        try:
            width = Cm(logo_width_cm(theme))  # within the text area, as in the PDF
            _add_picture(document, theme.logo, width, meta.publisher or meta.title)
        except (OSError, UnrecognizedImageError) as exc:
            raise TemplateError(
                f"cannot use the logo ({exc})",
                file=theme.logo,
                fix="give a PNG or JPEG file, or remove 'logo'",
            ) from exc
    if meta.series:
        add_styled(document, "Series", clean(meta.series))
    add_styled(document, "Title", clean(meta.title))
    if meta.subtitle:
        add_styled(document, "Subtitle", clean(meta.subtitle))
    for value in meta.identity_lines():
        add_styled(document, "Note", clean(value))


def _write_body(
    document: Document, blocks: tuple, theme: Theme, layout: Layout, meta: Metadata
) -> None:
    """All blocks in the layout's order, a page begun where it begins one; a block stays
    on the page of the next where the layout keeps it there. A page break becomes
    "page break before" on the next block's first paragraph, so Word shows no stray empty
    line at the top of the new page."""
    body = document.element.body
    break_pending = False
    for position, (index, block, keep) in enumerate(printed(blocks, layout)):
        break_pending = break_pending or (position > 0 and index in layout.page_starts)
        if isinstance(block, PageBreak):
            break_pending = True
            continue
        first = len(body) - 1  # new content goes in before the closing w:sectPr
        _write_block(document, block, (theme, meta), layout, index)
        if keep:
            document.paragraphs[-1].paragraph_format.keep_with_next = True
        if break_pending and body[first].tag == qn("w:p"):
            body[first].get_or_add_pPr().pageBreakBefore_val = True
            break_pending = False
    if break_pending:
        document.add_page_break()


def _write_block(
    document: Document, block: object, looks: tuple[Theme, Metadata], layout: Layout, index: int
) -> None:
    theme, meta = looks
    match block:
        case Heading(level=level, text=text):
            add_styled(document, f"Heading {min(max(level, 1), 3)}", clean(text))
        case Paragraph(runs=runs, style=style):
            add_runs(add_styled(document, PARAGRAPH_STYLES.get(style, "Normal")), runs)
        case BulletList():
            _add_list(document, block)
        case Table():
            shares = layout.column_shares.get(index, ())
            size = layout.table_sizes.get(index)
            add_table(document, block, text_width(document), theme, shares, size)
        case Figure():
            _add_figure(document, block, DOCX_FIGURES, looks)
        case Quote():
            add_quote(document, block)
        case _:
            raise TypeError(f"the DOCX writer cannot lay out {type(block).__name__}")


def _add_list(document: Document, block: BulletList) -> None:
    """One paragraph per item in a list style; each ordered list restarts at 1."""
    style = "List Number" if block.ordered else "List Bullet"
    num_id = restart_numbering(document, style) if block.ordered else None
    for item in block.items:
        paragraph = add_styled(document, style)
        if num_id is not None:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id
        add_runs(paragraph, item)


def _add_figure(
    document: Document, figure: Figure, scale: float, looks: tuple[Theme, Metadata]
) -> None:
    """The figure at ``scale`` of its size (at most the text width): a native chart with
    its numbers inside where it has a ``spec`` and the theme asks for native charts (the
    default), else its picture; then its caption and source line."""
    theme, meta = looks
    width = min(Cm(figure.width_cm * scale), text_width(document))
    if figure.spec is not None and theme.docx_charts == "native":
        size = (width, Length(int(width * figure.height_cm / figure.width_cm)))
        paragraph = _figure_paragraph(document)
        add_chart(document, paragraph, figure, size, (theme, meta.language, meta.created))
    else:
        _add_picture(document, BytesIO(figure.png), width, figure.alt_text)
    caption = add_caption(document, clean(figure.label), clean(figure.caption))
    if figure.source_line:
        caption.paragraph_format.keep_with_next = True
        add_styled(document, "Note", clean(figure.source_line)).paragraph_format.space_after = Pt(8)


def _figure_paragraph(document: Document):
    """A paragraph for a picture or chart, kept with the caption that follows it."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.line_spacing = 1.0  # not Normal's exact spacing: it would crop
    return paragraph


def _add_picture(document: Document, source, width: Length, alt_text: str) -> None:
    """A picture in its own paragraph (kept with the caption), with alt text on ``wp:docPr``
    and no space around it (LibreOffice puts 0.32 cm on its left where ``wp:inline`` does
    not say, so a picture as wide as the text would stand out into the right margin)."""
    paragraph = _figure_paragraph(document)
    shape = paragraph.add_run().add_picture(
        source if isinstance(source, BytesIO) else str(source), width=width
    )
    for side in ("distT", "distB", "distL", "distR"):
        shape._inline.set(side, "0")
    shape._inline.docPr.set("descr", clean(alt_text))
    shape._inline.docPr.set("title", clean(alt_text))
