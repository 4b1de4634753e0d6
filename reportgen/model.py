"""The format-neutral memo model: a tree of frozen dataclasses.

Writers (``docx_writer``, ``pdf_writer``) lay out what this model holds; they never
compute or format numbers. All text is final, reader-facing Norwegian.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime


@dataclass(frozen=True)
class Run:
    """A stretch of inline text with one set of emphasis flags; ``link`` is the URL the
    text links to ("https://…" or "mailto:…"), or "" for plain text."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str = ""


@dataclass(frozen=True)
class Heading:
    """A section heading; ``level`` 1 is a chapter, 2 a section, 3 a subsection."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inline runs. ``style``: "body", "lead" (intro) or "note" (small print)."""

    runs: tuple[Run, ...]
    style: str = "body"


@dataclass(frozen=True)
class BulletList:
    """A real list; each item is a tuple of runs. ``ordered`` gives 1., 2., … instead of bullets."""

    items: tuple[tuple[Run, ...], ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    """A table with one header row that repeats across pages.

    ``label`` is the numbered caption label ("Tabell 1"), ``caption`` the caption text.
    ``align`` holds "left" or "right" per column (numbers right). ``notes`` are printed
    below the table in small type (sources, the suppression symbol).
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    label: str
    caption: str
    align: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A chart or picture: PNG bytes, its printed size in cm, caption and alt text."""

    png: bytes
    width_cm: float
    height_cm: float
    label: str
    caption: str
    alt_text: str


@dataclass(frozen=True)
class Chart:
    """A rendered chart before it becomes a Figure: PNG bytes and its printed size in cm.
    Defined here, not in ``charts``, so receiving one from the helper imports no matplotlib."""

    png: bytes
    width_cm: float
    height_cm: float


@dataclass(frozen=True)
class Quote:
    """A quotation set apart from the text: its paragraphs of runs and, if given, who said
    it ("Kari Nordmann, rådgiver i Vestland fylkeskommune"), without a leading dash."""

    paragraphs: tuple[tuple[Run, ...], ...]
    attribution: str = ""


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""


Block = Heading | Paragraph | BulletList | Table | Figure | Quote | PageBreak


@dataclass(frozen=True)
class Metadata:
    """Document properties and the title-page block.

    ``language`` is a BCP 47 tag ("nb-NO" or "nn-NO"); ``date`` is the printed date text;
    ``created`` is the build moment (UTC) used for the file metadata (build clock).
    ``issn`` is the printed text, label included ("ISSN 1894-6844"), or "".
    """

    title: str
    subtitle: str = ""
    publisher: str = ""
    authors: str = ""
    subject: str = ""
    issn: str = ""
    date: str = ""
    language: str = "nb-NO"
    created: datetime = datetime(2000, 1, 1, tzinfo=UTC)
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Memo:
    """A whole memo: metadata plus the body blocks in reading order."""

    metadata: Metadata
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        """The memo as plain JSON-ready data, for golden tests that show a wording change
        as a readable diff: each block with its kind, images by size and SHA-256."""
        meta = {**asdict(self.metadata), "created": self.metadata.created.isoformat()}
        return {"metadata": meta, "blocks": [_block_dict(block) for block in self.blocks]}


def _block_dict(block: Block) -> dict:
    if isinstance(block, Figure):
        fields = {k: v for k, v in asdict(block).items() if k != "png"}
        return {"kind": "Figure", **fields, "png_sha256": hashlib.sha256(block.png).hexdigest()}
    return {"kind": type(block).__name__, **asdict(block)}
