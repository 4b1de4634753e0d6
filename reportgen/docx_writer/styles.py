"""Word styles for the DOCX writer: make sure each style it uses exists and wears the theme.

A reference document may lack a style (or name it in another language); missing styles are
added based on Normal with the house formatting below, so the writer never meets a KeyError.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from docx.styles import BabelFish
from docx.styles.style import BaseStyle

from reportgen.docx_writer.oxml import ensure_list_numbering
from reportgen.errors import TemplateError
from reportgen.theme import ROLES, Theme, leading, role_colour

TABLE_STYLE = "Table Grid"
_BORDER = '<w:{0} w:val="{1}" w:sz="{2}" w:space="0" w:color="{3}"/>'
# The PDF's open table: strong rules at the top and bottom, thin grey rules between rows,
# no vertical lines (the colour of the strong rules is the theme's heading colour).
_EDGES = (
    ("top", 8, ""),
    ("left", 0, ""),
    ("bottom", 8, ""),
    ("right", 0, ""),
    ("insideH", 2, "B3B3B3"),
    ("insideV", 0, ""),
)
_LIST_STYLES = ("List Bullet", "List Number")
_AFTER_CONTEXTUAL = (
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:rPr",
)
# What follows w:tblBorders in a style's w:tblPr (CT_TblPrBase is a sequence: w:tblStyle …
# w:tblInd come before it)
_AFTER_TBL_BORDERS = (
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)


@dataclass(frozen=True)
class StyleSpec:
    """A Word paragraph style and the house role (``theme.ROLES``) it takes its looks from;
    ``outline`` is the heading's outline level, ``builtin`` whether Word knows the style."""

    name: str
    role: str
    outline: int | None = None
    builtin: bool = True


STYLE_SPECS = (
    StyleSpec("Normal", "body"),
    StyleSpec("Series", "series", builtin=False),
    StyleSpec("Title", "title"),
    StyleSpec("Subtitle", "subtitle"),
    StyleSpec("Heading 1", "h1", outline=0),
    StyleSpec("Heading 2", "h2", outline=1),
    StyleSpec("Heading 3", "h3", outline=2),
    StyleSpec("Lead", "lead", builtin=False),
    StyleSpec("List Bullet", "body"),  # items sit tight: contextual spacing
    StyleSpec("List Number", "body"),
    StyleSpec("Caption", "caption"),
    StyleSpec("Note", "note", builtin=False),
    StyleSpec("Quote", "body"),  # indented and in italics by the writer
    StyleSpec("Table Text", "cell", builtin=False),
    StyleSpec("Header", "small"),
    StyleSpec("Footer", "small"),
)


def ensure_styles(
    document: Document, theme: Theme, language: str, spacing: float, *, house: bool
) -> None:
    """Add missing styles and apply the theme; ``house`` re-formats existing styles too.
    Every style's space before and after is the house's times ``spacing`` (the layout's),
    whatever the reference document says, so the DOCX keeps the PDF's pages."""
    for spec in STYLE_SPECS:
        style, added = _get_or_add(
            document, spec.name, WD_STYLE_TYPE.PARAGRAPH, builtin=spec.builtin
        )
        if added or house:
            _format(style, spec, theme)
        _space(style, spec, theme, spacing)
        _apply_theme(style, spec, theme, frozenset() if added else theme.docx_from_reference)
    table_style, added = _get_or_add(document, TABLE_STYLE, WD_STYLE_TYPE.TABLE, builtin=True)
    if added or house:
        _set_table_borders(table_style, theme.heading_colour.lstrip("#").upper())
    ensure_list_numbering(document)
    _set_doc_defaults(document, theme, language)


def _get_or_add(
    document: Document, name: str, kind: WD_STYLE_TYPE, *, builtin: bool
) -> tuple[BaseStyle, bool]:
    """The style called ``name``, adopting one with the English style id, else a new one."""
    styles = document.styles
    if name not in styles:
        element = styles.element.get_by_id(name.replace(" ", ""))
        if element is not None and element.type == kind:
            element.name_val = BabelFish.ui2internal(name)
    if name in styles:
        style = styles[name]
        if style.type != kind:
            raise TemplateError(
                f"style '{name}' has the wrong type ({style.type})",
                fix=f"rename or delete the style '{name}' in the reference document",
            )
        return style, False
    style = styles.add_style(name, kind, builtin=builtin)
    if kind == WD_STYLE_TYPE.PARAGRAPH and name != "Normal":
        style.base_style = styles["Normal"]
        style.quick_style = True
    return style, True


