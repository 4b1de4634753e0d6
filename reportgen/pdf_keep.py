"""Keep-with-next groups that move to a new page only when they must.

reportlab wraps a heading (``keepWithNext``) and the flowable after it in a KeepTogether,
which starts a new page whenever the whole group does not fit, so a heading followed by
a long paragraph or a long table would leave most of a page empty. This class starts the
group where it is if everything but the last flowable, plus a few lines of the last one,
fits; a nested KeepTogether (a small table or a figure) counts with its full height.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether
from reportlab.platypus.flowables import Flowable

MIN_TAIL = 3 * cm  # how much of the last flowable must fit beside the rest of the group


def _height(flowable: Flowable, width: float, canv: object) -> float:
    """Full height of a flowable including its spacing; KeepTogether by its content."""
    if isinstance(flowable, KeepTogether):
        return sum(_height(f, width, canv) for f in flowable._content)
    _, height = flowable.wrapOn(canv, width, 0xFFFFFFF)
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()


class KeepWithNext(KeepTogether):
    """The doc template's keepTogetherClass: a heading stays with the start of what follows."""

    def split(self, aW: float, aH: float) -> list[Flowable]:
        content = self._content[:]
        heights = [_height(f, aW, self.canv) for f in content]
        last = content[-1]
        tail = heights[-1] if isinstance(last, KeepTogether) else min(heights[-1], MIN_TAIL)
        frame = getattr(self, "_frame", None)
        at_top = frame is not None and getattr(frame, "_atTop", False)
        if at_top or sum(heights[:-1]) + tail <= aH:
            return content
        return [self.FrameBreak(), *content]
