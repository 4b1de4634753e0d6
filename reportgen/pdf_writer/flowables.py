"""Turn memo model blocks into reportlab platypus flowables (layout only, no formatting)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import KeepTogether, ListItem, PageBreak, Spacer
from reportlab.platypus.flowables import Flowable

from reportgen import model
from reportgen.errors import TemplateError
from reportgen.pdf_writer.columns import fit_table, sized
from reportgen.pdf_writer.keep import FigureGroup
from reportgen.pdf_writer.languages import mark_forms
from reportgen.pdf_writer.png import png_flowable
from reportgen.pdf_writer.styles import colour, table_style
from reportgen.pdf_writer.tagged import (
    Rule,
    TaggedImage,
    TaggedList,
    TaggedParagraph,
    tagged_table,
)
from reportgen.pdf_writer.tagging import Node
from reportgen.theme import Theme
from reportgen.theme.fit import logo_width_cm

LINK_COLOUR = "0563C1"  # the colour Word gives hyperlinks, so both formats agree
SMALL_TABLE_ROWS = 6  # tables up to this many body rows are never split across pages;
# a longer one breaks between rows with its header repeated rather than leave a hole


class Typesetter:
    """What block conversion needs: the theme, the styles, the frame size in points and the
    structure element new elements are appended to (``root``, the Document); the Sami
    and Kven name forms to draw in their language (``languages``, form → BCP 47 tag)."""

    def __init__(
        self, theme: Theme, styles: dict, width: float, height: float, root: Node, typeset: dict
    ) -> None:
        self.theme, self.styles, self.width, self.height = theme, styles, width, height
        self.root, self.typeset = root, typeset
        self.languages: dict[str, str] = {}

    def paragraph(
        self, text: str, style: str, role: str = "P", parent: Node | None = None
    ) -> TaggedParagraph:
        """Mini-markup ``text`` in ``style``, a new ``role`` element of ``parent`` (the root
        if None)."""
        return self.tagged(text, self.styles[style], (parent or self.root).add(role))

    def tagged(self, text: str, style, node: Node, label: Node | None = None) -> TaggedParagraph:
        """Mini-markup ``text`` in the ParagraphStyle ``style`` as the content of ``node``,
        parsed and broken into lines once for all the layouts that share ``typeset``."""
        text = mark_forms(text, self.languages)
        return TaggedParagraph(text, style, node, label, self.typeset)

    def columns(self, block: model.Table) -> tuple[float, list[float]]:
        """``columns.fit_table`` of ``block`` in the cell style and the frame's width:
        its cell size and column widths in points, measured once for all the layouts
        that share ``typeset`` (the same memo and theme)."""
        key = ("columns", id(block), self.width)
        if key not in self.typeset:
            self.typeset[key] = fit_table(block, self.styles["cell"], self.width, self.theme)
        return self.typeset[key]


def markup(runs: tuple[model.Run, ...]) -> str:
    """Runs as reportlab paragraph mini-markup; text is escaped so & < > print literally."""
    parts = []
    for run in runs:
        text = escape(run.text)
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        if run.link:
            href = escape(run.link, {'"': "&quot;"})
            text = f'<a href="{href}" color="#{LINK_COLOUR}"><u>{text}</u></a>'
        parts.append(text)
    return "".join(parts)


def quote(block: model.Quote, lay: Typesetter) -> list[Flowable]:
    """The quotation indented in italics, then "– who said it", one BlockQuote element."""
    node = lay.root.add("BlockQuote")
    runs = [
        tuple(model.Run(r.text, r.bold, not r.italic, r.link) for r in p) for p in block.paragraphs
    ]
    out: list[Flowable] = [lay.paragraph(markup(p), "quote", "P", node) for p in runs]
    if block.attribution:
        out.append(lay.paragraph(escape(f"– {block.attribution}"), "quote", "P", node))
    return out


def title_block(meta: model.Metadata, lay: Typesetter) -> list[Flowable]:
    """Logo, the series label («Notat 2020:3»), title, subtitle and the identity lines
    (``Metadata.identity_lines``), closed by a thin rule."""
    out: list[Flowable] = []
    if lay.theme.logo:
        out += [logo(lay.theme), Spacer(1, 0.8 * cm)]
    if meta.series:
        out.append(lay.paragraph(escape(meta.series), "series"))
    out.append(lay.paragraph(escape(meta.title), "title", "H1"))
    if meta.subtitle:
        out.append(lay.paragraph(escape(meta.subtitle), "subtitle"))
    out += [lay.paragraph(escape(line), "meta") for line in meta.identity_lines()]
    rule = Rule(
        width="100%",
        thickness=0.8,
        color=colour(lay.theme.accent_colour),
        spaceBefore=0.4 * cm,
        spaceAfter=0.6 * cm,
    )
    return [*out, rule]


def logo(theme: Theme) -> TaggedImage:
    """The theme's logo at ``logo_width_cm`` or narrower to stay within the text area
    (``fit.logo_width_cm``), keeping its aspect ratio; an artifact (the publisher is named
    in the text below it)."""
    try:
        img_w, img_h = ImageReader(str(theme.logo)).getSize()
        width = logo_width_cm(theme) * cm
    except OSError as exc:
        raise TemplateError(
            f"cannot read the logo: {exc}",
            file=theme.logo,
            fix="set logo to a PNG or JPEG file, or remove it",
        ) from exc
    return TaggedImage(str(theme.logo), width, width * img_h / img_w, hAlign="LEFT")


def heading(block: model.Heading, lay: Typesetter) -> TaggedParagraph:
    """A heading (H1-H3) marked with its level so the doc template can bookmark it."""
    level = min(max(block.level, 1), 3)
    para = lay.paragraph(escape(block.text), f"h{level}", f"H{level}")
    para.outline_entry = (block.text, level)
    return para


def bullet_list(block: model.BulletList, lay: Typesetter) -> TaggedList:
    """Bulleted or numbered list with a hanging indent: an L, each item an LI of Lbl, LBody."""
    style = lay.styles["list_item"]
    node, items = lay.root.add("L"), []
    for runs in block.items:
        item = node.add("LI")
        label = item.add("Lbl")
        items.append(ListItem(lay.tagged(markup(runs), style, item.add("LBody"), label)))
    if block.ordered:
        kind = {"bulletType": "1", "bulletFormat": "%s."}
    else:
        kind = {"bulletType": "bullet", "start": "\u2022"}
    return TaggedList(
        items,
        leftIndent=16,
        bulletFontName=style.fontName,
        bulletFontSize=style.fontSize,
        bulletColor=style.textColor,
        spaceAfter=style.fontSize * 0.5,
        **kind,
    )


def table(block: model.Table, lay: Typesetter) -> list[Flowable]:
    """Caption above, the table (header repeats on each page; its type smaller if its
    numbers need it: ``columns.fit_table``), notes below."""
    styles = lay.styles
    size, widths = lay.columns(block)
    n_cols = len(block.header)
    aligns = (*block.align, *["left"] * (n_cols - len(block.align)))[:n_cols]
    cell_styles = [sized(styles["cell_right" if a == "right" else "cell"], size) for a in aligns]
    node = lay.root.add("Table")
    label = caption(block.label, block.caption, lay, node)
    head = node.add("THead").add("TR")
    data = [
        [
            _cell(f"<b>{escape(h)}</b>", s, head.add("TH"), lay)
            for h, s in zip(block.header, cell_styles, strict=True)
        ]
    ]
    body = node.add("TBody")
    for number, row in enumerate(block.rows, 1):  # short rows are padded; long: an error
        cells, tr = (*row, *[""] * (n_cols - len(row))), body.add("TR")
        bold = block.total_row and number == len(block.rows)
        texts = [f"<b>{escape(c)}</b>" if bold else escape(c) for c in cells]
        data.append(
            [_cell(t, s, tr.add("TD"), lay) for t, s in zip(texts, cell_styles, strict=True)]
        )
    grid = tagged_table(
        data,
        colWidths=list(widths),  # reportlab may set its own in place
        repeatRows=1,
        hAlign="LEFT",
        style=table_style(lay.theme, len(data), total=block.total_row),
    )
    notes = [lay.paragraph(escape(n), "table_note") for n in (*block.notes, block.source_line) if n]
    parts = [
        label,
        grid,
        *notes,
        gap(styles["body"].fontSize),
    ]
    return [KeepTogether(parts)] if len(block.rows) <= SMALL_TABLE_ROWS else parts


def gap(points: float) -> Spacer:
    """Space after a table or figure that, like a paragraph's space after, merges with the
    space before a heading that follows (the larger wins) and is never carried to a new page."""
    space = Spacer(1, 0)
    space.spaceAfter = points
    return space


def _cell(text: str, style, node: Node, lay: Typesetter) -> TaggedParagraph:
    """A table cell's paragraph; a header cell (TH) heads its column (PDF/UA-1 7.5)."""
    if node.role == "TH":
        node.attributes = {"O": "Table", "Scope": "Column"}
    return lay.tagged(text, style, node)