def _format(style: Any, spec: StyleSpec, theme: Theme) -> None:
    """House formatting: size, weight and spacing."""
    role = ROLES[spec.role]
    size = round(theme.font_size_pt * role.size * 2) / 2
    style.font.size = Pt(size)
    style.font.bold = role.bold
    style.font.italic = False
    fmt = style.paragraph_format
    fmt.line_spacing = Pt(size * leading(spec.role, role))  # exact, as the PDF's leading
    fmt.keep_with_next = True if spec.outline is not None else None
    r_pr = style.element.get_or_add_rPr()
    for spacing in r_pr.findall(qn("w:spacing")):  # Word's Subtitle is letter-spaced
        r_pr.remove(spacing)
    p_pr = style.element.get_or_add_pPr()
    for border in p_pr.findall(qn("w:pBdr")):
        p_pr.remove(border)
    if spec.name not in _LIST_STYLES:
        p_pr._remove_numPr()


def _space(style: Any, spec: StyleSpec, theme: Theme, spacing: float) -> None:
    """The space before and after the paragraphs of ``style``: the house role's times
    ``spacing``; list items sit a quarter line apart, as in the PDF."""
    role, fmt = ROLES[spec.role], style.paragraph_format
    fmt.space_before = Pt(role.before * spacing)
    fmt.space_after = Pt(role.after * spacing)
    if spec.name in _LIST_STYLES:
        fmt.space_after = Pt(theme.font_size_pt / 4)


_COLOUR_FIELDS = {"text": "text_colour", "heading": "heading_colour"}


def _apply_theme(style: Any, spec: StyleSpec, theme: Theme, keep: frozenset[str]) -> None:
    """Font family, colour, outline level and (for Normal) body size from the theme, except
    what ``keep`` names (Theme fields the user's own reference document decides)."""
    if "font_name" not in keep:
        set_font(style.element.get_or_add_rPr(), theme.font_name)
    role = ROLES[spec.role]
    if _COLOUR_FIELDS.get(role.colour) not in keep:
        colour = role_colour(theme, role)
        style.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
    if spec.outline is not None:
        style.element.get_or_add_pPr().get_or_add_outlineLvl().val = spec.outline
    if spec.name == "Normal" and "font_size_pt" not in keep:
        style.font.size = Pt(theme.font_size_pt)


def set_font(r_pr, name: str) -> None:
    """Use ``name`` for all four scripts, dropping theme-font references that would win."""
    fonts = r_pr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)


def _set_table_borders(style: BaseStyle, strong: str) -> None:
    """The PDF's rules: ``strong`` ("RRGGBB") at top and bottom, thin grey between rows."""
    tbl_pr = style.element.find(qn("w:tblPr"))
    if tbl_pr is None:
        tbl_pr = OxmlElement("w:tblPr")
        style.element.insert_element_before(tbl_pr, "w:trPr", "w:tcPr", "w:tblStylePr")
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    borders = "".join(
        _BORDER.format(edge, "single" if size else "nil", size, colour or strong)
        for edge, size, colour in _EDGES
    )
    tbl_pr.insert_element_before(
        parse_xml(f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>"), *_AFTER_TBL_BORDERS
    )


def _set_doc_defaults(document: Document, theme: Theme, language: str) -> None:
    """Default font, size and proofing language; style-level languages are removed."""
    root = document.styles.element
    defaults = _child(root, "w:docDefaults", first=True)
    r_pr = _child(_child(defaults, "w:rPrDefault", first=True), "w:rPr")
    if "font_name" not in theme.docx_from_reference:
        set_font(r_pr, theme.font_name)
    if "font_size_pt" not in theme.docx_from_reference:
        r_pr.sz_val = Pt(theme.font_size_pt)
    for lang in root.xpath(".//w:lang"):
        lang.getparent().remove(lang)
    lang = OxmlElement(
        "w:lang", {qn("w:val"): language, qn("w:eastAsia"): language, qn("w:bidi"): language}
    )
    r_pr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _child(parent, tag: str, *, first: bool = False):
    """The ``tag`` child of ``parent``, created (as first or last child) when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert(0, found) if first else parent.append(found)
    return found
