"""Parse rendered Markdown (markdown-it-py, CommonMark with its table extension) into memo
model blocks.

Supported: headings (#, ##, ###), paragraphs with **bold**, *italic* and links
(``[text](https://…)``), bullet and numbered lists, pipe tables (header row required; the
caption is a paragraph ``: Caption`` right after the table), block quotes as quotations
(a last paragraph starting with "—" names who said it; a quote starting ``[!NOTE]`` is a
small note instead), images (``![alt](src "caption")``: a chart or a picture file), a
thematic break (``***``) as a page break. A paragraph holding only a marker
``@@table:NAME@@`` becomes a table placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

from reportgen.errors import TemplateError
from reportgen.model import BulletList, Heading, PageBreak, Paragraph, Quote, Run

_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")
TABLE_MARKER = re.compile(r"^@@table:([\w-]+)(?:\|(.*))?@@$")
NOTE_MARKER = "[!NOTE]"
_ATTRIBUTION = ("—", "–", "--")
_LINK_SCHEMES = ("https://", "http://", "mailto:")


@dataclass(frozen=True)
class ImageRef:
    """An image in the text, to be resolved by ``compose`` (chart name or file)."""

    src: str
    alt: str
    caption: str


@dataclass(frozen=True)
class TableRef:
    """A table placeholder, to be built by ``compose`` from the findings."""

    name: str
    caption: str


@dataclass(frozen=True)
class TextTable:
    """A pipe table written in the text, numbered by ``compose``; ``align`` per column."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...]
    caption: str


def parse(text: str) -> list:
    """Blocks of the model (Heading, Paragraph, BulletList, Quote, PageBreak) plus
    ImageRef, TableRef and TextTable. Raises TemplateError for a table without caption
    and a link that is not a web or mail address."""
    tokens = _PARSER.parse(text)
    blocks: list = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        handler = _HANDLERS.get(token.type)
        if handler:
            index = handler(tokens, index, blocks)
            continue
        if token.type == "hr":
            blocks.append(PageBreak())
        index += 1
    _attach_captions(blocks)
    return blocks


def _heading(tokens, index: int, blocks: list) -> int:
    blocks.append(Heading(int(tokens[index].tag[1]), tokens[index + 1].content.strip()))
    return index + 3


def _paragraph_block(tokens, index: int, blocks: list) -> int:
    blocks.append(_paragraph(tokens[index + 1], "body"))
    return index + 3


def _list(tokens, index: int, blocks: list) -> int:
    ordered = tokens[index].type == "ordered_list_open"
    closing = tokens[index].type.replace("_open", "_close")
    items, depth = [], 0
    index += 1
    while not (tokens[index].type == closing and depth == 0):
        token = tokens[index]
        if token.type.endswith("_list_open"):
            depth += 1
        elif token.type.endswith("_list_close"):
            depth -= 1
        elif token.type == "inline":
            items.append(_runs(token))
        index += 1
    blocks.append(BulletList(tuple(items), ordered))
    return index + 1


def _quote(tokens, index: int, blocks: list) -> int:
    """A block quote: a Quote (with its attribution) or, after [!NOTE], note paragraphs."""
    paragraphs, depth = [], 0
    index += 1
    while not (tokens[index].type == "blockquote_close" and depth == 0):
        kind = tokens[index].type
        depth += (kind == "blockquote_open") - (kind == "blockquote_close")
        if kind == "inline":
            paragraphs.append(tokens[index])
        index += 1
    texts = [p.content.strip() for p in paragraphs]
    if texts and texts[0].startswith(NOTE_MARKER):
        notes = [Paragraph(_runs(p), "note") for p in paragraphs]
        first = notes[0].runs
        notes[0] = Paragraph(_strip_marker(first), "note") if first else notes[0]
        blocks.extend(n for n in notes if n.runs)
    elif paragraphs:
        said_by = texts[-1].startswith(_ATTRIBUTION) and len(paragraphs) > 1
        body = paragraphs[:-1] if said_by else paragraphs
        who = texts[-1].lstrip("—–- ").strip() if said_by else ""
        blocks.append(Quote(tuple(_runs(p) for p in body), who))
    return index + 1


