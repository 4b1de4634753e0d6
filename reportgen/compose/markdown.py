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
from markdown_it.tree import SyntaxTreeNode

from reportgen.model import Block, BulletList, Heading, PageBreak, Paragraph, Run

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


def parse(text: str) -> list[Block | ImageRef | TableRef]:
    """Blocks of the model (Heading, Paragraph, BulletList, PageBreak) plus ImageRef/TableRef,
    in reading order, from the syntax tree of ``text``."""
    tree = SyntaxTreeNode(_PARSER.parse(text))
    return [block for node in tree.children for block in _blocks(node, "body")]


def _blocks(node: SyntaxTreeNode, style: str) -> list[Block | ImageRef | TableRef]:
    """The blocks of one top-level node; paragraphs inside a block quote are notes."""
    match node.type:
        case "heading":
            return [Heading(int(node.tag[1]), node.children[0].content.strip())]
        case "paragraph":
            return [_paragraph(node.children[0], style)]
        case "bullet_list" | "ordered_list":
            items = tuple(_runs(n) for n in node.walk() if n.type == "inline")
            return [BulletList(items, ordered=node.type == "ordered_list")]
        case "blockquote":
            return [block for child in node.children for block in _blocks(child, "note")]
        case "hr":
            return [PageBreak()]
    return []


def _paragraph(inline: SyntaxTreeNode, style: str) -> Paragraph | ImageRef | TableRef:
    children = [c for c in inline.children if not (c.type == "text" and not c.content.strip())]
    if len(children) == 1 and children[0].type == "image":
        image = children[0]
        return ImageRef(
            str(image.attrs.get("src", "")), image.content, str(image.attrs.get("title") or "")
        )
    marker = TABLE_MARKER.match(inline.content.strip())
    if marker:
        return TableRef(marker.group(1), marker.group(2) or "")
    return Paragraph(_runs(inline), style)


def _runs(inline: SyntaxTreeNode) -> tuple[Run, ...]:
    runs: list[Run] = []
    _collect(inline.children, runs, bold=False, italic=False)
    return tuple(runs)


def _collect(nodes: list[SyntaxTreeNode], runs: list[Run], *, bold: bool, italic: bool) -> None:
    """Inline nodes as runs; emphasis nests, links keep their text."""
    for node in nodes:
        match node.type:
            case "strong":
                _collect(node.children, runs, bold=True, italic=italic)
            case "em":
                _collect(node.children, runs, bold=bold, italic=True)
            case "text" | "code_inline" | "image":
                _append(runs, Run(node.content, bold, italic))
            case "softbreak" | "hardbreak":
                _append(runs, Run(" ", bold, italic))
            case _:
                _collect(node.children, runs, bold=bold, italic=italic)


def _append(runs: list[Run], run: Run) -> None:
    if runs and (runs[-1].bold, runs[-1].italic) == (run.bold, run.italic):
        runs[-1] = Run(runs[-1].text + run.text, run.bold, run.italic)
    else:
        runs.append(run)
