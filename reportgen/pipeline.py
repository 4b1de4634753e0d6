"""The stages in order: load → findings → compose (charts, tables) → write DOCX and PDF.

The national memo and a county memo are the same pipeline; a county is just another unit.
With a helper process (``parallel.helper``), the helper draws the charts and writes the
DOCX while this process loads the PDF fonts and writes the PDF.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import provenance
from .clock import build_time
from .compose import Context, draft
from .config import Settings
from .dataset import Dataset, load_dataset
from .errors import ConfigError, TemplateError
from .findings import Findings, Unit, compute
from .language import get_language
from .lineage import key_figures
from .lookup import SearchPath
from .naming import slug
from .parallel import helper, submit
from .pdf_styles import register_fonts
from .pdf_writer import write_pdf
from .theme import for_memo, load_theme


@dataclass(frozen=True)
class Result:
    """What one memo run wrote (in the order of ``Settings.formats``) and its findings."""

    files: tuple[Path, ...]
    findings: Findings
    language: str
    manifest: dict  # this memo's record in manifest.json


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
    unit = Unit(county_of(dataset, settings.year, county)) if county else Unit()
    findings = compute(dataset, settings.year, unit, settings.threshold)
    lang = get_language(settings.language or default_language(dataset, county), settings.seven)
    search = SearchPath(settings.templates, county=county)
    folder, stem = output_place(settings, unit, lang.code)
    theme = load_theme(search)
    ctx = Context(search, lang, load_labels(search, lang.code), theme, build_time(),
                  {"data": read_about(settings.data)}, pool)
    kind = "national" if unit.is_country else "county"
    pending = draft(findings, f"{kind}.{lang.code}.md", ctx)
    if "pdf" in settings.formats:
        register_fonts(theme)  # while the helper draws the charts
    memo = pending.memo()
    files = write_all(memo, for_memo(theme, memo.metadata), folder, stem, settings.formats, pool)
    record = _record(settings, dataset, ctx, findings, files, memo.metadata.created)
    if manifest:
        provenance.write_manifest(folder, {stem: record})
    return Result(files, findings, lang.code, record)


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


def output_place(settings: Settings, unit: Unit, language: str) -> tuple[Path, str]:
    """Folder and ASCII file stem of a memo (county names never become paths as they are)."""
    year_folder = settings.output / str(settings.year)
    if unit.is_country:
        return year_folder, f"karriereveiledning-{settings.year}-{language}"
    name = f"{slug(unit.county.code)}-{slug(unit.county.name)}"
    return year_folder / "fylker", f"{name}-{settings.year}-{language}"


def write_all(memo, theme, folder: Path, stem: str, formats, pool=None) -> tuple[Path, ...]:
    """Write the memo in every format, each file atomically: the DOCX in the helper
    ``pool`` (if any), the PDF here at the same time."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {fmt: folder / f"{stem}.{fmt}" for fmt in formats}
    docx = ("docx" in paths and
            submit(pool, "reportgen.docx_writer:write_docx", memo, theme, paths["docx"]))
    if "pdf" in paths:
        write_pdf(memo, theme, paths["pdf"])
    if docx:
        docx.get()
    return tuple(paths.values())


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


def load_labels(search: SearchPath, code: str) -> dict:
    """The words of charts and tables from ``labels.<code>.toml``. Raises TemplateError."""
    path = search.find(f"labels.{code}.toml")
    if path is None:
        raise TemplateError(f"labels.{code}.toml was not found in the template folders",
                            fix="run 'reportgen templates init DIR' to get the defaults")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"is not valid TOML ({exc})", file=path,
                            fix="check quotes and [sections]") from None


def read_about(folder: Path) -> dict:
    """The dataset's description from ``about.toml`` (e.g. ``synthetic = true``), or {}."""
    path = Path(folder) / "about.toml"
    if not path.is_file():
        return {"synthetic": False}
    return {"synthetic": False, **tomllib.loads(path.read_text(encoding="utf-8"))}
