"""Write a Memo as a tagged PDF (PDF/UA-1 and PDF/A-2a) with reportlab platypus.

The document is laid out once; a canvas holds the finished pages and prints
"Side {page} av {pages}" on each when the total is known, then adds the structure tree
(``tagging``), the XMP metadata and the output intent (``archive``). reportlab's invariant
mode (fixed document id) plus dates taken from ``metadata.created`` make the output
byte-identical for the same memo and theme.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from io import BytesIO

from reportlab import rl_config
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfdoc import PDFObjectReference
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate
from reportlab.platypus.flowables import Flowable

from reportgen.model import Layout, Memo, Metadata, Paragraph, Table, printed
from reportgen.pdf_writer.canvas import NumberedCanvas
from reportgen.pdf_writer.flowables import Typesetter, block_flowables, title_block
from reportgen.pdf_writer.keep import FigureGroup, KeepWithNext
from reportgen.pdf_writer.laid import Laid
from reportgen.pdf_writer.pages import arranged
from reportgen.pdf_writer.styles import GREY, RULE_GREY, build_styles, page_size
from reportgen.pdf_writer.tagging import Marks, artifact, end
from reportgen.theme import Theme
from reportgen.theme.fit import running_sizes

CREATOR = "reportgen"
RUNNING = 0.8  # the running header and footer's size, of the body size (at most: ``fit``)
rl_config.useA85 = 0  # binary streams: ASCII85 in pure Python costs more than the charts


class _MemoDoc(BaseDocTemplate):
    """Doc template that bookmarks headings and draws the running header and footer."""

    def __init__(self, buffer: BytesIO, memo: Memo, theme: Theme) -> None:
        meta = memo.metadata
        super().__init__(buffer, **_doc_options(meta, theme), keepTogetherClass=KeepWithNext)
        self.theme, self.created = theme, meta.created
        self.styles = build_styles(theme)
        self.initialFontName = self.styles["body"].fontName  # keeps Helvetica out of the file
        house = self.styles["body"].fontSize * RUNNING
        self.running_sizes = [min(house, size) for size in running_sizes(theme)]
        self._outline_level = -1
        self._bookmarks = 0
        self.feet: dict[int, float] = {}  # page → the height left below its last flowable
        self.addPageTemplates(self._page_templates())

    def _page_templates(self) -> list[PageTemplate]:
        """The first page (footer only) and the rest (header and footer), one frame each."""
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        return [
            PageTemplate(
                "first", [frame], onPage=self._decorate_first, autoNextPageTemplate="rest"
            ),
            PageTemplate("rest", [frame], onPage=self._decorate),
        ]

    def beforeDocument(self) -> None:
        self.canv.showOutline()
        self.canv.setDateFormatter(_pdf_date_formatter(self.created))

    def afterFlowable(self, flowable: Flowable) -> None:
        frame = self.frame
        if frame is not None:  # None between a page's end and the next
            self.feet[self.page] = frame._y + frame._prevASpace - frame._y1p
        entry = getattr(flowable, "outline_entry", None)
        if entry is None:
            return
        text, level = entry
        level = min(level - 1, self._outline_level + 1)  # outlines may not skip a level
        self._outline_level, self._bookmarks = level, self._bookmarks + 1
        key = f"h{self._bookmarks}"
        top = self.frame._y + flowable.getSpaceAfter() + flowable.height
        destination = self.canv.bookmarkPage(key, fit="XYZ", top=top + 4)
        # the canvas holds pages back until the total is known, so reportlab's own page
        # counter still names page 1: name the page being laid out ("Page{n}", reportlab's)
        destination.setPage(PDFObjectReference(f"Page{self.canv.getPageNumber()}"))
        self.canv.addOutlineEntry(text, key, level=level, closed=False)

    def _decorate_first(self, canv: Canvas, _doc: BaseDocTemplate) -> None:
        canv.saveState()
        self._draw_footer(canv)
        canv.restoreState()

    def _decorate(self, canv: Canvas, _doc: BaseDocTemplate) -> None:
        canv.saveState()
        self._draw_header(canv)
        self._draw_footer(canv)
        canv.restoreState()

    def _draw_header(self, canv: Canvas) -> None:
        if not self.theme.header_text:
            return
        y = self.pagesize[1] - self.topMargin + 0.6 * cm
        self._small_text(canv, self.running_sizes[0])
        artifact(canv, "Pagination", "Header")
        canv.drawString(self.leftMargin, y + 4, self.theme.header_text)
        canv.line(self.leftMargin, y, self.leftMargin + self.width, y)
        end(canv)

    def _draw_footer(self, canv: Canvas) -> None:
        y = self.bottomMargin - 0.9 * cm
        self._small_text(canv, self.running_sizes[1])
        artifact(canv, "Pagination", "Footer")
        canv.line(self.leftMargin, y + 0.45 * cm, self.leftMargin + self.width, y + 0.45 * cm)
        if self.theme.footer_text:
            canv.drawString(self.leftMargin, y, self.theme.footer_text)
        end(canv)
        canv.page_number_at = (self.leftMargin + self.width, y)
        canv.page_number_format = self.theme.page_number_format
        canv.page_number_font = (canv._fontname, canv._fontsize)

    def _small_text(self, canv: Canvas, size: float) -> None:
        canv.setFont(self.styles["body"].fontName, size)
        canv.setFillColor(GREY)
        canv.setStrokeColor(RULE_GREY)
        canv.setLineWidth(0.4)


def _doc_options(meta: Metadata, theme: Theme) -> dict:
    """Page size, margins and document properties for reportlab's doc template."""
    return {
        "pagesize": page_size(theme),
        "invariant": 1,
        "lang": meta.language,
        "leftMargin": theme.margin_left_cm * cm,
        "rightMargin": theme.margin_right_cm * cm,
        "topMargin": theme.margin_top_cm * cm,
        "bottomMargin": theme.margin_bottom_cm * cm,
        "title": meta.title.replace("\u00a0", " "),  # no-break spaces only on the page
        "author": meta.authors or meta.publisher,
        "subject": meta.subject,
        "keywords": ", ".join(meta.keywords),
        "creator": CREATOR,
        "displayDocTitle": True,
    }


