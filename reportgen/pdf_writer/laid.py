"""A memo laid out by the PDF writer for the page search: what ``pages`` scores and
``moves`` moves from."""

from __future__ import annotations

from io import BytesIO
from typing import Any, NamedTuple

from reportlab.lib.units import cm

from reportgen.model import Layout

# the most a page may leave empty at its foot before more text: 3 cm from the lowest
# glyph, less the 2 mm the last line's box reaches below it
MAX_HOLE = 2.8 * cm


class Laid(NamedTuple):
    """A memo laid out, not yet saved: the doc template and the buffer it is saved into,
    its Layout, the pages (from 0) each block is drawn on, in print order, and the height
    in points left empty at the foot of each page."""

    doc: Any
    buffer: BytesIO
    layout: Layout
    drawn: list[tuple[int, list[int]]]
    feet: list[float]
