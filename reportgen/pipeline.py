"""One memo from its Job to its files: draft → charts → every format of the table.

The Job comes from the recipe (``recipe.prepare``); the formats from the table of formats
(``formats``). With a helper process (see ``workers``), the helper draws the charts and
then lays out the print edition and renders its PDF, while this process writes the
article, the web page and the data companion, and then the DOCX with the PDF's Layout.
Every file goes through one ``Staging``: a memo's files appear together or not at all.
"""

from __future__ import annotations

from concurrent.futures import Executor, Future
from dataclasses import dataclass, replace
from pathlib import Path

from reportgen import charts, formats, provenance, workers
from reportgen.compose import web
from reportgen.compose.article import ArticleDraft, compose_article, draft_article
from reportgen.compose.compose import Draft
from reportgen.compose.site_index import headline
from reportgen.config import Settings
from reportgen.dataset.load import Dataset, load_dataset
from reportgen.files.output import Staging
from reportgen.findings.values import Findings
from reportgen.model import Layout, Memo
from reportgen.recipe import Job, draft_memo, prepare
from reportgen.theme import Theme
from reportgen.theme.fit import for_memo


@dataclass(frozen=True)
class Result:
    """What one memo run wrote (in the order of ``Settings.formats``, the CSV files last)
    and its findings. ``pending`` gives the print edition's files (path → bytes) once the
    helper has laid it out (``Printing``); its ``result()`` raises a writer's error."""

    files: tuple[Path, ...]
    findings: Findings
    language: str
    manifest: dict  # this memo's record in manifest.json
    pending: Printing
    stem: str = ""  # the memo's file name without suffix, its key in manifest.json


def build_memo(
    settings: Settings,
    dataset: Dataset | None = None,
    *,
    county: str | None = None,
    workers: Executor | None = None,
) -> Result:
    """Build the memo for ``settings.year``: national, or for the county with code ``county``.

    Writes OUTPUT/YEAR/karriereveiledning-YEAR-LANG.* (national) or
    OUTPUT/YEAR/fylker/CODE-NAME-YEAR-LANG.* in every format of ``settings.formats`` (see
    ``formats``), and merges the memo's record into manifest.json beside them. ``workers``
    is a running ``workers.start()`` pool that draws the charts and renders the PDF and
    DOCX; without one, everything runs here. Raises DataError, ConfigError (a year or
    county not in the data), TemplateError, OutputError or DiskError (see
    ``provenance.publish``): nothing is written then, the files all appear or none.
    """
    dataset = dataset or load_dataset(settings.data, settings.encoding, settings.delimiter)
    with Staging() as staging:  # on any failure, what the memo wrote is removed
        started = start_memo(settings, dataset, county, workers)
        result = finish_memo(started, workers, staging)
        publish(result, started.job.folder, staging)
    return result


@dataclass
class Started:
    """A memo whose template is rendered and whose charts are being drawn."""

    job: Job
    draft: Draft
    charts: dict[int, Future]  # chart request key → the chart being drawn
    article: ArticleDraft | None = None  # the rendered article template, if asked for


def start_memo(
    settings: Settings, dataset: Dataset, county: str | None, pool: Executor | None
) -> Started:
    """Prepare the Job (``recipe.prepare``), render its template and send its charts to
    ``pool`` (or draw them here). Raises ConfigError, DataError or TemplateError; writes
    nothing."""
    job = prepare(settings, dataset, county)
    memo_draft = draft_memo(job)
    article = None
    if "article" in settings.formats:
        article = draft_article(job.findings, job.ctx, str(memo_draft.front.get("title", "")))
    ctx = job.ctx
    drawn = {
        request.key: workers.submit(
            pool, charts.draw, request.name, job.findings, ctx.labels, ctx.lang, ctx.theme
        )
        for request in memo_draft.chart_requests
    }
    return Started(job, memo_draft, drawn, article)


