"""The year's ``index.html`` composed as a Memo of links (the national memos and every
county memo's HTML edition with its key figure); ``provenance.write_site_index`` finds
the memos and writes it beside the year's other indexes."""

from __future__ import annotations

from datetime import datetime

from reportgen.compose.tables import signed_percent
from reportgen.model import Heading, Link, Links, Memo, Metadata, Paragraph, Run


def headline(findings, labels: dict, lang) -> str:
    """A memo's key figure for the index: "1 638 unike brukere, +9,7 % fra 2018", or
    without the change where there is no base to compare with, or the words for a count
    hidden for confidentiality."""
    words, users = labels["data"], findings.users
    if users.current is None:
        return words["headline_hidden"]
    if users.percent is None:
        return words["headline_users"].format(users=lang.integer(users.current))
    return words["headline"].format(
        users=lang.integer(users.current),
        change=signed_percent(lang, users.percent),
        previous=findings.year - 1,
    )


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


def compose_archive_index(
    years: list[tuple[int, list[Link]]], labels: dict, language: str, created: datetime
) -> Memo:
    """The archive's top page: for each year (oldest first) a heading and its links (the
    year's page, then its memos). ``labels`` are the words of the page's language (BCP 47
    ``language``)."""
    words = labels["data"]
    first, last = years[0][0], years[-1][0]
    title = words["archive_title"].format(first=first, last=last)
    blocks: list = [
        Paragraph((Run(words["archive_intro"].format(first=first, last=last)),), "lead")
    ]
    for year, links in years:
        blocks += [Heading(1, str(year)), Links(tuple(links))]
    return Memo(Metadata(title, language=language, created=created), tuple(blocks))
