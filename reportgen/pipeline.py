"""The stages in order: load → findings → compose → charts → write DOCX, PDF, HTML, the
article and the data companion (see ``outputs``).

The national memo and a county memo are the same pipeline; a county is just another unit.
With a helper process (see ``workers``), the helper draws the charts and writes the DOCX
while this process loads the PDF fonts and writes the PDF, the web pages and the data
companion.
"""

from __future__ import annotations

from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path

from reportgen import config as outputs
from reportgen import provenance, workers
from reportgen.compose.article import ArticleDraft, compose_article, draft_article
from reportgen.compose.compose import Context, Draft, draft
from reportgen.compose.site_index import headline
from reportgen.config import Settings, build_time
from reportgen.data_writer.csv_files import csv_paths
from reportgen.dataset.key_findings import key_findings
from reportgen.dataset.load import Dataset, load_dataset, read_about
from reportgen.errors import ConfigError
from reportgen.files import SearchPath, slug
from reportgen.files.output import Staging
from reportgen.findings.compute import compute
from reportgen.findings.values import County, Findings, Unit
from reportgen.language import get_language
from reportgen.model import Memo
from reportgen.theme import Theme, for_memo, load_labels, load_theme


@dataclass(frozen=True)
class Result:
    """What one memo run wrote (in the order of ``Settings.formats``) and its findings.
    ``pending`` is done once every file is written; its ``result()`` raises a writer's error."""

    files: tuple[Path, ...]
    findings: Findings
    language: str
    manifest: dict  # this memo's record in manifest.json
    pending: Future
    stem: str = ""  # the memo's file name without suffix, its key in manifest.json


def build_memo(
    settings: Settings,
    dataset: Dataset | None = None,
    *,
    county: str | None = None,
    workers: Executor | None = None,
) -> Result:
    """Build the memo for ``settings.year``: national, or for the county with code ``county``.

    Writes OUTPUT/YEAR/karriereveiledning-YEAR-LANG.{docx,pdf,html} (national) or
    OUTPUT/YEAR/fylker/CODE-NAME-YEAR-LANG.{docx,pdf,html}, the article (-artikkel.html)
    and the data companion (-tall.xlsx, tall/*.csv), as ``settings.formats`` asks, and
    merges the memo's record into manifest.json beside them. ``workers`` is a running
    ``workers.start()`` pool that draws the charts and writes the DOCX and the data
    companion; without one, everything runs here. Raises DataError, ConfigError (a year or
    county not in the data), TemplateError, OutputError or DiskError (see
    ``provenance.publish``): nothing is written then, the files all appear or none.
    """
    dataset = dataset or load_dataset(settings.data, settings.encoding, settings.delimiter)
    with Staging() as staging:  # on any failure, what the memo wrote is removed
        started = start_memo(settings, dataset, county, workers)
        result = finish_memo(started, workers, staging)
        result.pending.result()
        provenance.publish(started.folder, result.stem, result.manifest, staging)
    return result


@dataclass
class Started:
    """A memo whose findings are computed and whose charts are being drawn."""

    settings: Settings
    dataset: Dataset
    findings: Findings
    ctx: Context
    draft: Draft
    charts: dict[int, Future]  # chart request key → the chart being drawn
    folder: Path
    stem: str
    article: ArticleDraft | None = None  # the rendered article template, if asked for


def start_memo(
    settings: Settings, dataset: Dataset, county: str | None, pool: Executor | None
) -> Started:
    """Compute the findings, render the template and send its charts to ``pool`` (or draw
    them here). Raises ConfigError, DataError or TemplateError; writes nothing."""
    unit = Unit(county_of(dataset, settings.year, county)) if county else Unit()
    findings = compute(dataset, settings.year, unit, settings.threshold)
    lang = get_language(settings.language or default_language(dataset, county), settings.seven)
    search = SearchPath(settings.templates, county=county)
    folder, stem = output_place(settings, unit, lang.code)
    about = data_variables(settings.data, settings.year, lang.code, county)
    ctx = Context(
        search, lang, load_labels(search, lang.code), load_theme(search), build_time(), about
    )
    kind = "national" if unit.is_country else "county"
    memo_draft = draft(findings, f"{kind}.{lang.code}.md", ctx)
    article = None
    if "article" in settings.formats:
        article = draft_article(findings, ctx, str(memo_draft.front.get("title", "")))
    charts = {
        request.key: workers.submit(
            pool, workers.draw_chart, request.name, findings, ctx.labels, lang, ctx.theme
        )
        for request in memo_draft.chart_requests
    }
    return Started(settings, dataset, findings, ctx, memo_draft, charts, folder, stem, article)


def data_variables(data: Path, year: int, language: str, county: str | None) -> dict:
    """The template variables read from the data folder besides the findings: ``data``
    (``about.toml``) and ``key_findings`` (the analysts' own findings for this memo, from
    ``key_findings.csv``). Raises DataError for a broken key_findings.csv."""
    return {
        "data": read_about(data),
        "key_findings": key_findings(data, year, language, county),
    }


