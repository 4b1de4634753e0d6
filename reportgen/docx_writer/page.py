"""Page of the DOCX writer: paper size, margins, header and footer with page-number fields."""

from __future__ import annotations

import re

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Length, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from reportgen.docx_writer.package import clean
from reportgen.errors import TemplateError
from reportgen.theme import Theme
from reportgen.theme.fit import RUNNING_SIZE, running_sizes

_PAGE_SIZES = {"A4": (Cm(21), Cm(29.7)), "LETTER": (Inches(8.5), Inches(11))}
_FIELD_PLACEHOLDER = re.compile(r"(\{page\}|\{pages\})")


def set_up_page(document: Document, theme: Theme) -> None:
    """Paper size (portrait) and margins from the theme."""
    size = _PAGE_SIZES.get(theme.page_size.upper())
    if size is None:
        raise TemplateError(f"unknown page size '{theme.page_size}'", fix='use "A4" or "Letter"')
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = size
    section.top_margin, section.bottom_margin = Cm(theme.margin_top_cm), Cm(theme.margin_bottom_cm)
    section.left_margin, section.right_margin = Cm(theme.margin_left_cm), Cm(theme.margin_right_cm)
    _current_word(document)


def _current_word(document: Document) -> None:
    """Word 2013+ layout (compatibility mode 15) instead of python-docx's Word 2010 mode, in
    which tables stand out of the text margin by their cell padding."""
    for setting in document.settings.element.xpath(
        './/w:compatSetting[@w:name="compatibilityMode"]'
    ):
        setting.set(qn("w:val"), "15")


def text_width(document: Document) -> Length:
    """Page width less the left and right margins."""
    section = document.sections[0]
    width, left, right = section.page_width, section.left_margin, section.right_margin
    assert width is not None and left is not None and right is not None  # set by page_setup
    return Length(width - left - right)


def write_header_footer(document: Document, theme: Theme) -> None:
    """Footer: footer text, then the page number right-aligned; header text if any; each
    in the Footer and Header styles' size, or in the smaller one ``fit.running_sizes``
    chose so it fits the text width (as in the PDF)."""
    header_size, footer_size = running_sizes(theme)
    house = theme.font_size_pt * RUNNING_SIZE
    section = document.sections[0]
    section.different_first_page_header_footer = False
    for part in (section.header, section.footer):
        part.is_linked_to_previous = True  # drops any header/footer of the reference document
    section.footer.is_linked_to_previous = False
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    _right_tab_only(footer, text_width(document))
    footer.add_run(clean(theme.footer_text) + "\t")
    for piece in _FIELD_PLACEHOLDER.split(theme.page_number_format):
        if piece in ("{page}", "{pages}"):
            _add_field(footer, "PAGE" if piece == "{page}" else "NUMPAGES")
        elif piece:
            footer.add_run(clean(piece))
    _set_size(footer, footer_size, house)
    if theme.header_text:
        section.header.is_linked_to_previous = False
        header = section.header.paragraphs[0]
        header.style = document.styles["Header"]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        header.add_run(clean(theme.header_text))
        _set_size(header, header_size, house)


def _set_size(paragraph: DocxParagraph, size: float, house: float) -> None:
    """Every run of ``paragraph`` in ``size`` points if that is below the ``house`` size."""
    if size < house:
        for run in paragraph.runs:
            run.font.size = Pt(size)


def _right_tab_only(paragraph: DocxParagraph, position: Length) -> None:
    """Clear the style's tab stops on this paragraph and set one right tab at ``position``."""
    stops = paragraph.paragraph_format.tab_stops
    style = paragraph.style
    inherited_stops = style.paragraph_format.tab_stops if style is not None else []
    for inherited in inherited_stops:
        stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(position, WD_TAB_ALIGNMENT.RIGHT)


def _add_field(paragraph: DocxParagraph, instruction: str) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``) with "1" as its cached result."""
    _add_field_char(paragraph, "begin")
    code = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    _add_field_char(paragraph, "separate")
    paragraph.add_run("1")
    _add_field_char(paragraph, "end")


def _add_field_char(paragraph: DocxParagraph, kind: str) -> None:
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))
