"""Template → the web article: a news title and lead computed from the findings, an
optional quote, the memo's key findings and links to the memo's files.

The article template (``article.<lang>.md``, on the same search path as the memo's) is
rendered like a memo template. Its first paragraph is the lead; ``{{ lead() }}`` makes
the memo's first key finding the lead, so the title's news and the memo say it in the
same words and the list below does not repeat it. ``{{ quote() }}``, ``{{ hovedfunn() }}``
and ``{{ files() }}`` mark where the quote, the memo's «Hovedfunn» list (without the
finding the lead took) and the links go. The quote comes from the front matter's ``[quote]``
or, if that is empty, from ``quote.toml`` in the data folder (text, person, role).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportgen.compose.compose import Context, split_front_matter, template_variables
from reportgen.compose.markdown import parse
from reportgen.compose.render import Raw, environment, render
from reportgen.model import (
    BulletList,
    Heading,
    Link,
    Links,
    Memo,
    Metadata,
    Paragraph,
    Quote,
    Run,
)

MARKERS = {
    "lead": "@@lead@@",
    "quote": "@@quote@@",
    "hovedfunn": "@@findings@@",
    "files": "@@files@@",
}
# The formats an article links to, in this order, with the key of their link text.
LINKED = (("pdf", "link_pdf"), ("docx", "link_docx"), ("html", "link_html"), ("xlsx", "link_data"))


@dataclass(frozen=True)
class ArticleDraft:
    """A rendered article template: front matter and parsed blocks with markers."""

    front: dict
    blocks: list


def draft_article(findings, ctx: Context, memo_title: str) -> ArticleDraft:
    """Render ``article.<lang>.md`` for ``findings``; raises TemplateError."""
    env = environment(ctx.search.folders, ctx.lang)
    variables = {
        **template_variables(findings, ctx),
        "memo_title": memo_title,
        **{name: (lambda m=marker: Raw(m)) for name, marker in MARKERS.items()},
    }
    name = f"article.{ctx.lang.code}.md"
    text = render(env, name, variables, marked=True)
    ctx.used.extend(getattr(env.loader, "used", ()))
    front, body = split_front_matter(text, name)
    return ArticleDraft(front, parse(body))


def compose_article(
    draft: ArticleDraft, memo: Memo, ctx: Context, files: dict[str, str], quote_file: dict
) -> Memo:
    """The article as a Memo of ArticleBlocks. ``files`` maps a format ("pdf", "docx",
    "html", "xlsx") to the name of the memo's file in the same folder; ``quote_file`` is
    the data folder's ``quote.toml`` ({} without one), used when the front matter has none."""
    quote = _quote(draft.front.get("quote", {}), quote_file)
    words = ctx.labels["data"]
    links = Links(tuple(Link(words[key], files[fmt]) for fmt, key in LINKED if fmt in files))
    findings = key_findings(memo)
    first = None
    if findings is not None and any(_marker(b) == MARKERS["lead"] for b in draft.blocks):
        first = Paragraph(findings.items[0], style="lead")
        findings = replace(findings, items=findings.items[1:]) if findings.items[1:] else None
    found = {
        MARKERS["lead"]: first,
        MARKERS["quote"]: quote,
        MARKERS["hovedfunn"]: findings,
        MARKERS["files"]: links if links.items else None,
    }
    blocks, lead = [], True
    for block in draft.blocks:
        marker = _marker(block)
        if marker in found:
            block, lead = found[marker], lead and marker != MARKERS["lead"]
        elif isinstance(block, Paragraph) and lead:
            block, lead = replace(block, style="lead"), False
        if block is not None:
            blocks.append(block)
    if findings is None:  # nothing left under the findings' heading
        blocks = _without_empty_heading(blocks)
    meta = memo.metadata
    title = str(draft.front.get("title") or meta.title)
    metadata = Metadata(
        title,
        str(draft.front.get("subtitle", meta.subtitle)),
        str(draft.front.get("publisher", meta.publisher)),
        meta.authors,
        str(draft.front.get("subject", meta.subject)),
        meta.issn,
        meta.date,
        meta.language,
        meta.created,
        tuple(draft.front.get("keywords", ())),
    )
    return Memo(metadata, tuple(blocks))


def key_findings(memo: Memo) -> BulletList | None:
    """The memo's key findings: the first list after its first heading («Hovedfunn»)."""
    seen_heading = False
    for block in memo.blocks:
        seen_heading = seen_heading or isinstance(block, Heading)
        if seen_heading and isinstance(block, BulletList):
            return block
    return None


def _without_empty_heading(blocks: list) -> list:
    """``blocks`` without a heading that is followed by another heading or nothing."""
    return [
        block
        for i, block in enumerate(blocks)
        if not isinstance(block, Heading)
        or (i + 1 < len(blocks) and not isinstance(blocks[i + 1], Heading))
    ]


def _marker(block) -> str | None:
    if isinstance(block, Paragraph) and len(block.runs) == 1:
        return block.runs[0].text.strip()
    return None


def _quote(front: dict, quote_file: dict) -> Quote | None:
    """The quote of the front matter if it has text, else of ``quote_file``, else None."""
    values = front if str(front.get("text", "")).strip() else quote_file
    if not str(values.get("text", "")).strip():
        return None
    who = ", ".join(
        part for part in (str(values.get(k, "")).strip() for k in ("person", "role")) if part
    )
    return Quote(((Run(str(values["text"]).strip()),),), who)
