"""The memo's tables, by the name templates use in ``{{ table("NAME", "caption") }}``.

Each builder returns header, rows and alignment from the Findings; numbers are formatted
by the language module for tables ("20 958", "6,9 %", signed changes with a true minus).
Symbols follow SSB: "." not possible to state (e.g. no base year).
"""

from __future__ import annotations

from reportgen.errors import TemplateError
from reportgen.findings.suppression import SUPPRESSED
from reportgen.findings.values import percent
from reportgen.language.base import round_half_up

MINUS = "\u2212"
NOT_AVAILABLE = "."
MISSING = ".."  # SSB: data missing


def signed_percent(lang, value: float | None) -> str:
    """ "+6,9 %", "−3,1 %", "0,0 %", or "." when there is no base to compare with."""
    if value is None:
        return NOT_AVAILABLE
    rounded = round_half_up(value, 1)
    sign = "+" if rounded > 0 else MINUS if rounded < 0 else ""
    return sign + lang.percent_table(abs(value), digits=1)


def counties(findings, labels, lang):
    """Fylke | Sentre | Unike brukere | Endring fra året før | Andel av alle brukere."""
    head = labels["tables"]
    header = (
        head["county"],
        head["centres"],
        head["unique_users"],
        head["change_from"].format(year=findings.year - 1),
        head["share_of_users"],
    )
    rows = [
        (
            row.county.label,
            lang.integer(row.centres),
            lang.integer(row.users.current),
            signed_percent(lang, row.users.percent),
            lang.percent_table(row.share, digits=1),
        )
        for row in findings.counties
    ]
    rows.append(
        (
            head["country"],
            lang.integer(findings.centres),
            lang.integer(findings.users.current),
            signed_percent(lang, findings.users.percent),
            lang.percent_table(100, digits=0),
        )
    )
    notes = (head["note_not_available"],) if any(NOT_AVAILABLE in r for r in rows) else ()
    shown = sum(round_half_up(row.share, 1) for row in findings.counties)
    if findings.counties and shown != 100:
        notes += (head["note_rounding"],)
    return header, rows, ("left", "right", "right", "right", "right"), notes


def users_by_year(findings, labels, lang):
    """År | Unike brukere | Endring fra året før ("..": no data for the year)."""
    head = labels["tables"]
    header = (head["year"], head["unique_users"], head["change_previous_year"])
    rows, previous = [], None
    for year, users in findings.users_by_year:
        change = percent(users - previous, previous) if users is not None and previous else None
        rows.append(
            (
                str(year),
                MISSING if users is None else lang.integer(users),
                signed_percent(lang, change),
            )
        )
        previous = users
    notes = (head["note_missing"],) if any(MISSING in row for row in rows) else ()
    return header, rows, ("left", "right", "right"), notes


def county_centres(findings, labels, lang):
    """Senter | Unike brukere | Individuelle samtaler | Kurs og gruppeveiledninger, with the
    county's sum; suppressed users shown as ":" with the note."""
    words, head = labels["county"], labels["tables"]
    header = (
        words["centre"],
        head["unique_users"],
        words["conversations"],
        words["group_sessions"],
    )
    rows = [
        (
            row.name,
            SUPPRESSED if row.users is None else lang.integer(row.users),
            lang.integer(row.conversations),
            lang.integer(row.group_sessions),
        )
        for row in findings.centre_rows
    ]
    rows.append(
        (
            words["total"],
            lang.integer(findings.users.current),
            lang.integer(findings.conversations.current),
            lang.integer(findings.group_sessions.current),
        )
    )
    hidden = any(SUPPRESSED in row for row in rows)
    notes = (
        (words["suppressed_note"].format(threshold=lang.number_text(findings.threshold)),)
        if hidden
        else ()
    )
    return header, rows, ("left", "right", "right", "right"), notes


TABLES = {"counties": counties, "users_by_year": users_by_year, "county_centres": county_centres}


def build(name: str, findings, labels, lang):
    """(header, rows, align, notes) of table ``name``; TemplateError if no such table."""
    if name not in TABLES:
        raise TemplateError(
            f"there is no table called '{name}'", fix=f"use one of: {', '.join(sorted(TABLES))}"
        )
    return TABLES[name](findings, labels, lang)
