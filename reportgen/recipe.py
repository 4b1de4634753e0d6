"""The recipe: (settings, dataset, county) → the Job a memo is built from, in one place.

Every command (``memo``, ``batch``, ``check``, ``preview``, ``explain``) and every test
helper goes through ``prepare``: the unit, its findings, the målform, the template search
path, labels and theme, the template variables read from the data folder, and the place
the memo's files go. ``compose`` then turns a Job into a Draft and reads nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.compose.compose import Context, Draft, draft
from reportgen.compose.text import Item, draft_items
from reportgen.config import Settings, build_time
from reportgen.dataset.about import read_about, read_quote
from reportgen.dataset.key_findings import key_findings
from reportgen.dataset.load import Dataset
from reportgen.errors import ConfigError
from reportgen.files import SearchPath, slug
from reportgen.findings.compute import findings_of
from reportgen.findings.values import County, Findings, Unit
from reportgen.language import get_language
from reportgen.theme import load_labels, load_theme


@dataclass(frozen=True)
class Job:
    """Everything one memo is composed from: ``template`` is the memo template's name
    ("national.nb.md", "county.nn.md"); ``folder`` and ``stem`` the memo's output folder
    and ASCII file name without suffix; ``quote`` the data folder's ``quote.toml`` ({}
    without one), for the article."""

    settings: Settings
    dataset: Dataset
    unit: Unit
    findings: Findings
    ctx: Context
    template: str
    folder: Path
    stem: str
    quote: dict


def prepare(settings: Settings, dataset: Dataset, county: str | None = None) -> Job:
    """The Job for ``settings.year``: the country, or the county with code ``county``, in
    ``settings.language`` (None: the county's own målform, ``county_language.csv``).
    Reads the templates, labels and theme on the search path and ``about.toml``,
    ``key_findings.csv`` and ``quote.toml`` in the data folder; writes nothing. Raises
    ConfigError (a county not in that year), DataError or TemplateError."""
    year = settings.year
    unit = Unit(county_of(dataset, year, county)) if county else Unit()
    findings = findings_of(dataset, year, unit, settings.threshold)
    lang = get_language(settings.language or default_language(dataset, county), settings.seven)
    search = SearchPath(settings.templates, county=county)
    variables = {
        "data": read_about(settings.data),
        "key_findings": key_findings(settings.data, year, lang.code, county),
    }
    labels, theme = load_labels(search, lang.code), load_theme(search)
    ctx = Context(search, lang, labels, theme, build_time(), variables)
    kind = "national" if unit.is_country else "county"
    folder, stem = output_place(settings, unit, lang.code)
    quote = read_quote(settings.data)
    return Job(
        settings, dataset, unit, findings, ctx, f"{kind}.{lang.code}.md", folder, stem, quote
    )


def draft_memo(job: Job) -> Draft:
    """The Job's memo template rendered and parsed, waiting for its charts. Raises
    TemplateError naming the file, the line and the fix."""
    return draft(job.findings, job.template, job.ctx)


def memo_items(settings: Settings, dataset: Dataset, county: str | None = None) -> list[Item]:
    """The memo's reader-facing text in reading order, without drawing a chart (see
    ``compose.text``). Raises ConfigError, DataError or TemplateError like ``prepare``."""
    job = prepare(settings, dataset, county)
    return draft_items(draft_memo(job), job.findings, job.ctx)


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
