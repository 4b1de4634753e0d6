"""Where the print edition's pages break. Every block is set at the house sizes (no chart
drawn smaller, no space cut); what moves instead is where the blocks go:

- a figure that does not fit in the space left on a page waits for the top of the next
  page, and the text after it fills that space (as a book floats its figures);
- a section's first sentence that is kept with its figure or table lets it start the
  next page, rather than take the heading and sentence along and leave a hole.

A page is bad if it leaves more than MAX_HOLE empty at its foot before more text (the
designer's review: holes of 3.5–7.1 cm), and so is a last page holding only the closing
section («Om tallene»). Moves are tried one at a time from the memo as written, and one
is kept only if it makes the memo better: fewer bad pages, then fewer pages, then less
empty space at the feet of pages.

The last figure may also wait past the closing section, for the top of the last page,
where its section and «Om tallene» fill the page before (a float set at the end, as a
book sets it); a figure printed after «Om tallene» on the same page makes that page bad.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from io import BytesIO
from typing import Any, NamedTuple

from reportlab.lib.units import cm

from reportgen.model import Figure, Heading, Layout, Paragraph, Table, keeps_with_next, printed

# the most a page may leave empty at its foot before more text: 3 cm from the lowest
# glyph, less the 2 mm the last line's box reaches below it
MAX_HOLE = 2.8 * cm
MAX_TRIES = 14  # layouts tried at most: each lays the memo out again (about 0.3 s)


class Laid(NamedTuple):
    """A memo laid out, not yet saved: the doc template and the buffer it is saved into,
    its Layout, the pages (from 0) each block is drawn on, in print order, and the height
    in points left empty at the foot of each page."""

    doc: Any
    buffer: BytesIO
    layout: Layout
    drawn: list[tuple[int, list[int]]]
    feet: list[float]


def arranged(start: Layout, lay_out: Callable[[Layout], Laid], blocks: tuple) -> Laid:
    """The best memo (least ``badness``) found from ``start`` by up to MAX_TRIES layouts,
    each one move (``_moves``) from the best found so far that has moves left;
    ``lay_out`` lays out a Layout's order and keeps."""
    best = lay_out(start)
    frontier, seen, tries = [best], {_key(start, blocks)}, 0
    while frontier and tries < MAX_TRIES and _faults(badness(best, blocks)):
        laid = frontier.pop(0)
        for seed in _moves(blocks, laid):
            if _key(seed, blocks) in seen or tries >= MAX_TRIES:
                continue
            seen.add(_key(seed, blocks))
            trial, tries = lay_out(seed), tries + 1
            frontier.append(trial)
            best = min(best, trial, key=lambda t: badness(t, blocks))
        frontier.sort(key=lambda t: badness(t, blocks))
    return best


def _faults(score: tuple) -> bool:
    """Whether a ``badness`` names a misplaced float, a bad page or a sentence apart from
    its figure."""
    return bool(score[0] or score[1] or score[4])


def _key(layout: Layout, blocks: tuple) -> tuple:
    """What a layout places: its print order (the order as written is one order, whether
    given or not) and its loosened keeps."""
    return layout.order or tuple(range(len(blocks))), layout.loose


def badness(laid: Laid, blocks: tuple) -> tuple[int, int, int, int, int, float, float]:
    """Whether a figure or table printed after the closing section shares a page with it,
    the number of bad pages (a hole over MAX_HOLE before more text; a last page holding
    only the closing section), the number of pages, of holes, of sections whose sentence
    is not on the page of its figure or table, and, in points, how much the holes exceed
    MAX_HOLE and the empty space at the foot of the pages before the last."""
    holes = [foot - MAX_HOLE for foot in laid.feet[:-1] if foot > MAX_HOLE]
    bad = len(holes) + _closing_alone(laid, blocks)
    misplaced = int(_under_closing(laid, blocks))
    pages, apart = len(laid.feet), _apart(laid, blocks)
    return misplaced, bad, pages, len(holes), apart, sum(holes), sum(laid.feet[:-1])


def _apart(laid: Laid, blocks: tuple) -> int:
    """How many sentences kept with the figure or table after them (as written) are
    printed on another page than where it starts."""
    pages = {index: drawn for index, drawn in laid.drawn if drawn}
    kept = [i for i, keep in enumerate(keeps_with_next(blocks)) if keep and i + 1 in pages]
    return sum(max(pages.get(i, [0])) != min(pages[i + 1]) for i in kept)


def _closing_alone(laid: Laid, blocks: tuple) -> bool:
    """Whether the last page holds only the memo's last section (and it is not page 1)."""
    last = len(laid.feet) - 1
    headings = [i for i, block in enumerate(blocks) if isinstance(block, Heading)]
    on_last = [index for index, pages in laid.drawn if last in pages]
    return last > 0 and bool(headings and on_last) and min(on_last) >= max(headings)


def _under_closing(laid: Laid, blocks: tuple) -> bool:
    """Whether a figure or table printed after the closing section (its last heading)
    starts on a page the closing section is drawn on: it was to wait for the next page."""
    pages = {index: drawn for index, drawn in laid.drawn if drawn}
    order = [index for index, _ in laid.drawn]
    closing = max((i for i, block in enumerate(blocks) if isinstance(block, Heading)), default=0)
    after = order[order.index(closing) :]
    floats = [i for i in after if isinstance(blocks[i], Figure | Table)]
    section = {page for i in after if i not in floats for page in pages.get(i, [])}
    return any(min(pages[i]) in section for i in floats if i in pages)


