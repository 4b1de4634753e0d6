"""Build the Word reference document (``templates/reference.docx``) holding the house styles.

Run ``python -m reportgen.docx_writer.reference templates/reference.docx`` to regenerate it. Users
may restyle the copy in Word or LibreOffice; the DOCX writer uses its styles, adds any that
are missing, and ignores its content (the sample paragraphs only show each style).
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE

from reportgen.docx_writer.package import reproducible_zip, set_core_properties
from reportgen.docx_writer.page import set_up_page
from reportgen.docx_writer.styles import STYLE_SPECS, TABLE_STYLE, ensure_styles
from reportgen.files import atomic_write
from reportgen.model import Metadata
from reportgen.theme import Theme

_SKIPPED = ("Header", "Footer")
# Parts of python-docx's default template no memo needs: Word 2010 style copies (438 kB),
# a thumbnail of another document, and custom XML. Word and LibreOffice do without them.
_UNNEEDED_PARTS = ("stylesWithEffects", "thumbnail", "customXml")
_KEPT_TABLE_STYLES = ("Normal Table", TABLE_STYLE)


def build_reference_docx(path: Path) -> None:
    """Write the reference document: default template, house styles, one sample per style."""
    theme = Theme()
    document = docx.Document()
    ensure_styles(document, theme, "nb-NO", 1.0, house=True)
    set_up_page(document, theme)
    for spec in STYLE_SPECS:
        if spec.name not in _SKIPPED:
            document.add_paragraph(spec.name, style=spec.name)
    sample = document.add_table(rows=2, cols=2)
    sample.style = document.styles[TABLE_STYLE]
    for cell, text in zip(sample._cells, ("Table", "Grid", "A", "1"), strict=True):
        cell.text = text
    set_core_properties(document, Metadata(title="reportgen reference document"))
    _slim(document)
    buffer = BytesIO()
    document.save(buffer)
    atomic_write(Path(path), reproducible_zip(buffer.getvalue()))


def _slim(document) -> None:
    """Drop the parts and the 98 unused table styles of the default template: every memo
    reads, writes and compresses this document, so its size is paid on every memo.
    Word still offers its built-in table styles (they are latent styles)."""
    for rels in (document.part.rels, document.part.package.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _UNNEEDED_PARTS:
                del rels[rel_id]
    for style in list(document.styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in _KEPT_TABLE_STYLES:
            style.element.getparent().remove(style.element)


if __name__ == "__main__":
    build_reference_docx(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/reference.docx"))
