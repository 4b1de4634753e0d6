"""Keeping blocks together across page ends: a heading with what follows it, a figure with
its caption; and breaking what cannot be kept: a table row or a list item taller than a
page."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Table
from reportlab.platypus.doctemplate import NullActionFlowable
from reportlab.platypus.flowables import Flowable, LIIndenter

MIN_TAIL = 3 * cm  # how much of the last flowable must fit beside the rest of the group
TABLE_START_ROWS = 4  # a table that follows a heading starts on its page with this many rows


def _height(flowable: Flowable, width: float, canv: object) -> float:
    """Full height of a flowable including its spacing; KeepTogether by its content."""
    if isinstance(flowable, KeepTogether):
        return sum(_height(f, width, canv) for f in flowable._content)
    _, height = flowable.wrapOn(canv, width, 0xFFFFFFF)
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()


class KeepWithNext(KeepTogether):
    """The doc template's keepTogetherClass: a heading stays with the start of what follows."""

    def split(self, aW: float, aH: float) -> list[Flowable]:
        """Move the heading to the next page when what follows would leave it alone.
        Where the group stays, a first flowable taller than the space (a caption of a
        very long name at the top of a page) is handed back behind an action and no
        longer kept with the next, so the doc template splits it (reportlab places the
        first of the parts returned whole, and stops with a LayoutError if it does not
        fit)."""
        content = self._content[:]
        heights = [_height(f, aW, self.canv) for f in content]
        last = content[-1]
        tail = heights[-1] if isinstance(last, KeepTogether) else min(heights[-1], MIN_TAIL)
        if isinstance(last, Table):  # a table may break: its header and first rows must fit
            tail = min(heights[-1], sum(last._rowHeights[:TABLE_START_ROWS]))
        # the frame lets a heading's space before overlap the space after the block above
        frame = getattr(self, "_frame", None)
        overlap = min(content[0].getSpaceBefore(), getattr(frame, "_prevASpace", 0))
        if not _at_top(self) and sum(heights[:-1]) - overlap + tail > aH:
            return [self.FrameBreak(), *content]
        first = content[0]
        if heights[0] - first.getSpaceBefore() - first.getSpaceAfter() > aH:
            first.__dict__["keepWithNext"] = 0  # taller than the space: it breaks alone
            return [NullActionFlowable(), *content]
        return content


class FigureGroup(KeepTogether):
    """A figure with its caption, source line and note, kept together and drawn at its
    size: where it does not fit, it starts the next page (``pdf_writer.pages`` decides
    what fills the page it leaves)."""


class RowBreakingTable(Table):
    """reportlab's Table, which breaks between rows, and inside a row only where it must:
    at the top of a page, when the row is taller than the page (a very long text in a
    cell); reportlab would stop with a LayoutError there."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """reportlab's split between rows; at the top of a page, if that finds no place,
        the split inside the row."""
        parts = super().split(availWidth, availHeight)
        if parts or not _at_top(self):
            return parts
        return self._splitRows(availHeight, doInRowSplit=True)


def _at_top(flowable: Flowable) -> bool:
    """Whether ``flowable`` is being split at the top of a frame (an empty page)."""
    return bool(getattr(getattr(flowable, "_frame", None), "_atTop", False))


class BreakingItem(LIIndenter):
    """reportlab's list item, which will not leave one line of its text alone on the next
    page; at the top of a page that would stop the memo with a LayoutError (an item one
    line taller than the page), so there it breaks wherever its text breaks."""

    def split(self, aW: float, aH: float) -> list[Flowable]:
        """reportlab's split; at the top of a page, if that finds no place, the split
        of the item's text as it comes. The parts are BreakingItems too."""
        parts = super().split(aW, aH)
        if not parts and _at_top(self):
            texts = self._flowable.split(aW - self._leftIndent - self._rightIndent, aH)
            bullets = [self._bullet, *[None] * (len(texts) - 1)]
            parts = [
                LIIndenter(text, self._leftIndent, self._rightIndent, bullet)
                for text, bullet in zip(texts, bullets, strict=True)
            ]
        for part in parts:
            object.__setattr__(part, "__class__", BreakingItem)  # its setattr passes it on
        return parts
