"""Parse rendered Markdown (markdown-it-py, CommonMark) into memo model blocks.

Supported: headings (#, ##, ###), paragraphs with **bold** and *italic*, bullet and
numbered lists, block quotes (printed as notes), images (``![alt](src "caption")``),
a thematic break (``***``) as a page break. A paragraph holding only a marker
``@@table:NAME@@`` becomes a table placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

from reportgen.model import BulletList, Heading, PageBreak, Paragraph, Run

_PARSER = MarkdownIt("commonmark", {"html": False})
TABLE_MARKER = re.compile(r"^@@table:([\w-]+)(?:\|(.*))?@@$")


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


def parse(text: str) -> list:
    """Blocks of the model (Heading, Paragraph, BulletList, PageBreak) plus ImageRef/TableRef."""
    tokens = _PARSER.parse(text)
    blocks, index, in_quote = [], 0, False
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            blocks.append(Heading(int(token.tag[1]), tokens[index + 1].content.strip()))
            index += 3
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            index = _list(tokens, index, blocks)
            continue
        if token.type == "paragraph_open":
            blocks.append(_paragraph(tokens[index + 1], "note" if in_quote else "body"))
            index += 3
            continue
        if token.type in ("blockquote_open", "blockquote_close"):
            in_quote = token.type == "blockquote_open"
        elif token.type == "hr":
            blocks.append(PageBreak())
        index += 1
    return blocks


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


def _runs(inline) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = False
    for child in inline.children or []:
        kind = child.type
        if kind in ("strong_open", "strong_close"):
            bold = kind == "strong_open"
        elif kind in ("em_open", "em_close"):
            italic = kind == "em_open"
        elif kind in ("text", "code_inline"):
            _append(runs, Run(child.content, bold, italic))
        elif kind in ("softbreak", "hardbreak"):
            _append(runs, Run(" ", bold, italic))
        elif kind == "image":
            _append(runs, Run(child.content, bold, italic))
    return tuple(runs)


def _append(runs: list[Run], run: Run) -> None:
    if runs and (runs[-1].bold, runs[-1].italic) == (run.bold, run.italic):
        runs[-1] = Run(runs[-1].text + run.text, run.bold, run.italic)
    else:
        runs.append(run)
