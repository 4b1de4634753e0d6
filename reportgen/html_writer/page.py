"""A whole page: ``<!DOCTYPE html>``, language, title, the stylesheet, a header with the
memo's title block, ``<main>`` and an optional footer; and the memo's HTML file."""

from __future__ import annotations

from markupsafe import escape

from reportgen.html_writer.blocks import blocks_html
from reportgen.html_writer.languages import mark_names
from reportgen.html_writer.style import stylesheet


def page(metadata, theme, main: str, header_extra: str = "", footer: str = "") -> str:
    """The HTML document: ``metadata`` (model.Metadata) gives language, title and the
    header lines; ``main`` and ``footer`` are HTML. Nothing is fetched from anywhere."""
    meta = [
        ("description", metadata.subject),
        ("author", metadata.authors or metadata.publisher),
        ("keywords", ", ".join(metadata.keywords)),
    ]
    head_meta = "".join(
        f'<meta name="{name}" content="{escape(value)}">' for name, value in meta if value
    )
    lines = [
        f'<p class="publisher">{escape(metadata.publisher)}</p>' if metadata.publisher else "",
        f"<h1>{escape(metadata.title)}</h1>",
        f'<p class="subtitle">{escape(metadata.subtitle)}</p>' if metadata.subtitle else "",
        header_extra,
        f'<p class="date">{escape(metadata.date)}</p>' if metadata.date else "",
    ]
    foot = f"<footer>{footer}</footer>" if footer else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(metadata.language)}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(metadata.title)}</title>\n{head_meta}\n"
        f"<style>\n{stylesheet(theme)}\n</style>\n</head>\n<body>\n"
        f"<header>{''.join(lines)}</header>\n<main>\n{main}\n</main>\n{foot}\n</body>\n</html>\n"
    )


def render_html(memo, theme, _layout=None) -> bytes:
    """``memo`` (model.Memo: the memo, the article or the index) as one self-contained
    HTML page in UTF-8: CSS, fonts and charts inside it. ``layout`` is the print
    edition's and does not concern a web page (the table of formats hands it to all)."""
    return html_text(memo, theme).encode("utf-8")


def html_text(memo, theme) -> str:
    """The HTML page of ``memo`` as text; the numbers under each chart open with the
    memo's ``chart_numbers`` words (the [data] section of its labels); its files
    (``Memo.files``) are listed at the end; the Sami and Kven name forms are marked with
    their language (``languages.mark_names``)."""
    details_label = memo.words.get("chart_numbers", "")
    main = blocks_html(memo.blocks, details_label, memo.metadata.language) + files_html(memo)
    return mark_names(page(memo.metadata, theme, main), memo.name_languages)


def files_html(memo) -> str:
    """The memo's files under the heading «Filer»: a link each, the CSV files' in one
    item («Tallene som CSV-filer: Tabell 1, Figur 1 …»); "" without files."""
    if not memo.files:
        return ""
    files = [link for link in memo.files if not link.href.endswith(".csv")]
    tables = [link for link in memo.files if link.href.endswith(".csv")]
    items = [f'<li><a href="{escape(f.href)}">{escape(f.text)}</a></li>' for f in files]
    if tables:
        linked = ", ".join(f'<a href="{escape(t.href)}">{escape(t.text)}</a>' for t in tables)
        items.append(f"<li>{escape(memo.words['link_csv'])}: {linked}</li>")
    return f'\n<h2>{escape(memo.words["files"])}</h2><ul class="files">{"".join(items)}</ul>'
