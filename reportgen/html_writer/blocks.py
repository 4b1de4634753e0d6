"""Model blocks as HTML5: headings one level below the page's title, paragraphs, real
lists, tables with caption and scoped header cells, and figures whose SVG carries the alt
text, with the chart's numbers as a table under it (``<details>``). Under every table and
figure stand its notes and its unit and source line, as in print, on screen and on paper."""

from __future__ import annotations

from base64 import b64encode
from dataclasses import replace

from markupsafe import escape

from reportgen.html_writer.hyphens import breakable
from reportgen.model import (
    BulletList,
    Figure,
    Heading,
    Links,
    PageBreak,
    Paragraph,
    Quote,
    Run,
    Table,
)


def blocks_html(blocks, details_label: str = "", language: str = "nb") -> str:
    """The HTML of ``blocks`` in order; ``details_label`` is the summary line that opens a
    chart's numbers ("Tallene i figuren"); ``language`` (BCP 47) hyphenates headings."""
    return "\n".join(block_html(block, details_label, language) for block in blocks)


def block_html(block, details_label: str = "", language: str = "nb") -> str:
    """One block as HTML; a page break is nothing on a screen."""
    match block:
        case Heading():
            level = min(block.level + 1, 6)  # the page's h1 is the memo's title
            return f"<h{level}>{escape(block.text)}</h{level}>"
        case Paragraph():
            css = "" if block.style == "body" else f' class="{block.style}"'
            return f"<p{css}>{runs_html(block.runs)}</p>"
        case BulletList():
            tag = "ol" if block.ordered else "ul"
            items = "".join(f"<li>{runs_html(item)}</li>" for item in block.items)
            return f"<{tag}>{items}</{tag}>"
        case Table():
            return table_html(block, language=language)
        case Figure():
            return figure_html(block, details_label, language)
        case PageBreak():
            return ""
        case Quote():
            return quote_html(block)
        case Links():
            return links_html(block)
    raise TypeError(f"no HTML for {type(block).__name__}")


def runs_html(runs: tuple[Run, ...]) -> str:
    """Inline runs with ``<strong>``, ``<em>`` and ``<a>`` (a link of the text: an
    https://, http:// or mailto: address, as ``compose.markdown`` allows)."""
    parts = []
    for run in runs:
        text = str(escape(run.text))
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.link:
            text = f'<a href="{escape(run.link)}">{text}</a>'
        parts.append(text)
    return "".join(parts)


def table_html(table: Table, caption: str | None = None, language: str = "nb") -> str:
    """A table in a focusable box that scrolls sideways on its own if it must, so the page
    never does; first cells of rows are row headers; the notes follow it. The long words
    of number columns' headings may break at hyphenation points of ``language``
    (``hyphens.breakable``), so the table fits a 320 px screen without scrolling."""
    if caption is None:
        caption = f"{table.label} {table.caption}".strip()
    caption = escape(caption)
    head = "".join(
        f'<th scope="col"{_align(table, i)}>{escape(_heading(table, i, text, language))}</th>'
        for i, text in enumerate(table.header)
    )
    last = len(table.rows) - 1
    body = "".join(
        _row(table, row, total=table.total_row and i == last) for i, row in enumerate(table.rows)
    )
    notes = _notes((*table.notes, table.source_line))
    return (
        f'<div class="scroll" role="region" tabindex="0" aria-label="{escape(caption)}">'
        f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table></div>{notes}"
    )


def _row(table: Table, row, *, total: bool) -> str:
    first, *rest = row
    cells = "".join(f"<td{_align(table, i + 1)}>{escape(text)}</td>" for i, text in enumerate(rest))
    css = ' class="total"' if total else ""
    return f'<tr{css}><th scope="row">{escape(first)}</th>{cells}</tr>'


def _heading(table: Table, column: int, text: str, language: str) -> str:
    return breakable(text, language) if _align(table, column) else text


def _notes(lines) -> str:
    return "".join(f'<p class="note">{escape(line)}</p>' for line in lines if line)


def _align(table: Table, column: int) -> str:
    aligned = table.align[column] if column < len(table.align) else "left"
    return ' class="num"' if aligned == "right" else ""


def figure_html(figure: Figure, details_label: str, language: str = "nb") -> str:
    """The chart as inline SVG named by its alt text (role="img"), its caption, its notes
    with unit, N and source (``Figure.source_line``), and its numbers in a table the reader
    can open (the notes are not repeated there)."""
    caption = f"{figure.label} {figure.caption}".strip()
    alt = escape(figure.alt_text)
    if figure.svg:
        svg = figure.svg.decode("utf-8").replace(
            "<svg ", f'<svg role="img" aria-label="{alt}" focusable="false" ', 1
        )
        picture = f'<div class="chart">{svg}</div>'
    else:
        picture = f'<img src="data:image/png;base64,{b64encode(figure.png).decode()}" alt="{alt}">'
    data = ""
    if figure.data is not None:
        numbers = replace(figure.data, notes=(), source_line="")
        data = (
            f"<details><summary>{escape(details_label)}</summary>"
            f"{table_html(numbers, f'{details_label}: {caption}', language)}</details>"
        )
    line = _notes((figure.source_line,))
    return f"<figure><figcaption>{escape(caption)}</figcaption>{picture}{line}{data}</figure>"


def quote_html(quote: Quote) -> str:
    """A quote as ``<blockquote>`` with who said it (if given) under it."""
    paragraphs = "".join(f"<p>{runs_html(runs)}</p>" for runs in quote.paragraphs)
    cite = (
        f"<figcaption>\u2013 {escape(quote.attribution)}</figcaption>" if quote.attribution else ""
    )
    return f'<figure class="quote"><blockquote>{paragraphs}</blockquote>{cite}</figure>'


def links_html(links: Links) -> str:
    """A list of links; a link in another language than the page says so (``lang``)."""
    items = "".join(
        f'<li><a href="{escape(link.href)}"{_lang(link.lang)}>{escape(link.text)}</a></li>'
        for link in links.items
    )
    return f'<ul class="files">{items}</ul>'


def _lang(code: str) -> str:
    return f' lang="{escape(code)}"' if code else ""
