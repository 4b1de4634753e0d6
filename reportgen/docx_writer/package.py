"""File-level concerns of the DOCX writer: safe text, core properties, reproducible zip,
atomic write."""

from __future__ import annotations

import re
from datetime import UTC

from docx.document import Document

from reportgen.files import reproducible_zip  # noqa: F401 - the DOCX writer zips through it
from reportgen.model import Metadata

# Characters XML 1.0 cannot hold (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/FFFF).
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CORE_TEXT_LIMIT = 255  # python-docx refuses longer core-property strings


def clean(text: str) -> str:
    """``text`` without the control characters XML cannot represent; all else kept as is."""
    return _XML_INVALID.sub("", text)


def set_core_properties(document: Document, meta: Metadata) -> None:
    """Title, author, language and fixed timestamps, so the same memo gives the same file."""
    props = document.core_properties
    moment = meta.created.astimezone(UTC)
    props.title = _short(meta.title)
    props.subject = _short(meta.subject)
    props.author = _short(meta.authors or meta.publisher)
    props.keywords = _short("; ".join(meta.keywords))
    props.language = _short(meta.language)
    props.last_modified_by = _short(meta.publisher)
    props.comments = props.category = ""
    props.created = props.modified = moment
    props.revision = 1


def _short(text: str) -> str:
    """Property text: plain spaces (no-break spaces are for line breaking), cut to the limit."""
    return clean(text).replace("\u00a0", " ")[:_CORE_TEXT_LIMIT]