def finish_memo(started: Started, pool: Executor | None, staging: Staging) -> Result:
    """Wait for the charts and render every format into ``staging``: the print edition in
    ``pool`` (``Result.pending``), the rest here meanwhile. Returns before the print
    edition is done; ``publish`` writes it and gives the files their names."""
    job = started.job
    names = formats.file_names(job.stem, job.settings.formats)
    counties = job.dataset.classification.counties
    if started.article is not None:  # needs no chart: written while they are drawn
        article = compose_article(started.article, started.draft.text(), job.ctx, names, job.quote)
        article = replace(article, name_languages=web.name_languages(counties))
        page = formats.render("article", article, job.ctx.theme, Layout())  # no page furniture
        staging.write(job.folder / names["article"], page)
    formats.preload(job.settings.formats)  # while the charts are drawn
    memo = web.for_web(memo_of(started), names, job.stem, counties)
    theme = for_memo(job.ctx.theme, memo.metadata)
    files, pending = write_formats(memo, theme, job, pool, staging)
    record = provenance.memo_record(
        job.settings,
        job.dataset,
        job.ctx,
        job.findings,
        files,
        memo.metadata.created.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    record.update(
        title=memo.metadata.title,
        headline=headline(job.findings, job.ctx.labels, job.ctx.lang),
        contents=formats.contents(memo, job.settings.formats),
    )
    return Result(files, job.findings, job.ctx.lang.code, record, pending, job.stem)


def write_formats(
    memo: Memo, theme: Theme, job: Job, pool: Executor | None, staging: Staging
) -> tuple[tuple[Path, ...], Printing]:
    """Render ``memo`` in every format of the job's settings but the article, each by its
    entry in the table of formats: the print edition (``laid_out``: PDF, DOCX) laid out
    once in a helper of ``pool``, which renders those marked ``helper`` (the PDF); the
    others here, into ``staging``. Returns every path (the formats' order, their parts
    last) and the print edition under way."""
    chosen = job.settings.formats
    paths = formats.output_paths(job.folder, job.stem, chosen)
    printed = tuple(name for name in chosen if formats.FORMATS[name].helper)
    laid_out = tuple(name for name in chosen if formats.FORMATS[name].laid_out)
    pending: Future = Future()
    pending.set_result((Layout(), {}))
    if laid_out:
        pending = workers.submit(pool, formats.render_print, memo, theme, printed)
    parts: list[Path] = []
    for name in chosen:
        if formats.FORMATS[name].laid_out or formats.FORMATS[name].document != "memo":
            continue
        staging.write(paths[name], formats.render(name, memo, theme, Layout()))
        for part, data in formats.parts(name, memo, job.stem).items():
            parts.append(job.folder / part)
            staging.write(parts[-1], data)
    staging.futures.append(pending)
    here = tuple(name for name in laid_out if name not in printed)
    return (*paths.values(), *parts), Printing(pending, memo, theme, here, paths)


class Printing:
    """The print edition under way: the helper's Future of (Layout, format → bytes) and
    the ``here`` formats (the DOCX) this process renders with that Layout once it is
    there; ``paths`` the file of each format."""

    def __init__(self, helper: Future, memo: Memo, theme: Theme, here: tuple, paths: dict):
        self.helper, self.memo, self.theme, self.here, self.paths = helper, memo, theme, here, paths

    def done(self) -> bool:
        """Whether the helper is done (``result`` then waits only for the formats here)."""
        return self.helper.done()

    def result(self) -> dict[Path, bytes]:
        """Every print file's path → bytes; raises the error of a writer, here or there."""
        layout, files = self.helper.result()
        for name in self.here:
            files[name] = formats.render(name, self.memo, self.theme, layout)
        return {self.paths[name]: data for name, data in files.items()}


def publish(result: Result, folder: Path, staging: Staging) -> None:
    """Write the print edition once rendered, then give every file of ``result`` in
    ``staging`` its name and merge its record into the manifest (``provenance.publish``).
    Raises the writer's error, OutputError or DiskError; none of the files is there then."""
    for path, data in result.pending.result().items():
        staging.write(path, data)
    provenance.publish(folder, result.stem, result.manifest, staging)


def preview_pages(settings: Settings, dataset: Dataset, county: str | None, pool) -> dict:
    """The memo's web page, and its article if ``settings.formats`` has "article", as HTML
    text by file name, as ``build_memo`` writes them (nothing written); ``pool`` draws the
    charts (an Executor, or None). Raises ConfigError, DataError or TemplateError."""
    from reportgen.html_writer.page import html_text

    started = start_memo(settings, dataset, county, pool)
    job = started.job
    names = formats.file_names(job.stem, ("html", *settings.formats))
    counties = job.dataset.classification.counties
    memo = web.for_web(memo_of(started), names, job.stem, counties)
    theme = for_memo(job.ctx.theme, memo.metadata)  # the article's too (same metadata)
    pages = {names["html"]: html_text(memo, theme)}
    if started.article is not None:
        article = compose_article(started.article, memo, job.ctx, names, job.quote)
        article = replace(article, name_languages=memo.name_languages)
        pages[names["article"]] = html_text(article, theme)
    return pages


def memo_of(started: Started) -> Memo:
    """The started memo's Memo, once its charts are drawn (raises a chart's error)."""
    return started.draft.memo({key: chart.result() for key, chart in started.charts.items()})


def compose_memo(settings: Settings, dataset: Dataset, county: str | None = None) -> Memo:
    """The Memo for ``settings.year`` (national, or ``county``), composed here without
    writing any file. Raises ConfigError, DataError or TemplateError as ``build_memo``."""
    return memo_of(start_memo(settings, dataset, county, None))
