"""The Sami and Kven forms of a county's name marked with their language in the DOCX
(``w:lang`` on the run, ECMA-376 17.3.2.20), as the HTML marks them with ``lang``, so a
screen reader or a spelling checker takes «Romsa» as North Sami, not as Norwegian."""

from __future__ import annotations

import copy

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reportgen.compose.web import forms_after_dash


def mark_names(document: Document, languages: dict[str, str]) -> None:
    """Put each form of ``languages`` (form → BCP 47 tag, ``Memo.name_languages``) that
    follows an en dash and a space in a run of its own with ``w:lang`` set to its tag:
    in the body, the headers and the footers."""
    if not languages:
        return
    found = forms_after_dash(languages)
    parts = [document.element.body]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header):
            if not part.is_linked_to_previous:
                parts.append(part._element)
    for part in parts:
        for run in list(part.iter(qn("w:r"))):
            if any(found.search(text.text or "") for text in run.iter(qn("w:t"))):
                _split(run, found, languages)


def _split(run, found, languages: dict[str, str]) -> None:
    """Replace ``run`` by runs with its properties, one per form found (with its
    language) and one per stretch of its content between them, in order."""
    properties = run.find(qn("w:rPr"))
    pieces: list[tuple[list, str | None]] = [([], None)]
    for child in run:
        if child.tag == qn("w:rPr"):
            continue
        if child.tag != qn("w:t"):
            pieces[-1][0].append(child)
            continue
        at = 0
        for match in found.finditer(child.text or ""):
            pieces += [
                ([_text(child.text[at : match.start()])], None),
                ([_text(match[1])], languages[match[1]]),
                ([], None),
            ]
            at = match.end()
        pieces[-1][0].append(_text(child.text[at:]))
    for content, language in pieces:
        if any(c.tag != qn("w:t") or c.text for c in content):
            run.addprevious(_run(properties, content, language))
    run.getparent().remove(run)


def _text(text: str):
    element = OxmlElement("w:t")
    element.text = text
    element.set(qn("xml:space"), "preserve")
    return element


def _run(properties, content: list, language: str | None):
    """A ``w:r`` with a copy of ``properties`` (``w:rPr`` or None), ``w:lang`` set to
    ``language`` if given, and ``content``."""
    run = OxmlElement("w:r")
    rpr = copy.deepcopy(properties) if properties is not None else OxmlElement("w:rPr")
    if language:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), language)
    if len(rpr):
        run.append(rpr)
    run.extend(content)
    return run
