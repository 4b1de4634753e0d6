"""Platypus flowables that draw inside marked content (tagged PDF, PDF 32000-1 14.6).

Each flowable carries the structure :class:`~reportgen.pdf_tagging.Node` it belongs to
(``node``; None makes it an artifact) and wraps what it draws in that node's marked-content
sequence. Split parts keep the node, so a paragraph across two pages is one element.
"""

from __future__ import annotations

from reportlab.platypus import HRFlowable, Image, ListFlowable, Paragraph, Table
from reportlab.platypus.flowables import BulletDrawer, Flowable

from reportgen.pdf_writer.keep import BreakingItem, RowBreakingTable
from reportgen.pdf_writer.tagging import Node, artifact, begin, end


class Marked(Flowable):
    """Mixin for flowables: ``drawOn`` inside the marked content of ``self.node`` (an
    artifact if None); a Figure also gets its bounding box on the page (PDF/UA-1 7.3,
    Matterhorn 13-004)."""

    node: Node | None = None

    def drawOn(self, canv, x, y, _sW=0) -> None:
        """reportlab's drawOn, between :func:`begin` and :func:`end` of ``node``."""
        node = self.node
        if node is not None and node.role == "Figure":
            width, height = self.wrap(0, 0)  # images keep their size whatever the space
            node.attributes = {"O": "Layout", "BBox": [x, y, x + width, y + height]}
        begin(canv, node)
        if not canv.measuring:  # a layout tried for its pages only: nothing drawn
            super().drawOn(canv, x, y, _sW)
        end(canv)


class TaggedParagraph(Marked, Paragraph):
    """A paragraph whose text is the content of ``node``; ``label`` is the Lbl element of
    its list item when it is a list item's body. Paragraphs given the same ``typeset``
    (a dict shared by the layouts of one memo and theme) parse their text and break it
    into lines once for each text, style and width."""

    label: Node | None = None
    typeset: dict | None = None

    def __init__(
        self,
        text: str | None,
        style,
        node: Node | None = None,
        label: Node | None = None,
        typeset: dict | None = None,
        **kwargs,
    ) -> None:
        self.typeset = typeset
        super().__init__(text, style, **kwargs)  # reportlab's split passes bulletText, frags
        self.node, self.label = node, label

    def _setup(self, text, style, bulletText, frags, cleaner) -> None:
        """reportlab's parse of ``text``, or the fragments of the same text parsed before."""
        if self.typeset is None or frags is not None:
            return super()._setup(text, style, bulletText, frags, cleaner)
        key = ("parsed", text, *_style_key(style), bulletText)
        if key not in self.typeset:
            super()._setup(text, style, bulletText, None, cleaner)
            if self.style is style:  # not restyled by a <para> tag
                self.typeset[key] = (self.frags, self.bulletText, self.text)
            return None
        frags, bullet, cleaned = self.typeset[key]
        return super()._setup(cleaned, style, bullet, frags, cleaner)

    def breakLines(self, width):
        """reportlab's line breaking, or the lines of the same text broken before at the
        same width (a part split off has no text of its own: broken anew)."""
        if self.typeset is None or self.text is None:
            return super().breakLines(width)
        widths = tuple(width) if isinstance(width, list | tuple) else width
        key = ("lines", self.text, *_style_key(self.style), widths, self.bulletText)
        if key not in self.typeset:
            self.typeset[key] = super().breakLines(width)
        return self.typeset[key]

    def split(self, available_width, available_height):
        """reportlab's split; every part belongs to the same elements."""
        parts = super().split(available_width, available_height)
        for part in parts:
            part.node, part.label = self.node, self.label
        return parts


def _style_key(style) -> tuple:
    """What tells a paragraph style apart within one memo and theme (``columns.sized``
    makes smaller ones of the same name)."""
    return style.name, style.fontSize, style.leading


class Rule(Marked, HRFlowable):
    """A horizontal rule, drawn as a layout artifact."""


class TaggedImage(Marked, Image):
    """reportlab's Image inside the marked content of ``node`` (None: a decorative artifact)."""


def _table_artifacts(table: Table, event: str, *_args) -> None:
    """reportlab's Table render callback: backgrounds and rules become layout artifacts."""
    if event in ("startBG", "startLines"):
        artifact(table.canv)
    elif event in ("endBG", "endLines"):
        end(table.canv)


class _TaggedTable(RowBreakingTable):
    """A table of TaggedParagraphs; on a canvas that only measures, its cells are marked
    on the page in the order reportlab draws them, and nothing is drawn. A cell's size
    is measured once for all the layouts that share the paragraphs' ``typeset``."""

    def _listCellGeom(self, V, w, s, W=None, H=None, aH=72000):
        """reportlab's width and height of the cell ``V`` (its flowables) in a column ``w``
        wide with the cell style ``s``; the sizes of each flowable (``W``, ``H``), asked
        for when it is drawn or split, are measured anew."""
        typeset = getattr(V[0], "typeset", None) if V and W is None and H is None else None
        if typeset is None or not all(isinstance(v, TaggedParagraph) and v.text for v in V):
            return super()._listCellGeom(V, w, s, W, H, aH)
        paddings = (s.leftPadding, s.rightPadding, s.topPadding, s.bottomPadding)
        texts = tuple((v.text, *_style_key(v.style), v.bulletText) for v in V)
        key = ("cell", texts, w, paddings, aH)
        if key not in typeset:
            typeset[key] = super()._listCellGeom(V, w, s, W, H, aH)
        return typeset[key]

    def draw(self) -> None:
        if not self.canv.measuring:
            return super().draw()
        for row in self._cellvalues:
            for value in row:
                for cell in value if isinstance(value, list | tuple) else (value,):
                    begin(self.canv, cell.node)
                    end(self.canv)
        return None


def tagged_table(data: list[list[TaggedParagraph]], **kwargs) -> Table:
    """A Table whose backgrounds and rules are artifacts (the callback passes to the parts
    of a split); its cells are TaggedParagraphs and tag themselves. A row taller than a
    page breaks inside (``keep.RowBreakingTable``)."""
    return _TaggedTable(data, renderCB=_table_artifacts, **kwargs)


class _TaggedBullet(BulletDrawer):
    """A list bullet or number drawn as the content of its item's Lbl element."""

    def drawOn(self, indenter, canv, x, y, _sW=0) -> None:
        begin(canv, getattr(indenter._flowable, "label", None))
        super().drawOn(indenter, canv, x, y, _sW)
        end(canv)


class TaggedList(ListFlowable):
    """A ListFlowable whose bullets are tagged as the Lbl of the item they stand before."""

    def _makeLIIndenter(self, flowable, bullet, params=None):
        """reportlab's item, as a BreakingItem (an item taller than a page breaks)."""
        item = super()._makeLIIndenter(flowable, bullet, params)
        object.__setattr__(item, "__class__", BreakingItem)  # its own setattr passes it on
        return item

    def _makeBullet(self, value, params=None):
        bullet = super()._makeBullet(value, params)
        bullet.__class__ = _TaggedBullet
        return bullet