def _moves(blocks: tuple, laid: Laid) -> Iterator[Layout]:
    """Layouts one move away from ``laid``'s, for each page (but the last) that ends in a
    hole over MAX_HOLE: the figure or table that starts the next page after the text that
    follows it, or before the table or figure above it (tables and figures are numbered
    apart, so neither order changes); or a section's sentence loosened from the figure or
    table that was to follow it, or that figure moved past the closing section."""
    order = [index for index, _, _ in printed(blocks, laid.layout)]
    for page, foot in enumerate(laid.feet[:-1]):
        if foot <= MAX_HOLE:
            continue
        first = next((i for i, pages in laid.drawn if pages and min(pages) == page + 1), None)
        if first is None:  # the next page goes on with a block begun on this one
            continue
        at = order.index(first)
        if isinstance(blocks[first], Figure | Table):
            for moved in (*_after_text(blocks, order, at), _before_other(blocks, order, at)):
                if moved:
                    yield replace(laid.layout, order=moved)
        above = _float_above(blocks, order, at)
        if isinstance(blocks[first], Heading) and above is not None:  # that float moves on
            for moved in _after_text(blocks, order, above):
                yield replace(laid.layout, order=moved)
        yield from _sentence_moves(blocks, laid.layout, order, at)


def _sentence_moves(blocks: tuple, layout: Layout, order: list[int], at: int) -> Iterator[Layout]:
    """If the heading at ``at`` starts a section whose sentence is kept with its figure or
    table: that figure moved past the closing section (which then fills the page the
    section starts on), and the sentence loosened from it."""
    sentence = _kept_sentence(blocks, layout, order, at)
    if sentence is None:
        return
    last = _to_end(blocks, order, at + 2)
    if last:
        yield replace(layout, order=last)
    yield replace(layout, loose=layout.loose | {sentence})


def _float_above(blocks: tuple, order: list[int], at: int) -> int | None:
    """The position of the figure or table just above ``at`` (its notes between), or None."""
    above = at - 1
    while above > 0 and _is_note(blocks[order[above]]):
        above -= 1
    return above if above >= 0 and isinstance(blocks[order[above]], Figure | Table) else None


def _before_other(blocks: tuple, order: list[int], at: int) -> tuple[int, ...] | None:
    """``order`` with the figure or table at ``at`` moved just before the block above it
    if that is a table or figure of the other kind (its notes stay under it), else None."""
    above = _float_above(blocks, order, at)
    if above is None or {type(blocks[order[at]]), type(blocks[order[above]])} != {Figure, Table}:
        return None
    end = _end_of_float(blocks, order, at)
    return (*order[:above], *order[at:end], *order[above:at], *order[end:])


def _end_of_float(blocks: tuple, order: list[int], at: int) -> int:
    """The position after the figure or table at ``at`` and the notes under it."""
    end = at + 1
    while end < len(order) and _is_note(blocks[order[end]]):
        end += 1
    return end


def _after_text(blocks: tuple, order: list[int], at: int) -> Iterator[tuple[int, ...]]:
    """``order`` with the figure or table at ``at`` (and the notes under it) moved after
    the headings and paragraphs that follow it, if a figure or table follows them (the
    closing section, «Om tallene», is never passed); and, if they end in a sentence
    kept with a float of the other kind, after that float too (a table passes a figure,
    never a figure a figure: their numbers stay in order)."""
    last = _to_end(blocks, order, at)
    if last:
        yield last
        return
    end = _end_of_float(blocks, order, at)
    text = end
    while text < len(order) and _is_text(blocks[order[text]]):
        text += 1
    if text == end or text == len(order) or not isinstance(blocks[order[text]], Figure | Table):
        return  # text with no figure or table of its own is not passed
    yield (*order[:at], *order[end:text], *order[at:end], *order[text:])
    kept = keeps_with_next(blocks)
    if text < len(order) and kept[order[text - 1]] and order[text] == order[text - 1] + 1:
        if type(blocks[order[text]]) is not type(blocks[order[at]]):
            after = _end_of_float(blocks, order, text)
            yield (*order[:at], *order[end:after], *order[at:end], *order[after:])


def _to_end(blocks: tuple, order: list[int], at: int) -> tuple[int, ...] | None:
    """``order`` with the figure or table at ``at`` (and its notes) moved to the end, if
    only text (the closing section, its notes included) follows it; else None."""
    if at >= len(order) or not isinstance(blocks[order[at]], Figure | Table):
        return None
    end = _end_of_float(blocks, order, at)
    text = all(isinstance(blocks[i], Heading | Paragraph) for i in order[end:])
    if end == len(order) or not text:
        return None
    return (*order[:at], *order[end:], *order[at:end])


def _kept_sentence(blocks: tuple, layout: Layout, order: list[int], at: int) -> int | None:
    """The paragraph after the heading at ``at`` that is kept with the figure or table
    after it, or None."""
    kept = [index for index, _, keep in printed(blocks, layout) if keep]
    if not isinstance(blocks[order[at]], Heading) or at + 1 >= len(order):
        return None
    sentence = order[at + 1]
    return sentence if isinstance(blocks[sentence], Paragraph) and sentence in kept else None


def _is_note(block: object) -> bool:
    return isinstance(block, Paragraph) and block.style == "note"


def _is_text(block: object) -> bool:
    return isinstance(block, Heading) or (isinstance(block, Paragraph) and not _is_note(block))
