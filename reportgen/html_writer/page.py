"""A whole page: ``<!DOCTYPE html>``, language, title, the stylesheet, a header with the
memo's title block, ``<main>`` and an optional footer; and the memo's HTML file."""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape

from reportgen.files import atomic_write
from reportgen.html_writer.blocks import blocks_html
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


def write_html(memo, theme, path: Path, details_label: str = "") -> Path:
    """Write ``memo`` (model.Memo) as one self-contained HTML file at ``path``
    (atomically): CSS, fonts and charts inside it. ``details_label`` opens the numbers
    under each chart. Raises OSError if the file cannot be written."""
    atomic_write(Path(path), html_text(memo, theme, details_label).encode("utf-8"))
    return Path(path)


def html_text(memo, theme, details_label: str = "") -> str:
    """The HTML page of ``memo`` as ``write_html`` writes it, as text (nothing written)."""
    return page(memo.metadata, theme, blocks_html(memo.blocks, details_label))
