"""The moves the page search (``pages.arranged``) tries from a layout: a figure or table
that waits for the next page after the text that follows it (or before the float of the
other kind above it, or, the last one, past the closing section), and a section's first
sentence loosened from the figure or table it was kept with. Each move is one new print
order or one more loosened keep; the numbers of figures and tables stay in order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from reportgen.model import Figure, Heading, Layout, Paragraph, Table, keeps_with_next, printed
from reportgen.pdf_writer.laid import MAX_HOLE, Laid


def moves(blocks: tuple, laid: Laid) -> Iterator[Layout]:
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
