"""The year's ``index.html``: a small static site linking the national memos and every
county memo (the HTML edition) with its key figure, composed as a Memo of links."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from reportgen.compose.tables import signed_percent
from reportgen.config import build_time
from reportgen.files import SearchPath
from reportgen.language import get_language
from reportgen.model import Heading, Link, Links, Memo, Metadata, Paragraph, Run
from reportgen.theme import load_labels, load_theme


def headline(findings, labels: dict, lang) -> str:
    """A memo's key figure for the index: "1 638 unike brukere, +9,7 % fra 2018", or
    without the change where there is no base to compare with."""
    words, users = labels["data"], findings.users
    if users.percent is None:
        return words["headline_users"].format(users=lang.integer(users.current))
    return words["headline"].format(
        users=lang.integer(users.current),
        change=signed_percent(lang, users.percent),
        previous=findings.year - 1,
    )


def national_links(year_folder: Path, page_language: str) -> list[Link]:
    """Links to the national memos in ``year_folder`` that have an HTML edition, with the
    title and headline of their record in manifest.json (none without a manifest); a memo
    in another language than the page's ("nb", "nn") is marked as such."""
    path = year_folder / "manifest.json"
    if not path.is_file():
        return []
    memos = json.loads(path.read_text(encoding="utf-8"))["memos"]
    links = []
    for stem, record in memos.items():
        if "headline" in record and (year_folder / f"{stem}.html").is_file():
            language = stem.rsplit("-", 1)[1]
            text = f"{record['title']}: {record['headline']}"
            links.append(Link(text, f"{stem}.html", "" if language == page_language else language))
    return links


def compose_index(
    year: int,
    national: list[Link],
    counties: list[Link],
    labels: dict,
    language: str,
    created: datetime,
) -> Memo:
    """The index page: the national memos, then the county memos in county order.
    ``labels`` are the words of the page's language (BCP 47 ``language``)."""
    words = labels["data"]
    title = words["index_title"].format(year=year)
    blocks: list = [Paragraph((Run(words["index_intro"].format(year=year)),), "lead")]
    if national:
        blocks += [Heading(1, labels["county"]["country"]), Links(tuple(national))]
    if counties:
        blocks += [Heading(1, words["index_counties"]), Links(tuple(counties))]
    return Memo(Metadata(title, language=language, created=created), tuple(blocks))


def write_site_index(settings, outcomes) -> Path:
    """Write OUTPUT/YEAR/index.html in ``settings.language`` (bokmål by default): the
    national memos found in the year's folder and each county memo of ``outcomes`` that was
    written, with its headline. Raises TemplateError for broken labels or theme."""
    from reportgen import workers

    code = settings.language or "nb"
    lang = get_language(code, settings.seven)
    search = SearchPath(settings.templates)
    labels = load_labels(search, code)
    year_folder = settings.output / str(settings.year)
    counties = [
        Link(
            f"{o.name}: {o.figures['headline']}",
            f"fylker/{o.stem}.html",
            "" if o.figures["language"] == code else o.figures["language"],
        )
        for o in outcomes
        if o.error is None and f"{o.stem}.html" in o.files
    ]
    created = build_time()
    memo = compose_index(
        settings.year, national_links(year_folder, code), counties, labels, lang.bcp47, created
    )
    path = year_folder / "index.html"
    workers.write_html(memo, load_theme(search), path)
    return path