def finish_memo(started: Started, pool: Executor | None, staging: Staging) -> Result:
    """Wait for the charts, write the PDF and DOCX in ``pool`` and the rest here (see
    ``write_all``) into ``staging``; returns while the PDF and DOCX may still be written
    (``Result.pending``)."""
    settings, ctx = started.settings, started.ctx
    if "xlsx" in settings.formats:
        workers.load_data_writer()  # likewise openpyxl
    paths = outputs.output_paths(started.folder, started.stem, settings.formats)
    if started.article is not None:  # needs no chart: written while they are drawn
        write_article(started, started.article, paths, staging)
    memo = memo_of(started)
    theme = for_memo(ctx.theme, memo.metadata)
    files, pending = write_all(
        memo, theme, started.folder, started.stem, settings.formats, pool, staging
    )
    record = provenance.memo_record(
        settings,
        started.dataset,
        ctx,
        started.findings,
        files,
        memo.metadata.created.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    record.update(
        title=memo.metadata.title,
        headline=headline(started.findings, ctx.labels, ctx.lang),
        contents=outputs.contents(memo, settings.formats),
    )
    return Result(files, started.findings, ctx.lang.code, record, pending, started.stem)


def write_article(started: Started, draft: ArticleDraft, paths: dict, staging: Staging) -> Path:
    """Write the news article of ``draft`` for ``paths["article"]`` into ``staging``, linking
    the memo's other ``paths``; it holds the memo's text only: no chart need be drawn."""
    text = started.draft.text()
    linked = {fmt: path.name for fmt, path in paths.items()}
    article = compose_article(draft, text, started.ctx, linked, started.settings.data)
    theme = for_memo(started.ctx.theme, text.metadata)
    workers.write_html(article, theme, staging.staged(paths["article"]))
    return paths["article"]


def preview_pages(settings: Settings, dataset: Dataset, county: str | None, charts) -> dict:
    """The memo's web page, and its article if ``settings.formats`` has "article", as HTML
    text by file name, as ``build_memo`` writes them (nothing written); ``charts`` draws the
    charts (an Executor, or None). Raises ConfigError, DataError or TemplateError."""
    from reportgen.html_writer.page import html_text

    started = start_memo(settings, dataset, county, charts)
    memo = memo_of(started)
    theme = for_memo(started.ctx.theme, memo.metadata)  # the article's too (same metadata)
    paths = outputs.output_paths(started.folder, started.stem, ("html", *settings.formats))
    linked = {fmt: path.name for fmt, path in paths.items()}
    pages = {linked["html"]: html_text(memo, theme, memo.words.get("chart_numbers", ""))}
    if started.article is not None:
        article = compose_article(started.article, memo, started.ctx, linked, settings.data)
        pages[linked["article"]] = html_text(article, theme)
    return pages


def memo_of(started: Started) -> Memo:
    """The started memo's Memo, once its charts are drawn (raises a chart's error)."""
    return started.draft.memo({key: chart.result() for key, chart in started.charts.items()})


def compose_memo(settings: Settings, dataset: Dataset, county: str | None = None) -> Memo:
    """The Memo for ``settings.year`` (national, or ``county``), composed here without
    writing any file. Raises ConfigError, DataError or TemplateError as ``build_memo``."""
    return memo_of(start_memo(settings, dataset, county, None))


def write_all(
    memo: Memo,
    theme: Theme,
    folder: Path,
    stem: str,
    formats: tuple[str, ...],
    pool: Executor | None,
    staging: Staging,
) -> tuple[tuple[Path, ...], Future]:
    """Write the memo in every format of ``formats`` (see ``outputs``) at its name in
    ``staging`` (``publish`` renames them): the PDF, then the DOCX on the PDF's pages, in
    a helper of ``pool`` (if any); the web pages and data companion here meanwhile. Returns
    the paths (the CSV files last) and a Future done when the PDF and the DOCX are written
    (``result()`` raises their error)."""
    paths = outputs.output_paths(folder, stem, formats)
    csv_files = csv_paths(memo, folder / outputs.CSV_FOLDER, stem) if "xlsx" in paths else []
    at = {path: staging.staged(path) for path in (*paths.values(), *csv_files)}
    pending: Future = Future()
    pending.set_result(None)
    if "pdf" in paths or "docx" in paths:  # the DOCX breaks its pages where the PDF does
        pdf, docx = (at[paths[f]] if f in paths else None for f in ("pdf", "docx"))
        pending = workers.submit(pool, workers.write_print, memo, theme, pdf, docx)
        staging.futures.append(pending)
    if "html" in paths:
        workers.write_html(memo, theme, at[paths["html"]], memo.words.get("chart_numbers", ""))
    if "xlsx" in paths:
        workers.write_data(memo, memo.words, at[paths["xlsx"]], [at[p] for p in csv_files])
    return (*paths.values(), *csv_files), pending


def output_place(settings: Settings, unit: Unit, language: str) -> tuple[Path, str]:
    """Folder and ASCII file stem of a memo (county names never become paths as they are)."""
    year_folder = settings.output / str(settings.year)
    if unit.county is None:
        return year_folder, f"karriereveiledning-{settings.year}-{language}"
    name = f"{slug(unit.county.code)}-{slug(unit.county.name)}"
    return year_folder / "fylker", f"{name}-{settings.year}-{language}"


def default_language(dataset: Dataset, county: str | None) -> str:
    """The målform of a county memo from ``county_language.csv``; "nb" otherwise."""
    table = dataset.frames.get("county_language")
    if county is None or table is None:
        return "nb"
    match = table.loc[table.county_code == county, "language"]
    return match.iloc[0] if len(match) else "nb"


def county_of(dataset: Dataset, year: int, code: str) -> County:
    """The county with ``code`` in ``year``; ConfigError naming the valid codes if none."""
    county = dataset.classification.get(code, year)
    if county is None:
        valid = ", ".join(c.code for c in dataset.classification.valid_in(year))
        raise ConfigError(
            f"county {code} does not exist in {year}",
            fix=f"use a county code valid that year: {valid}",
        )
    return county
