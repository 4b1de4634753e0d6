"""The format-neutral memo model: a tree of frozen dataclasses.

Writers (``docx_writer``, ``pdf_writer``) lay out what this model holds; they never
compute or format numbers. All text is final, reader-facing Norwegian.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
class Number:
    """The value a table cell shows, rounded as it is shown, for data files (XLSX, CSV).

    ``style`` names how the cell reads: "integer" ("20 958"), "decimal1" ("20,9"),
    "percent0" ("95 %"), "percent1" ("6,9 %") or "signed_percent1" ("+6,9 %", "−3,1 %");
    ``value`` is in the unit shown (percent as 6.9, not 0.069). ``tenths`` is, for a share
    the memo shows in whole percent, the share to one decimal, which the data files give.
    """

    value: float
    style: str = "integer"
    tenths: float | None = None  # a whole percent to one decimal, for the data files (21.6)


@dataclass(frozen=True)
class Table:
    """A table with one header row that repeats across pages.

    ``label`` is the numbered caption label ("Tabell 1"), ``caption`` the caption text.
    ``align`` holds "left" or "right" per column (numbers right). ``notes`` are printed
    below the table in small type (sources, the suppression symbol). ``numbers`` holds,
    row by row, the Number each cell shows, or None for text and symbols (":", ".", "..");
    empty if not known. ``unit`` and ``source`` are the lines a data file gives the table.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    label: str
    caption: str
    align: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    numbers: tuple[tuple[Number | None, ...], ...] = ()
    unit: str = ""
    source: str = ""
    source_line: str = ""  # printed under the table: unit and source ("Antall personer. Kilde: …")
    total_row: bool = False  # the last row sums the others (set off: bold, a rule above)


@dataclass(frozen=True)
class Series:
    """One series of bars in a ChartSpec: its ``name`` (the key's text, the workbook's column
    heading), a value per category in the unit shown and rounded as shown (percent as 6.9),
    None where no bar stands (a hidden count ":", a missing year ".."), its ``colour``
    ("#rrggbb"), and per category, where some differ, a colour (``point_colours``) and a
    label text instead of the value (``point_labels``; "" keeps the value)."""

    name: str
    values: tuple[float | None, ...]
    colour: str
    point_colours: tuple[str, ...] = ()
    point_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChartSpec:
    """What a chart shows, for a writer that draws the chart itself (the DOCX's native
    Word chart): ``kind`` "bars" (horizontal, the first category on top) or "columns"
    (vertical, the first on the left); ``categories`` in reading order; ``series`` side by
    side in each category (the first on top or left); ``style`` the Number.style of every
    value (its number format); ``gap`` the space between categories in percent of a bar's
    thickness and ``overlap`` the overlap of the bars of one category in percent (negative:
    a space between them), as Office charts measure them; ``box`` where the bars stand in
    the chart (without category names and key): left, bottom, right, top as fractions of
    its width and height from its lower left corner; ``value_max`` the value at the box's
    far end (from 0), a scale that charts set one above the other may share."""

    kind: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    style: str = "integer"
    gap: int = 50
    overlap: int = 0
    box: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)
    value_max: float | None = None


@dataclass(frozen=True)
class Figure:
    """A chart or picture: PNG bytes, its printed size in cm, caption and alt text.

    ``svg`` is the same chart as SVG with its text as text (empty if not drawn as SVG);
    ``data`` the numbers the chart shows, as a Table (None for a picture); ``spec`` what
    the chart shows, for a native chart (None for a picture).
    """

    png: bytes
    width_cm: float
    height_cm: float
    label: str
    caption: str
    alt_text: str
    svg: bytes = b""
    data: Table | None = None
    source_line: str = ""  # printed under the figure: unit, N (survey charts) and source
    spec: ChartSpec | None = None


@dataclass(frozen=True)
class Chart:
    """A rendered chart before it becomes a Figure: PNG bytes and its printed size in cm,
    the SVG (empty unless asked for), the numbers it shows (``data``, without label and
    caption) and what it shows for a native chart (``spec``). Defined here, not in
    ``charts``, so receiving one imports no matplotlib."""

    png: bytes
    width_cm: float
    height_cm: float
    svg: bytes = b""
    data: Table | None = None
    source: str = "reporting"  # where the numbers come from: "reporting", "survey", "services"
    spec: ChartSpec | None = None


@dataclass(frozen=True)
class Link:
    """A link to another file: its text, its relative address and, if it differs from
    the page's, the language of the text ("nn")."""

    text: str
    href: str
    lang: str = ""


