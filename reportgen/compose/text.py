"""The reader-facing text of a memo without drawing its charts or writing any file.

Used by the language checks (spelling, sentence rules) and by the sentence-pattern
benchmark: the same template, findings and tables as ``pipeline.build_memo``, so the text
is exactly what the DOCX and PDF print (headings, paragraphs, bullets, captions, alt
texts, table cells and notes).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.compose import tables
from reportgen.compose.compose import Context, draft
from reportgen.compose.markdown import ImageRef, TableRef, TextTable
from reportgen.config import Settings, build_time
from reportgen.dataset.load import Dataset
from reportgen.files import SearchPath
from reportgen.findings.compute import compute
from reportgen.findings.values import Unit
from reportgen.language import get_language
from reportgen.model import BulletList, Heading, Paragraph, Quote
from reportgen.pipeline import county_of, data_variables, default_language
from reportgen.theme import load_labels, load_theme


@dataclass(frozen=True)
class Item:
    """One piece of text: ``kind`` is meta (title, subtitle, publisher, subject), heading,
    paragraph, note, bullet, alt, caption or cell."""

    kind: str
    text: str


def memo_items(settings: Settings, dataset: Dataset, county: str | None = None) -> list[Item]:
    """The memo's text items in reading order (``settings.language`` None: the county's
    own målform). Raises ConfigError or TemplateError like ``build_memo``."""
    unit = Unit(county_of(dataset, settings.year, county)) if county else Unit()
    findings = compute(dataset, settings.year, unit, settings.threshold)
    lang = get_language(settings.language or default_language(dataset, county), settings.seven)
    search = SearchPath(settings.templates, county=county)
    labels = load_labels(search, lang.code)
    about = data_variables(settings.data, settings.year, lang.code, county)
    ctx = Context(search, lang, labels, load_theme(search), build_time(), about)
    kind = "national" if unit.is_country else "county"
    memo = draft(findings, f"{kind}.{lang.code}.md", ctx)
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