def _strip_marker(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    head = runs[0]
    text = head.text.replace(NOTE_MARKER, "", 1).lstrip()
    rest = runs[1:]
    return ((Run(text, head.bold, head.italic, head.link),) if text else ()) + rest


def _table(tokens, index: int, blocks: list) -> int:
    header: list[str] = []
    rows: list[list[str]] = []
    align: list[str] = []
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            if token.type == "th_open":
                style = str(token.attrs.get("style", ""))
                align.append("right" if "right" in style else "left")
        elif token.type == "inline":
            rows[-1].append(token.content.strip())
        index += 1
    header, *body = rows
    blocks.append(TextTable(tuple(header), tuple(tuple(r) for r in body), tuple(align), ""))
    return index + 1


_HANDLERS = {
    "heading_open": _heading,
    "paragraph_open": _paragraph_block,
    "bullet_list_open": _list,
    "ordered_list_open": _list,
    "blockquote_open": _quote,
    "table_open": _table,
}


def _attach_captions(blocks: list) -> None:
    """Move a ``: Caption`` paragraph into the TextTable before it; a table without one is
    an error (readers of the DOCX and PDF, and screen readers, need the caption)."""
    for number, block in enumerate(blocks):
        if not isinstance(block, TextTable):
            continue
        after = blocks[number + 1] if number + 1 < len(blocks) else None
        text = "".join(r.text for r in after.runs) if isinstance(after, Paragraph) else ""
        if not text.startswith(":"):
            raise TemplateError(
                f"the table with the heading '{' | '.join(block.header)}' has no caption",
                fix="write the caption in a paragraph of its own right after the table, "
                "starting with a colon: ': Møter i partnerskapene 2019'",
            )
        blocks[number] = TextTable(block.header, block.rows, block.align, text[1:].strip())
        blocks[number + 1] = None
    blocks[:] = [b for b in blocks if b is not None]


def _paragraph(inline, style: str):
    children = [c for c in inline.children if not (c.type == "text" and not c.content.strip())]
    if len(children) == 1 and children[0].type == "image":
        image = children[0]
        return ImageRef(
            image.attrs.get("src", ""), image.content, str(image.attrs.get("title") or "")
        )
    marker = TABLE_MARKER.match(inline.content.strip())
    if marker:
        return TableRef(marker.group(1), marker.group(2) or "")
    return Paragraph(_runs(inline), style)


_FLAGS = {"strong_open": "bold", "strong_close": "bold", "em_open": "italic", "em_close": "italic"}


def _runs(inline) -> tuple[Run, ...]:
    runs: list[Run] = []
    state = {"bold": False, "italic": False, "link": ""}
    for child in inline.children or []:
        kind = child.type
        if kind in _FLAGS:
            state[_FLAGS[kind]] = kind.endswith("_open")
        elif kind == "link_open":
            state["link"] = _link(str(child.attrs.get("href", "")))
        elif kind == "link_close":
            state["link"] = ""
        elif kind in ("text", "code_inline", "image"):
            _append(runs, Run(child.content, **state))  # type: ignore[arg-type]
        elif kind in ("softbreak", "hardbreak"):
            _append(runs, Run(" ", **state))  # type: ignore[arg-type]
    return tuple(runs)


def _link(href: str) -> str:
    if not href.startswith(_LINK_SCHEMES):
        raise TemplateError(
            f"the link '{href}' is not a web or e-mail address",
            fix="write the whole address, starting with https:// (or mailto: for e-mail)",
        )
    return href


def _append(runs: list[Run], run: Run) -> None:
    last = runs[-1] if runs else None
    if last and (last.bold, last.italic, last.link) == (run.bold, run.italic, run.link):
        runs[-1] = Run(last.text + run.text, run.bold, run.italic, run.link)
    else:
        runs.append(run)
