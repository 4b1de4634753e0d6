"""List numbering for the DOCX writer: bullet and number definitions, restartable lists."""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.parts.numbering import NumberingPart
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph

_ABSTRACT = (
    '<w:abstractNum {ns} w:abstractNumId="{id}"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>'
    "</w:abstractNum>"
)
LIST_FORMATS = {"List Bullet": ("bullet", "\u2022"), "List Number": ("decimal", "%1.")}


def ensure_list_numbering(document: Document) -> None:
    """Give "List Bullet" and "List Number" a working numbering definition if they lack one."""
    numbering = _numbering(document)
    for name, (fmt, text) in LIST_FORMATS.items():
        style = document.styles[name]
        if _valid_num_id(numbering, style) is None:
            num_id = _add_definition(numbering, fmt, text)
            num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id


def restart_numbering(document: Document, style_name: str = "List Number") -> int:
    """A new numbering instance of the style's list that starts again at 1; returns its id."""
    numbering = _numbering(document)
    num = numbering.num_having_numId(_valid_num_id(numbering, document.styles[style_name]))
    restarted = numbering.add_num(num.abstractNumId.val)
    restarted.add_lvlOverride(ilvl=0).add_startOverride(1)
    return restarted.numId


def _valid_num_id(numbering, style: BaseStyle) -> int | None:
    """The style's numbering id if it points at an existing definition, else None."""
    p_pr = style.element.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    if num_pr is None or num_pr.numId is None:
        return None
    num_id = num_pr.numId.val
    return num_id if numbering.xpath(f"./w:num[@w:numId='{num_id}']") else None


def _add_definition(numbering, fmt: str, text: str) -> int:
    """Add a one-level abstract list definition plus an instance of it; return the instance id."""
    used = [int(i) for i in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    abstract_id = max(used, default=-1) + 1
    abstract = parse_xml(_ABSTRACT.format(ns=nsdecls("w"), id=abstract_id, fmt=fmt, text=text))
    numbering.insert_element_before(abstract, "w:num", "w:numIdMacAtCleanup")
    return numbering.add_num(abstract_id).numId


def _numbering(document: Document):
    """The numbering part's root element, creating the part when the document has none."""
    part = document.part
    try:
        return part.part_related_by(RT.NUMBERING).element  # type: ignore[attr-defined]
    except KeyError:
        root = parse_xml(f"<w:numbering {nsdecls('w')}/>")
        new = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, root, part.package)
        part.relate_to(new, RT.NUMBERING)
        return new.element


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
        document._style_ids = ids  # type: ignore[attr-defined]
    return ids[name]


def add_caption(document: Document, label: str, text: str) -> Paragraph:
    """A Caption paragraph "{label}: {text}" with the label in bold, as in the PDF."""
    paragraph = add_styled(document, "Caption")
    paragraph.add_run(f"{label}:").bold = True
    paragraph.add_run(f" {text}")
    return paragraph
