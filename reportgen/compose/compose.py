"""Template → Memo: render the Markdown template, parse it, and fill in charts and tables.

The template (``national.<lang>.md`` or ``county.<lang>.md``) starts with TOML front
matter between ``+++`` lines (title, subtitle, publisher, authors, issn, subject),
followed by the memo text. Figures and tables are numbered in reading order.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime

from reportgen.charts import NAMES
from reportgen.charts.request import parse as parse_request
from reportgen.charts.request import rows
from reportgen.compose import tables
from reportgen.compose.markdown import ImageRef, TableRef, TextTable, parse
from reportgen.compose.numbered import figure, table
from reportgen.compose.pictures import picture
from reportgen.compose.placement import located
from reportgen.compose.render import Raw, environment, render, unmark
from reportgen.errors import TemplateError
from reportgen.files import SearchPath
from reportgen.findings.values import Findings
from reportgen.language.base import Language
from reportgen.language.typeset import typeset_block, typeset_metadata
from reportgen.model import Chart, Memo, Metadata, Table
from reportgen.theme import Theme
from reportgen.theme.glyphs import check_glyphs


@dataclass
class Context:
    """What composing needs besides the findings.

    ``labels`` is the parsed ``labels.<lang>.toml``; ``variables`` extra template
    variables (e.g. ``data`` with the dataset's description); ``created`` the build time.
    """

    search: SearchPath
    lang: Language
    labels: dict
    theme: Theme
    created: datetime
    variables: dict
    used: list[str] = field(default_factory=list)  # template files read (filled by draft)


@dataclass(frozen=True)
class ChartRequest:
    """A chart the template shows: its name (one of ``charts.NAMES``) and its place."""

    key: int  # the id of the ImageRef block it fills
    name: str


@dataclass
class Draft:
    """A rendered template waiting for its charts (``chart_requests``)."""

    findings: Findings
    front: dict
    blocks: list
    chart_requests: tuple[ChartRequest, ...]
    ctx: Context
    pictures: dict[int, Chart] = field(default_factory=dict)  # the analyst's own images

    def memo(self, charts: dict[int, Chart]) -> Memo:
        """The Memo with ``charts`` (request key → Chart) in place; figures and tables
        numbered in reading order. Raises TemplateError for a character the theme's fonts
        lack (``theme.glyphs``)."""
        blocks = _resolve(self.blocks, {**charts, **self.pictures}, self.findings, self.ctx)
        typeset = tuple(typeset_block(block, self.ctx.lang) for block in blocks)
        memo = Memo(self._metadata(), typeset, self.ctx.labels["data"])
        check_glyphs(memo, self.ctx.theme)
        return memo

    def text(self) -> Memo:
        """The Memo without its figures and tables: all that is known before the charts
        are drawn (metadata, headings, paragraphs, lists)."""
        blocks = (b for b in self.blocks if not isinstance(b, ImageRef | TableRef))
        memo = Memo(self._metadata(), tuple(typeset_block(b, self.ctx.lang) for b in blocks))
        check_glyphs(memo, self.ctx.theme)
        return memo

    def _metadata(self) -> Metadata:
        meta = _metadata(self.front, self.ctx, self.findings.year)
        return typeset_metadata(meta, self.ctx.lang)


def template_variables(findings: Findings, ctx: Context) -> dict:
    """The variables every template sees: ``f`` (the findings), ``year``, ``labels``,
    ``county`` and the context's extras (the data's description, key findings)."""
    return {
        "f": findings,
        "year": findings.year,
        "labels": ctx.labels,
        "county": findings.unit.county,
        **ctx.variables,
    }


def draft(findings: Findings, template_name: str, ctx: Context) -> Draft:
    """Render ``template_name`` for ``findings``; the Draft lists the charts to draw, so
    the caller can have them drawn elsewhere before ``Draft.memo()``. Raises TemplateError."""
    env = environment(ctx.search.folders, ctx.lang)
    variables = {
        **template_variables(findings, ctx),
        "today": ctx.created.date(),
        "table": lambda name, caption="": Raw(f"@@table:{name}|{caption}@@"),
    }
    text = render(env, template_name, variables, marked=True)
    used = list(getattr(env.loader, "used", ()))
    ctx.used.extend(used)
    front, body = split_front_matter(text, used[0] if used else template_name)
    try:
        blocks = parse(body)
        images = [ref for ref in blocks if isinstance(ref, ImageRef)]
        requests = tuple(
            ChartRequest(id(ref), _chart_name(ref, findings, ctx.labels, used))
            for ref in images
            if _is_chart(ref)
        )
        pictures = {
            id(ref): picture(ref.src, ref.alt, ctx.search, ctx.theme)
            for ref in images
            if not _is_chart(ref)
        }
        for ref in blocks:
            if isinstance(ref, TableRef) and ref.name not in tables.TABLES:
                try:
                    tables.build(ref.name, findings, ctx.labels, ctx.lang)  # raises the error
                except TemplateError as exc:
                    raise located(exc, used, f'"{ref.name}"') from None
    except TemplateError as exc:
        raise located(exc, used) from None
    return Draft(findings, front, blocks, requests, ctx, pictures)


def _is_chart(ref: ImageRef) -> bool:
    """Whether an image names a chart (``chart:NAME``, or a bare chart name) or a file."""
    return ref.src.startswith("chart:") or "." not in ref.src


def split_front_matter(text: str, name: str) -> tuple[dict, str]:
    """TOML between leading ``+++`` lines, and the rest, from rendered ``text`` (its printed
    values marked, see ``render.unmark``): values from the data are escaped as TOML in the
    front matter and as Markdown in the body. Raises TemplateError if the TOML is broken."""
    if not text.startswith("+++"):
        return {}, unmark(text)
    try:
        _, front, body = text.split("+++", 2)
        return tomllib.loads(unmark(front, toml=True)), unmark(body)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise TemplateError(
            f"the front matter between +++ lines is not valid TOML ({exc})",
            file=name,
            fix='write lines like: title = "…"',
        ) from None


def _metadata(front: dict, ctx: Context, year: int) -> Metadata:
    keys = ("title", "subtitle", "authors", "subject")
    values = {k: str(front.get(k, "")) for k in keys}
    words = ctx.labels["front"]
    contact = str(front.get("contact", "")).strip()
    return Metadata(
        **values,
        publisher=str(front.get("publisher", "")).strip() or publisher_of(year, words),
        issn=_issn(str(front.get("issn", ""))),
        date=publication_date(front, ctx, year),
        language=ctx.lang.bcp47,
        created=ctx.created,
        keywords=tuple(front.get("keywords", ())),
        series=" ".join(str(front.get(k, "")).strip() for k in ("series", "number")).strip(),
        contact=words["contact"].format(contact=contact) if contact else "",
        year=year,
    )


def publisher_of(year: int, words: dict) -> str:
    """The publisher valid for ``year`` when the front matter names none: Kompetanse Norge up
    to and including 2020, HK-dir from 2021 (Kompetanse Norge became part of the Directorate
    for Higher Education and Skills on 1 July 2021, and its 2021 memos were HK-dir's).
    ``words`` is [front] of ``labels.<lang>.toml``."""
    return words["publisher_from_2021" if year >= 2021 else "publisher_until_2020"]


def publication_date(front: dict, ctx: Context, year: int) -> str:
    """The printed date: the front matter's ``date``, else ``[published]`` of the data's
    ``about.toml`` for ``year`` (a date such as 2020-06-15, printed "15. juni 2020", or text
    such as "juni 2020"); else the build date, marked as a draft ("Utkast, 1. desember 2026")."""
    given = front.get("date") or ctx.variables.get("data", {}).get("published", {}).get(str(year))
    if isinstance(given, date):
        return ctx.lang.date(given)
    if given:
        return str(given)
    return ctx.labels["front"]["draft_date"].format(date=ctx.lang.date(ctx.created.date()))


def _issn(number: str) -> str:
    """The ISSN line as printed: "ISSN " (the international label) before the number."""
    number = number.strip()
    if not number or number.upper().startswith("ISSN"):
        return number
    return f"ISSN {number}"


def _resolve(blocks: list, charts: dict, findings, ctx: Context) -> list:
    figure_no = table_no = 0
    result = []
    for block in blocks:
        if isinstance(block, ImageRef):
            figure_no += 1
            block = figure(block, figure_no, charts[id(block)], findings, ctx)
        elif isinstance(block, TableRef):
            table_no += 1
            block = table(block, table_no, findings, ctx)
        elif isinstance(block, TextTable):
            table_no += 1
            label = f"{ctx.labels['captions']['table']} {table_no}"
            block = Table(block.header, block.rows, label, block.caption, block.align)
        result.append(block)
    return result


def _chart_name(ref: ImageRef, findings, labels, used: list[str]) -> str:
    """The chart an image names (``chart:NAME`` or ``chart:NAME?dimension=…``), checked
    against the data and labels before it is drawn (an error at the template line of
    ``used`` naming it). TemplateError if unknown or no alt."""
    name = ref.src.removeprefix("chart:")
    if not ref.src.startswith("chart:"):
        raise TemplateError(f"unknown chart '{ref.src}'", fix=f"write chart:{name}")
    try:
        request = parse_request(name, NAMES)
    except TemplateError as exc:
        raise TemplateError(f"unknown chart '{ref.src}'", fix=exc.fix) from None
    if request.dimension or request.service:
        try:
            rows(request, findings, labels)
        except TemplateError as exc:
            raise located(exc, used, ref.src) from None
    if not ref.alt.strip():
        raise TemplateError(
            f"the chart '{name}' has no alt text", fix="write what the chart shows inside ![…]"
        )
    return name
