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
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from reportgen.errors import TemplateError
from reportgen.model import Block, BulletList, Heading, PageBreak, Paragraph, Quote, Run

_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")
_AS_TEXT = RendererHTML()  # an image's alt text as the reader sees it
TABLE_MARKER = re.compile(r"^@@table:([\w?=&-]+)(?:\|(.*))?@@$")
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


Parsed = Block | ImageRef | TableRef | TextTable


def parse(text: str) -> list[Parsed]:
    """Blocks of the model (Heading, Paragraph, BulletList, Quote, PageBreak) plus ImageRef,
    TableRef and TextTable, in reading order, from the syntax tree of ``text``. Raises
    TemplateError for a table without caption and a link that is not a web or mail address."""
    tokens = _PARSER.parse(text)
    for token in tokens:
        if token.type == "inline":
            _flatten(token)
    tree = SyntaxTreeNode(tokens)
    return _with_captions([block for node in tree.children for block in _blocks(node, "body")])


def _blocks(node: SyntaxTreeNode, style: str) -> list[Parsed]:
    """The blocks of one top-level node."""
    match node.type:
        case "heading":
            return [Heading(int(node.tag[1]), node.children[0].content.strip())]
        case "paragraph":
            return [_paragraph(node.children[0], style)]
        case "bullet_list" | "ordered_list":
            items = tuple(_runs(n) for n in node.walk() if n.type == "inline")
            return [BulletList(items, ordered=node.type == "ordered_list")]
        case "blockquote":
            return _quote(node)
        case "table":
            return [_table(node)]
        case "hr":
            return [PageBreak()]
    return []


def _quote(node: SyntaxTreeNode) -> list[Parsed]:
    """A Quote (the last paragraph "— who" its attribution) or, after [!NOTE], notes."""
    inlines = [n for n in node.walk() if n.type == "inline"]
    texts = [n.content.strip() for n in inlines]
    if not inlines:
        return []
    if texts[0].startswith(NOTE_MARKER):
        notes = [_runs(n) for n in inlines]
        notes[0] = _strip_marker(notes[0])
        return [Paragraph(runs, "note") for runs in notes if runs]
    said_by = len(inlines) > 1 and texts[-1].startswith(_ATTRIBUTION)
    body = inlines[:-1] if said_by else inlines
    who = texts[-1].lstrip("—–- ").strip() if said_by else ""
    return [Quote(tuple(_runs(n) for n in body), who)]


def _strip_marker(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    head = runs[0]
    text = head.text.replace(NOTE_MARKER, "", 1).lstrip()
    return ((Run(text, head.bold, head.italic, head.link),) if text else ()) + runs[1:]


def _table(node: SyntaxTreeNode) -> TextTable:
    rows = [
        tuple(cell.children[0].content.strip() if cell.children else "" for cell in row.children)
        for row in node.walk()
        if row.type == "tr"
    ]
    first = next(n for n in node.walk() if n.type == "tr")
    align = tuple(
        "right" if "right" in str(c.attrs.get("style", "")) else "left" for c in first.children
    )
    return TextTable(rows[0], tuple(rows[1:]), align, "")


def _with_captions(blocks: list[Parsed]) -> list[Parsed]:
    """Each TextTable with the ``: Caption`` paragraph after it as its caption; a table
    without one is an error (readers, and screen readers, need the caption)."""
    result: list[Parsed] = []
    for block in blocks:
        last = result[-1] if result else None
        text = "".join(r.text for r in block.runs) if isinstance(block, Paragraph) else ""
        if isinstance(last, TextTable) and not last.caption and text.startswith(":"):
            result[-1] = TextTable(last.header, last.rows, last.align, text[1:].strip())
            continue
        _check_caption(last)
        result.append(block)
    _check_caption(result[-1] if result else None)
    return result


def _check_caption(block: Parsed | None) -> None:
    if isinstance(block, TextTable) and not block.caption:
        raise TemplateError(
            f"the table with the heading '{' | '.join(block.header)}' has no caption",
            fix="write the caption in a paragraph of its own right after the table, "
            "starting with a colon: ': Møter i partnerskapene 2019'",
        )


def _paragraph(inline: SyntaxTreeNode, style: str) -> Paragraph | ImageRef | TableRef:
    children = [
        c
        for c in inline.children
        if c.token and c.token.meta["outer"] and not (c.type == "text" and not c.content.strip())
    ]
    if len(children) == 1 and children[0].type == "image":
        image = children[0]
        return ImageRef(
            str(image.attrs.get("src", "")), image.content, str(image.attrs.get("title") or "")
        )
    marker = TABLE_MARKER.match(inline.content.strip())
    if marker:
        return TableRef(marker.group(1), marker.group(2) or "")
    return Paragraph(_runs(inline), style)


def _flatten(inline: Token) -> None:
    """Replace the children of an ``inline`` token by its pieces of text, each with the
    Run of the emphasis and link in force (``meta["run"]``) and whether it stands outside
    any of them (``meta["outer"]``). Done in one loop, so emphasis nested thousands of
    levels deep (``*`` × 50 000) is read like any other; an image keeps only its alt text
    (``content``), its escapes read as the text they stand for."""
    stack = [Run("", bold=False, italic=False)]
    pieces = []
    for child in inline.children or []:
        how = stack[-1]
        if child.nesting == 1:
            stack.append(_opened(child, how))
        elif child.nesting == -1:
            stack.pop()
        else:
            child.meta.update(run=how, outer=len(stack) == 1)
            if child.type == "image":  # its alt text as read, escapes undone (B3)
                child.content = _AS_TEXT.renderInlineAsText(
                    child.children or [], _PARSER.options, {}
                )
                child.children = None
            pieces.append(child)
    inline.children = pieces


def _opened(token: Token, how: Run) -> Run:
    """The Run in force inside the element ``token`` opens, within ``how``."""
    match token.type:
        case "strong_open":
            return replace(how, bold=True)
        case "em_open":
            return replace(how, italic=True)
        case "link_open":
            return replace(how, link=_link(token))
    return how


def _runs(inline: SyntaxTreeNode) -> tuple[Run, ...]:
    """The runs of an inline node flattened by ``_flatten``."""
    runs: list[Run] = []
    for node in inline.children:
        how = node.token.meta["run"] if node.token else Run("", bold=False, italic=False)
        match node.type:
            case "text" | "code_inline" | "image":
                _append(runs, replace(how, text=node.content))
            case "softbreak" | "hardbreak":
                _append(runs, replace(how, text=" "))
    return tuple(runs)


def _link(token: Token) -> str:
    href = str(token.attrs.get("href", ""))
    if not href.startswith(_LINK_SCHEMES):
        raise TemplateError(
            f"the link '{href}' is not a web or e-mail address",
            fix="write the whole address, starting with https:// (or mailto: for e-mail)",
        )
    return href


def _append(runs: list[Run], run: Run) -> None:
    last = runs[-1] if runs else None
    if last and (last.bold, last.italic, last.link) == (run.bold, run.italic, run.link):
        runs[-1] = replace(last, text=last.text + run.text)
    else:
        runs.append(run)
