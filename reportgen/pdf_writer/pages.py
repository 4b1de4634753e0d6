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

from collections.abc import Callable

from reportgen.model import Figure, Heading, Layout, Table, keeps_with_next
from reportgen.pdf_writer.laid import MAX_HOLE, Laid
from reportgen.pdf_writer.moves import moves

MAX_TRIES = 14  # layouts tried at most: each lays the memo out again (about 20 ms)


def arranged(start: Layout, lay_out: Callable[[Layout], Laid], blocks: tuple) -> Laid:
    """The best memo (least ``badness``) found from ``start`` by up to MAX_TRIES layouts,
    each one move (``moves.moves``) from the best found so far that has moves left, until
    one has no fault (``_faults``); ``lay_out`` lays out a Layout's order and keeps."""
    best = lay_out(start)
    frontier, seen, tries = [best], {_key(start, blocks)}, 0
    while frontier and tries < MAX_TRIES and _faults(badness(best, blocks)):
        laid = frontier.pop(0)
        for seed in moves(blocks, laid):
            if not _faults(badness(best, blocks)) or tries >= MAX_TRIES:
                break
            if _key(seed, blocks) in seen:
                continue
            seen.add(_key(seed, blocks))
            trial, tries = lay_out(seed), tries + 1
            frontier.append(trial)
            best = min(best, trial, key=lambda t: badness(t, blocks))
        frontier.sort(key=lambda t: badness(t, blocks))
    return best


def _faults(score: tuple) -> bool:
    """Whether a ``badness`` names a misplaced float or a bad page: what keeps the search
    going. A sentence apart from its figure ranks layouts but stops no search: it is what
    loosening a keep costs, to spare a page its hole."""
    return bool(score[0] or score[1])


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
