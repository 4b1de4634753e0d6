"""The year's indexes, written together after a batch: ``fylker/index.json`` (every
county's files and key figures, for machines) and ``index.html`` (the national memos and
every county memo's web page with its headline, for readers)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from reportgen.compose.site_index import compose_archive_index, compose_index
from reportgen.config import Settings, build_time
from reportgen.files import SearchPath
from reportgen.files.output import atomic_write, locked
from reportgen.files.records import Broken, read_or_set_aside, read_records
from reportgen.html_writer.page import render_html
from reportgen.language import get_language
from reportgen.model import Link
from reportgen.theme import load_labels, load_theme


def index_figures(findings, language: str) -> dict:
    """The county's headline numbers for the index (unrounded; None when not available)."""
    return {
        "label": findings.unit.county.label,
        "language": language,
        "unique_users": findings.users.current,
        "change_from_previous_year_pct": findings.users.percent,
        "comparison": findings.users.status,
        "share_of_country_pct": findings.share_of_country,
        "users_per_1000": findings.users_per_1000,
        "centres": findings.centres,
    }


def write_index(settings: Settings, outcomes: list) -> Path:
    """``OUTPUT/YEAR/fylker/index.json``: every county's files (names in that folder), key
    figures, or the error that stopped it. Counties of earlier runs not in ``outcomes``
    keep their entries (read and written under the folder's lock, so concurrent batches
    lose none; one that cannot be read is kept aside with a warning, see
    ``files.records``). Raises OutputError or DiskError."""
    folder = settings.output / str(settings.year) / "fylker"
    path = folder / "index.json"
    records = [
        {
            "code": o.code,
            "name": o.name,
            "files": list(o.files),
            "language": settings.language,  # the målform asked for (None: the county's own)
            **(o.figures or {}),
            "error": o.error,
        }
        for o in outcomes
    ]
    with locked(folder):
        before = read_or_set_aside(path, "counties", list, "code")
        kept = [c for c in before if not any(_replaces(new, c) for new in records)]
        counties = sorted([*kept, *records], key=lambda c: (c["code"], c.get("language") or ""))
        document = {"year": settings.year, "counties": counties}
        atomic_write(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return path


def _replaces(new: dict, old: dict) -> bool:
    """Whether the index entry ``new`` takes the place of ``old``: the same county, in the
    same målform or in one not known (a memo that failed before its målform was chosen);
    so the county's memo in the other målform keeps its entry (the review's C10)."""
    languages = {new.get("language"), None}
    return new["code"] == old["code"] and old.get("language") in languages


def write_site_index(settings: Settings, index: Path) -> Path:
    """Write OUTPUT/YEAR/index.html in ``settings.language`` (bokmål by default): the
    national memos found in the year's folder and every county memo that ``index``
    (the year's ``fylker/index.json``, this batch's counties merged with earlier ones)
    records as written with a web page, with its headline. Raises TemplateError for broken
    labels or theme, OutputError or DiskError."""
    code = settings.language or "nb"
    lang = get_language(code, settings.seven)
    search = SearchPath(settings.templates)
    labels = load_labels(search, code)
    year_folder = settings.output / str(settings.year)
    counties = county_links(index, code)
    created = build_time()
    memo = compose_index(
        settings.year, national_links(year_folder, code), counties, labels, lang.bcp47, created
    )
    path = year_folder / "index.html"
    atomic_write(path, render_html(memo, load_theme(search)))
    return path


def county_links(index: Path, page_language: str) -> list[Link]:
    """Links to the web page of every county's memo ``index`` records as written (and
    still there), with its headline, in county order: the memo in the page's language if
    there is one, else the other (marked as in another language)."""
    written = {}
    for county in json.loads(index.read_text(encoding="utf-8"))["counties"]:
        pages = [f for f in county["files"] if f.endswith(".html") and "-artikkel" not in f]
        if county["error"] is None and pages and (index.parent / pages[0]).is_file():
            if county["code"] not in written or county["language"] == page_language:
                written[county["code"]] = (county, pages[0])
    links = []
    for county, page in written.values():
        language = "" if county["language"] == page_language else county["language"]
        links.append(Link(f"{county['name']}: {county['headline']}", f"fylker/{page}", language))
    return links


def national_links(year_folder: Path, page_language: str) -> list[Link]:
    """Links to the national memos in ``year_folder`` that have an HTML edition, with the
    title and headline of their record in manifest.json (none without a manifest); a memo
    in another language than the page's ("nb", "nn") is marked as such. A manifest that
    cannot be read gives none, with a warning (the next ``memo`` run replaces it)."""
    path = year_folder / "manifest.json"
    try:
        memos = read_records(path, "memos", dict)
    except Broken as why:
        click.echo(
            f"Warning: {path} cannot be read ({why}); index.html lists no national memo "
            "until 'reportgen memo' writes a new manifest",
            err=True,
        )
        return []
    links = []
    for stem, record in memos.items():
        if {"title", "headline"} <= record.keys() and (year_folder / f"{stem}.html").is_file():
            language = stem.rsplit("-", 1)[-1]
            text = f"{record['title']}: {record['headline']}"
            links.append(Link(text, f"{stem}.html", "" if language == page_language else language))
    return links


def write_archive_index(settings: Settings, years: list[int]) -> Path:
    """Write OUTPUT/index.html in ``settings.language``: for each of ``years`` the link to
    its index.html, then its national memos and every county memo with a web page that
    the year's manifests record (both målformer, county order), all as relative links,
    so the archive opens from disk. Raises TemplateError, OutputError or DiskError."""
    code = settings.language or "nb"
    search = SearchPath(settings.templates)
    labels = load_labels(search, code)
    sections = []
    for year in years:
        folder = settings.output / str(year)
        page = Link(labels["data"]["archive_year"].format(year=year), f"{year}/index.html")
        memos = [
            *(_under(f"{year}/", link) for link in national_links(folder, code)),
            *(_under(f"{year}/fylker/", link) for link in national_links(folder / "fylker", code)),
        ]
        sections.append((year, [page, *memos]))
    created = build_time()
    memo = compose_archive_index(
        sections, labels, get_language(code, settings.seven).bcp47, created
    )
    path = settings.output / "index.html"
    atomic_write(path, render_html(memo, load_theme(search)))
    return path


def _under(folder: str, link: Link) -> Link:
    """``link`` from a page in the folder above ``folder`` ("2019/fylker/")."""
    return Link(link.text, folder + link.href, link.lang)