def _pdf_date_formatter(created: datetime):
    """A reportlab date formatter that prints ``created`` as a PDF date in UTC."""
    stamp = created.replace(tzinfo=created.tzinfo or UTC).astimezone(UTC)
    text = stamp.strftime("D:%Y%m%d%H%M%S+00'00'")
    return lambda *_: text


def lay_out(memo: Memo, theme: Theme) -> Layout:
    """Decide the print edition's Layout: ``memo`` at the house sizes, its blocks placed
    so that no page is left with a hole before more text and the last page holds more
    than the closing section, where moving a figure or loosening a keep can do that
    (``pages.arranged``). The layouts tried are measured, not drawn. Both the PDF and the
    DOCX are rendered from the result."""
    typeset: dict = {}  # each paragraph parsed and broken once for all the layouts tried
    laid = arranged(
        Layout(), lambda layout: _layout(memo, theme, layout, typeset, measuring=True), memo.blocks
    )
    _typeset[:] = [memo, theme, typeset]
    return laid.layout


def render_pdf(memo: Memo, theme: Theme, layout: Layout) -> bytes:
    """``memo`` as PDF bytes, its blocks placed as ``layout`` (from ``lay_out``) says, so
    its pages break where ``layout`` says; page totals are added at the end."""
    kept, _typeset[:] = list(_typeset), []
    typeset = kept[2] if kept and kept[0] is memo and kept[1] is theme else {}
    laid = _layout(memo, theme, layout, typeset, measuring=False)
    laid.doc.canv.save()  # numbered, tagged and written out
    return laid.buffer.getvalue()


# The paragraphs ``lay_out`` parsed and broke into lines, for rendering the same memo and
# theme next (as ``formats.render_print`` does): a cache, the same bytes without it.
_typeset: list = []


