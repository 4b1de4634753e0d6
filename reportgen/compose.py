"""Template → Memo: render the Markdown template, parse it, and fill in charts and tables.

The template (``national.<lang>.md`` or ``county.<lang>.md``) starts with TOML front
matter between ``+++`` lines (title, subtitle, publisher, authors, issn, subject),
followed by the memo text. Figures and tables are numbered in reading order.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field

from . import tables
from .charts_names import NAMES
from .errors import TemplateError
from .markdown_model import ImageRef, TableRef, parse
from .model import Figure, Memo, Metadata, Table
from .parallel import submit
from .render import Raw, environment, render



@dataclass
class Context:
    """What composing needs besides the findings.

    ``search`` is a lookup.SearchPath; ``labels`` the parsed ``labels.<lang>.toml``;
    ``variables`` extra template variables (e.g. ``data`` with the dataset's description).
    """

    search: object
    lang: object
    labels: dict
    theme: object
    created: object  # datetime.datetime in UTC
    variables: dict
    pool: object = None  # a parallel.helper() pool that draws the charts, or None
    used: list = field(default_factory=list)  # template files read (filled by compose)


def compose(findings, template_name: str, ctx: Context) -> Memo:
    """Render ``template_name`` for ``findings`` into a Memo. Raises TemplateError."""
    return draft(findings, template_name, ctx).memo()


@dataclass
class Draft:
    """A rendered template whose charts are being drawn (in the helper, if there is one)."""

    findings: object
    front: dict
    blocks: list
    charts: dict  # id of an ImageRef block → pending chart (a Future of a Chart)
    ctx: Context

    def memo(self) -> Memo:
        """The Memo, once the charts are drawn; figures and tables numbered in order."""
        blocks = _resolve(self.blocks, self.charts, self.findings, self.ctx)
        return Memo(_metadata(self.front, self.ctx), tuple(blocks))


def draft(findings, template_name: str, ctx: Context) -> Draft:
    """Render ``template_name`` for ``findings`` and start drawing its charts, so the
    caller can do other work before ``Draft.memo()``. Raises TemplateError."""
    env = environment(ctx.search.folders, ctx.lang)
    variables = {"f": findings, "year": findings.year, "labels": ctx.labels,
                 "county": findings.unit.county, "today": ctx.created.date(),
                 "table": lambda name, caption="": Raw(f"@@table:{name}|{caption}@@"),
                 **ctx.variables}
    text = render(env, template_name, variables)
    ctx.used.extend(env.loader.used)
    front, body = split_front_matter(text, template_name)
    blocks = parse(body)
    charts = {id(ref): submit(ctx.pool, "reportgen.chart_kinds:render", _chart_name(ref),
                              findings, ctx.labels, ctx.lang, ctx.theme)
              for ref in blocks if isinstance(ref, ImageRef)}
    return Draft(findings, front, blocks, charts, ctx)


def split_front_matter(text: str, name: str) -> tuple[dict, str]:
    """TOML between leading ``+++`` lines, and the rest. Raises TemplateError if broken."""
    if not text.startswith("+++"):
        return {}, text
    try:
        _, front, body = text.split("+++", 2)
        return tomllib.loads(front.replace("\\", "")), body
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise TemplateError(f"the front matter between +++ lines is not valid TOML ({exc})",
                            file=name, fix="write lines like: title = \"…\"") from None


def _metadata(front: dict, ctx: Context) -> Metadata:
    keys = ("title", "subtitle", "publisher", "authors", "subject", "issn")
    values = {k: str(front.get(k, "")) for k in keys}
    return Metadata(**values, date=str(front.get("date") or ctx.lang.date(ctx.created.date())),
                    language=ctx.lang.bcp47, created=ctx.created.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    keywords=tuple(front.get("keywords", ())))


def _resolve(blocks: list, charts: dict, findings, ctx: Context) -> list:
    figure_no = table_no = 0
    result = []
    for block in blocks:
        if isinstance(block, ImageRef):
            figure_no += 1
            block = _figure(block, figure_no, charts[id(block)].result(), ctx)
        elif isinstance(block, TableRef):
            table_no += 1
            block = _table(block, table_no, findings, ctx)
        result.append(block)
    return result


def _chart_name(ref: ImageRef) -> str:
    name = ref.src.removeprefix("chart:")
    if not ref.src.startswith("chart:") or name not in NAMES:
        raise TemplateError(f"unknown chart '{ref.src}'", fix="use one of: " + ", ".join(
            f"chart:{n}" for n in sorted(NAMES)))
    if not ref.alt.strip():
        raise TemplateError(f"the chart '{name}' has no alt text",
                            fix="write what the chart shows inside ![…]")
    return name


def _figure(ref: ImageRef, number: int, chart, ctx: Context) -> Figure:
    label = f"{ctx.labels['captions']['figure']} {number}"
    return Figure(chart.png, chart.width_cm, chart.height_cm, label, ref.caption, ref.alt)


def _table(ref: TableRef, number: int, findings, ctx: Context) -> Table:
    header, rows, align, notes = tables.build(ref.name, findings, ctx.labels, ctx.lang)
    label = f"{ctx.labels['captions']['table']} {number}"
    return Table(tuple(header), tuple(tuple(r) for r in rows), label, ref.caption,
                 tuple(align), tuple(notes))