@dataclass(frozen=True)
class Links:
    """A list of links (the article's links to the memo's PDF, DOCX and HTML)."""

    items: tuple[Link, ...]


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
ArticleBlock = Heading | Paragraph | BulletList | Quote | Links  # the web article's blocks


def keeps_with_next(blocks: tuple) -> list[bool]:
    """Per block, whether it must stay on the page of the next one besides the headings
    (which always do): a section's first paragraph when a figure or table follows it, so a
    heading, its sentence and its chart are never split over two pages; a figure when a
    note follows it (the note is the figure's). Shared by both
    writers (the DOCX sets keep-with-next on the same paragraphs)."""
    keep = [False] * len(blocks)
    for i in range(1, len(blocks) - 1):
        after_heading = isinstance(blocks[i - 1], Heading)
        before_chart = isinstance(blocks[i + 1], Figure | Table)
        keep[i] = isinstance(blocks[i], Paragraph) and after_heading and before_chart
        note = isinstance(blocks[i + 1], Paragraph) and blocks[i + 1].style == "note"
        keep[i] = keep[i] or (isinstance(blocks[i], Figure) and note)  # a figure's own note
    return keep


@dataclass(frozen=True)
class Layout:
    """How the print edition is laid out, as the PDF writer decided it
    (``pdf_writer.lay_out``). The DOCX writer is handed the same value, so the two formats
    have the same pages whatever the theme, reference document or template folder. Every
    memo is set at the house sizes: no figure is drawn smaller and no space is cut to make
    a page fit; the pages are decided by where the blocks go.

    ``order`` the block indices in the order they are printed (empty: as written), where a
    figure waits for the top of the next page while the text after it fills the page it
    did not fit on; ``loose`` the indices of the blocks no longer kept on the page of the
    next one (a section's sentence whose figure or table starts the next page, rather than
    leave a hole); ``page_starts`` the indices of the blocks that begin a page;
    ``column_shares`` block index → a table's column widths as shares of the text width
    (measured with the font's metrics); ``table_sizes`` block index → the type size in
    points of a table's cells where it is smaller than the house's (so no column breaks
    inside a number; only those listed).
    """

    order: tuple[int, ...] = ()
    loose: frozenset[int] = frozenset()
    page_starts: tuple[int, ...] = ()
    column_shares: dict[int, tuple[float, ...]] = field(default_factory=dict)
    table_sizes: dict[int, float] = field(default_factory=dict)


def printed(blocks: tuple, layout: Layout) -> list[tuple[int, Block, bool]]:
    """(index, block, whether it stays on the page of the block printed after it) for each
    block in ``layout``'s order: ``keeps_with_next`` for the block that follows it as
    written, unless ``layout`` loosens it or puts another block between them."""
    order = layout.order or tuple(range(len(blocks)))
    keeps = keeps_with_next(blocks)
    after = {index: following for index, following in zip(order, order[1:])}
    return [
        (i, blocks[i], keeps[i] and i not in layout.loose and after.get(i) == i + 1) for i in order
    ]


@dataclass(frozen=True)
class Metadata:
    """Document properties and the title-page block.

    ``language`` is a BCP 47 tag ("nb-NO" or "nn-NO"); ``date`` is the printed date text;
    ``created`` is the build moment (UTC) used for the file metadata (build clock).
    ``issn`` is the printed text, label included ("ISSN 1894-6844"), or "".
    ``series`` is the document type with its number as printed above the title
    ("Notat 2020:3", or "Notat"); ``contact`` the printed contact line ("Kontakt: …") or "";
    ``year`` the year the memo is about (0 if unknown).
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
    series: str = ""
    contact: str = ""
    year: int = 0

    def identity_lines(self) -> tuple[str, ...]:
        """The lines under the title on page 1, in order, as both writers print them:
        publisher, authors, date, contact, ISSN (those that are given)."""
        lines = (self.publisher, self.authors, self.date, self.contact, self.issn)
        return tuple(line for line in lines if line.strip())


@dataclass(frozen=True)
class Memo:
    """A whole memo: metadata plus the body blocks in reading order. ``words`` are the
    reader-facing words a writer needs besides the blocks (the [data] section of
    ``labels.<lang>.toml``: the data companion's sheet titles, the line that opens a
    chart's numbers on the web page). ``files`` are the links the web page gives to the
    memo's other files (PDF, DOCX, workbook, CSV files); ``name_languages`` the Sami and
    Kven forms of place names in the memo, each with its language, for a page to mark."""

    metadata: Metadata
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    words: dict[str, str] = field(default_factory=dict)
    files: tuple[Link, ...] = ()  # the web page's links to the memo's other files
    name_languages: dict[str, str] = field(default_factory=dict)  # "Romsa" → "se" (BCP 47)
