"""The stages in order: load → findings → compose (charts, tables) → write DOCX and PDF.

The national memo and a county memo are the same pipeline; a county is just another unit.
With a helper process (``parallel.helper``), the helper draws the charts and writes the
DOCX while this process loads the PDF fonts and writes the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import provenance
from .clock import build_time
from .compose import Context, Draft, draft
from .config import Settings
from .dataset import Dataset, load_dataset, read_about
from .errors import ConfigError
from .findings import Findings, Unit, compute
from .language import get_language
from .lineage import key_figures
from .lookup import SearchPath
from .naming import slug
from .parallel import call, helper, submit
from .theme import for_memo, load_labels, load_theme


@dataclass(frozen=True)
class Result:
    """What one memo run wrote (in the order of ``Settings.formats``) and its findings."""

    files: tuple[Path, ...]
    findings: Findings
    language: str
    manifest: dict  # this memo's record in manifest.json
    pending: object = None  # finish_memo(wait=False): the DOCX being written, or None


def build_memo(settings: Settings, dataset: Dataset | None = None, parallel: bool = True,
               county: str | None = None, manifest: bool = True, pool=None) -> Result:
    """Build the memo for ``settings.year``: national, or for the county with code ``county``.

    Writes OUTPUT/YEAR/karriereveiledning-YEAR-LANG.{docx,pdf} (national) or
    OUTPUT/YEAR/fylker/CODE-NAME-YEAR-LANG.{docx,pdf}. Raises DataError (bad data),
    ConfigError (a year or county not in the data) or TemplateError; nothing is written then.
    With ``manifest``, the memo's record is merged into manifest.json in the same folder.
    ``pool`` is a running parallel.helper(); without one, ``parallel`` starts one here.
    """
    if pool is None and parallel:
        with helper() as pool:
            return build_memo(settings, dataset, False, county, manifest, pool)
    dataset = dataset or load_dataset(settings.data, settings.encoding, settings.delimiter)
    return finish_memo(start_memo(settings, dataset, county, pool), manifest)


@dataclass
class Started:
    """A memo whose findings are computed and whose charts are being drawn."""

    settings: Settings
    dataset: Dataset
    findings: Findings
    ctx: Context
    draft: Draft
    folder: Path
    stem: str


def start_memo(settings: Settings, dataset: Dataset, county: str | None, pool) -> Started:
    """Compute the findings, render the template and send its charts to ``pool`` (or draw
    them here). Raises ConfigError, DataError or TemplateError; writes nothing."""
    unit = Unit(county_of(dataset, settings.year, county)) if county else Unit()
    findings = compute(dataset, settings.year, unit, settings.threshold)
    lang = get_language(settings.language or default_language(dataset, county), settings.seven)
    search = SearchPath(settings.templates, county=county)
    folder, stem = output_place(settings, unit, lang.code)
    ctx = Context(search, lang, load_labels(search, lang.code), load_theme(search),
                  build_time(), {"data": read_about(settings.data)}, pool)
    kind = "national" if unit.is_country else "county"
    return Started(settings, dataset, findings, ctx,
                   draft(findings, f"{kind}.{lang.code}.md", ctx), folder, stem)


def finish_memo(started: Started, manifest: bool = True, wait: bool = True) -> Result:
    """Wait for the charts, then write the files (see ``write_all``) and the manifest.
    With ``wait`` False, return while a helper may still write the DOCX: the caller
    calls ``result.pending.result()`` (which raises the writer's error, if any)."""
    settings, ctx = started.settings, started.ctx
    if "pdf" in settings.formats:
        # imports reportlab only now, after the charts went to the helper, and loads the
        # fonts while it draws them (once per process)
        call("reportgen.pdf_styles:register_fonts", ctx.theme)
    memo = started.draft.memo()
    files, pending = write_all(memo, for_memo(ctx.theme, memo.metadata), started.folder,
                               started.stem, settings.formats, ctx.pool)
    if wait and pending:
        pending.result()
        pending = None
    record = _record(settings, started.dataset, ctx, started.findings, files,
                     memo.metadata.created)
    if manifest:
        provenance.write_manifest(started.folder, {started.stem: record})
    return Result(files, started.findings, ctx.lang.code, record, pending)


def _record(settings, dataset, ctx: Context, findings, files, built: str) -> dict:
    """The memo's manifest record: inputs (and how they were read), every template file
    read, the options and the key figures with their lineage."""
    inputs = [*(Path(p) for p in dataset.files.values()), Path(settings.data) / "about.toml"]
    read_as = {str(dataset.files[name]): how for name, how in dataset.detected.items()}
    theme = ctx.theme
    templates = [*map(Path, ctx.used), ctx.search.find(f"labels.{ctx.lang.code}.toml"),
                 *(folder / "theme.toml" for folder in ctx.search.folders),
                 theme.reference_docx, theme.font_regular, theme.font_bold, theme.font_italic,
                 theme.font_bold_italic, theme.logo]
    return provenance.entry(settings, files, inputs, templates,
                            key_figures(findings, dataset), built, read_as)


def write_all(memo, theme, folder: Path, stem: str, formats, pool=None):
    """Write the memo in every format, each file atomically: the DOCX in the helper
    ``pool`` (if any), the PDF here meanwhile. Returns the paths and the pending DOCX
    (a Future: ``result()`` waits for it and raises its error), or None without a DOCX."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {fmt: folder / f"{stem}.{fmt}" for fmt in formats}
    docx = None
    if "docx" in paths:
        docx = submit(pool, "reportgen.docx_writer:write_docx", memo, theme, paths["docx"])
    if "pdf" in paths:
        call("reportgen.pdf_writer:write_pdf", memo, theme, paths["pdf"])
    return tuple(paths.values()), docx


def output_place(settings: Settings, unit: Unit, language: str) -> tuple[Path, str]:
    """Folder and ASCII file stem of a memo (county names never become paths as they are)."""
    year_folder = settings.output / str(settings.year)
    if unit.is_country:
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


def county_of(dataset: Dataset, year: int, code: str):
    """The county with ``code`` in ``year``; ConfigError naming the valid codes if none."""
    county = dataset.classification.get(code, year)
    if county is None:
        valid = ", ".join(c.code for c in dataset.classification.valid_in(year))
        raise ConfigError(f"county {code} does not exist in {year}",
                          fix=f"use a county code valid that year: {valid}")
    return county