def _layout(memo: Memo, theme: Theme, seed: Layout, typeset: dict, *, measuring: bool) -> Laid:
    """The memo laid out in ``seed``'s order, with its keeps, but not yet saved
    (``doc.canv.save()`` writes it into the buffer): its Layout and its pages. ``typeset``
    holds the paragraphs parsed and broken, shared by the layouts of one memo and theme;
    ``measuring`` lays the pages out without drawing them (they cannot be saved)."""
    buffer = BytesIO()
    doc, marks, meta = _MemoDoc(buffer, memo, theme), Marks(), memo.metadata
    lay = Typesetter(theme, doc.styles, doc.width, doc.height, marks.root, typeset)
    lay.languages = memo.name_languages
    story, spans = _story(memo, seed, lay)
    settings = {
        "marks": marks,
        "language": meta.language,
        "created": meta.created,
        "measuring": measuring,
    }
    doc._doSave = 0  # reportlab's switch: build without saving (see render_pdf)
    doc.build(story, canvasmaker=type("_MemoCanvas", (NumberedCanvas,), settings))
    drawn = [(index, _pages(lay.root.kids[a:b])) for index, a, b in spans]
    _read_as_written(lay.root.kids, spans)
    tables = {i: lay.columns(b) for i, b in enumerate(memo.blocks) if isinstance(b, Table)}
    columns = {i: tuple(w / lay.width for w in widths) for i, (_, widths) in tables.items()}
    cell = lay.styles["cell"].fontSize
    sizes = {i: size for i, (size, _) in tables.items() if size < cell}
    layout = replace(seed, page_starts=_page_starts(drawn, memo.blocks), column_shares=columns)
    feet = [doc.feet.get(page, 0.0) for page in range(1, doc.page + 1)]
    return Laid(doc, buffer, replace(layout, table_sizes=sizes), drawn, feet)


def _story(memo: Memo, seed: Layout, lay: Typesetter) -> tuple[list, list]:
    """The flowables of ``memo`` in ``seed``'s order with their keeps, and for each block
    (index, first, end): the span of ``lay.root.kids`` its structure elements take."""
    story, spans = title_block(memo.metadata, lay), []
    kept = False
    for index, block, keep in printed(memo.blocks, seed):
        first = len(lay.root.kids)
        flowables = block_flowables(block, lay)
        spans.append((index, first, len(lay.root.kids)))
        group = story[-1]._content[-1] if isinstance(story[-1], KeepWithNext) else story[-1]
        if _is_note(block) and isinstance(group, FigureGroup):  # the note under its figure
            group._content[-1:-1] = flowables
            kept = False
            continue
        if kept and isinstance(flowables[0], KeepTogether):  # reportlab's keepWithNext
            flowables[0] = _kept(story.pop(-2), story.pop(), flowables[0])  # skips these
        kept = keep and isinstance(block, Paragraph)  # a figure keeps its note by holding it
        if kept:
            flowables[-1].keepWithNext = 1
        story += flowables
    return story, spans


def _read_as_written(kids: list, spans: list[tuple[int, int, int]]) -> None:
    """Put the structure elements of the blocks (``kids[a:b]`` for each span (index, a,
    b), in print order) back in the order of the memo, so a figure that waited for the
    next page is read where it was written."""
    start = spans[0][1] if spans else len(kids)
    kids[start:] = [kid for _, a, b in sorted(spans) for kid in kids[a:b]]


def _is_note(block: object) -> bool:
    return isinstance(block, Paragraph) and block.style == "note"


def _pages(nodes: list) -> list[int]:
    """The pages (index from 0) on which the elements ``nodes`` and their kids are drawn."""
    found: list[int] = []
    for kid in nodes:
        found += [kid[0]] if isinstance(kid, tuple) else _pages(kid.kids)
    return found


def _page_starts(drawn: list[tuple[int, list[int]]], blocks: tuple) -> tuple[int, ...]:
    """Indices of the blocks (in print order, with the pages they are drawn on) whose first
    page comes after the last page of the block printed before; and the paragraph that
    runs on to the last page, if that page begins inside one (the DOCX then starts the
    page with it whole, so a word processor sets the memo on as many pages)."""
    starts, last = [], 0
    for index, pages in drawn:
        if pages and min(pages) > last:
            starts.append(index)
        last = max([last, *pages])
    final = [index for index, pages in drawn if pages and max(pages) == last]
    if final and final[0] not in starts and isinstance(blocks[final[0]], Paragraph):
        starts.append(final[0])
    return tuple(starts)


def _kept(heading: Flowable, sentence: Flowable, chart: Flowable) -> KeepWithNext:
    """A heading, its first sentence and the figure (or small table) after it as one group
    that moves to the next page whole when the figure does not fit beside them."""
    for flowable in (heading, sentence):
        flowable.__dict__["keepWithNext"] = 0  # as reportlab does inside its own groups
    return KeepWithNext([heading, sentence, chart])