def caption(label: str, text: str, lay: Typesetter, parent: Node | None = None) -> TaggedParagraph:
    """ "{label}: {caption}" with the label in bold, a Caption element of ``parent``."""
    markup = f"<b>{escape(label)}:</b> {escape(text)}"
    return lay.paragraph(markup, "caption", "Caption", parent)


def figure(block: model.Figure, lay: Typesetter) -> KeepTogether:
    """The PNG at its printed size (smaller only if the frame is smaller), caption below."""
    width, height = block.width_cm * cm, block.height_cm * cm
    scale = min(1.0, lay.width / width, 0.85 * lay.height / height)
    image = png_flowable(block.png, width * scale, height * scale)
    image.node = lay.root.add("Figure", alt=block.alt_text)
    label = caption(block.label, block.caption, lay)
    label.keepWithNext = 0
    source = [lay.paragraph(escape(block.source_line), "table_note")] if block.source_line else []
    return FigureGroup(
        [
            Spacer(1, lay.styles["body"].fontSize * 0.4),
            image,
            label,
            *source,
            gap(lay.styles["body"].fontSize * 0.6),
        ]
    )


def block_flowables(block: model.Block, lay: Typesetter) -> list[Flowable]:
    """The flowables for one model block."""
    if isinstance(block, model.Heading):
        return [heading(block, lay)]
    if isinstance(block, model.Paragraph):
        if block.style not in ("body", "lead", "note"):
            raise ValueError(f"unknown paragraph style {block.style!r}")
        return [lay.paragraph(markup(block.runs), block.style)]
    if isinstance(block, model.BulletList):
        return [bullet_list(block, lay)]
    if isinstance(block, model.Table):
        return table(block, lay)
    if isinstance(block, model.Figure):
        return [figure(block, lay)]
    if isinstance(block, model.Quote):
        return quote(block, lay)
    if isinstance(block, model.PageBreak):
        return [PageBreak()]
    raise TypeError(f"unsupported block {type(block).__name__}")
