"""The memo's tables, by the name templates use in ``{{ table("NAME", "caption") }}``.

Each builder returns header, rows and alignment from the Findings; numbers are formatted
by the language module for tables ("20 958", "6,9 %", signed changes with a true minus).
Symbols follow SSB: "." not possible to state (e.g. no base year), ":" hidden for
confidentiality (a count the findings hold as None, and any change or share made from it).
"""

from __future__ import annotations

from reportgen.charts.request import categories, parse
from reportgen.findings.suppression import SUPPRESSED
from reportgen.findings.values import percent
from reportgen.language.base import round_half_up
from reportgen.model import Number

MINUS = "\u2212"
NOT_AVAILABLE = "."
MISSING = ".."  # SSB: data missing


def signed_percent(lang, value: float | None) -> str:
    """ "+6,9 %", "−3,1 %", "0,0 %", or "." when there is no base to compare with."""
    return signed_percent_cell(lang, value)[0]


def signed_percent_cell(lang, value: float | None) -> tuple[str, Number | None]:
    """The text of ``signed_percent`` and the Number it shows (None for ".")."""
    if value is None:
        return NOT_AVAILABLE, None
    rounded = round_half_up(value, 1)
    sign = "+" if rounded > 0 else MINUS if rounded < 0 else ""
    shown = float(round_half_up(abs(value), 1)) * (-1 if rounded < 0 else 1)
    return sign + lang.percent_table(abs(value), digits=1), Number(shown, "signed_percent1")


def integer_cell(lang, n) -> tuple[str, Number | None]:
    """A count as text ("20 958") and as the Number it shows (whole, rounded half up);
    ":" without a Number for a hidden count (None)."""
    if n is None:
        return SUPPRESSED, None
    return lang.integer(n), Number(int(round_half_up(n, 0)), "integer")


def percent_cell(lang, value: float | None, digits: int) -> tuple[str, Number | None]:
    """A percentage as text ("6,9 %") and as the Number it shows (6.9), a whole percent with
    its value to one decimal for the data files (``Number.tenths``); ":" without a Number
    for a hidden share (None)."""
    if value is None:
        return SUPPRESSED, None
    tenths = float(round_half_up(value, 1)) if digits == 0 else None
    return (
        lang.percent_table(value, digits=digits),
        Number(float(round_half_up(value, digits)), f"percent{digits}", tenths),
    )


def text_cell(text: str) -> tuple[str, None]:
    """A cell of text (a name, a year, a symbol): no Number."""
    return text, None


def change_cell(lang, change) -> tuple[str, Number | None]:
    """A Change's percent change: ":" when hidden (the count or its base), else
    ``signed_percent_cell``."""
    if change.status == "hidden":
        return SUPPRESSED, None
    return signed_percent_cell(lang, change.percent)


def suppressed_notes(rows, labels, lang, threshold: int) -> tuple[str, ...]:
    """The note explaining ":" if any cell of ``rows`` shows it, else none."""
    if not _shows(rows, SUPPRESSED):
        return ()
    return (labels["county"]["suppressed_note"].format(threshold=lang.number_text(threshold)),)


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
            text_cell(row.county.label),
            integer_cell(lang, row.centres),
            integer_cell(lang, row.users.current),
            change_cell(lang, row.users),
            percent_cell(lang, row.share, 1),
        )
        for row in findings.counties
    ]
    rows.append(
        (
            text_cell(head["country"]),
            integer_cell(lang, findings.centres),
            integer_cell(lang, findings.users.current),
            signed_percent_cell(lang, findings.users.percent),
            percent_cell(lang, 100, 1),  # "100,0 %": one decimal as every share above
        )
    )
    notes = (head["note_not_available"],) if _shows(rows, NOT_AVAILABLE) else ()
    notes += suppressed_notes(rows, labels, lang, findings.threshold)
    shares = [row.share for row in findings.counties]
    if shares and None not in shares and sum(round_half_up(s, 1) for s in shares) != 100:
        notes += (head["note_rounding"],)
    return header, rows, ("left", "right", "right", "right", "right"), notes


def users_by_year(findings, labels, lang):
    """År | Unike brukere | Endring fra året før ("..": no data for the year; ":" hidden,
    and so is a change from or to a hidden year)."""
    head = labels["tables"]
    header = (head["year"], head["unique_users"], head["change_previous_year"])
    hidden = set(findings.users_hidden_years)
    rows, previous, previous_hidden = [], None, False
    for year, users in findings.users_by_year:
        change = percent(users - previous, previous) if users is not None and previous else None
        rows.append(
            (
                text_cell(str(year)),
                year_cell(lang, users, hidden=year in hidden),
                (SUPPRESSED, None)
                if year in hidden or previous_hidden
                else signed_percent_cell(lang, change),
            )
        )
        previous, previous_hidden = users, year in hidden
    notes = (head["note_missing"],) if _shows(rows, MISSING) else ()
    notes += suppressed_notes(rows, labels, lang, findings.threshold)
    return header, rows, ("left", "right", "right"), notes


def year_cell(lang, users: int | None, *, hidden: bool) -> tuple[str, Number | None]:
    """A year's count of users: ":" if hidden, ".." if missing, else the count."""
    if hidden:
        return SUPPRESSED, None
    return text_cell(MISSING) if users is None else integer_cell(lang, users)


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
            text_cell(row.name),
            integer_cell(lang, row.users),
            integer_cell(lang, row.conversations),
            integer_cell(lang, row.group_sessions),
        )
        for row in findings.centre_rows
    ]
    rows.append(
        (
            text_cell(words["total"]),
            integer_cell(lang, findings.users.current),
            integer_cell(lang, findings.conversations.current),
            integer_cell(lang, findings.group_sessions.current),
        )
    )
    notes = suppressed_notes(rows, labels, lang, findings.threshold)
    return header, rows, ("left", "right", "right", "right"), notes


def _shows(rows, symbol: str) -> bool:
    return any(text == symbol for row in rows for text, _ in row)


def distribution(findings, labels, lang, request):
    """<dimension> | Unike brukere | Andel: the persons and percent of users per category
    of a dimension of users.csv (``request.dimension``), in the labels' order; ":" where
    hidden (with the note), and the rounding note where the shown shares miss 100."""
    dist = findings.dimensions[request.dimension]
    rows = [
        (
            text_cell(name),
            integer_cell(lang, dist.count(code)),
            percent_cell(lang, None if code in dist.hidden else dist.share(code) or 0.0, 0),
        )
        for code, name in categories(request, findings, labels)
    ]
    header = (
        labels["data"]["category_" + request.dimension],
        labels["tables"]["unique_users"],
        labels["data"]["share"],
    )
    notes = suppressed_notes(rows, labels, lang, findings.threshold)
    notes += (labels["tables"]["note_rounding"],) if dist.rounding_off() else ()
    return header, rows, ("left", "right", "right"), notes


# The unit line of each table in a data file: a key of [data] unit_* in labels.<lang>.toml.
UNITS = {
    "counties": "persons_percent",
    "users_by_year": "persons_percent",
    "county_centres": "persons_sessions",
    "distribution": "persons_percent",
}

TOTALS = ("counties", "county_centres")  # tables whose last row is the sum of the others
TABLES = {"counties": counties, "users_by_year": users_by_year, "county_centres": county_centres}
WITH_PARAMETERS = {"distribution": distribution}  # tables of a ``charts.request``


def unit_of(name: str) -> str:
    """The [data] unit_* key of table ``name`` (with or without parameters)."""
    return UNITS[name.partition("?")[0]]


def build(name: str, findings, labels, lang):
    """(header, rows, align, notes) of table ``name``, each row a tuple of cell texts;
    TemplateError if no such table."""
    header, rows, align, notes = build_cells(name, findings, labels, lang)
    return header, [tuple(text for text, _ in row) for row in rows], align, notes


def build_cells(name: str, findings, labels, lang):
    """As ``build``, but each cell a (text, Number or None) pair: the Number the cell shows,
    for the data companion. ``name`` is a name of TABLES or a ``charts.request`` of
    WITH_PARAMETERS ("distribution?dimension=channel"). TemplateError if no such table, or
    as ``request.categories``."""
    request = parse(name, TABLES, {"distribution": ("dimension",)}, {})
    if request.name in TABLES:
        return TABLES[request.name](findings, labels, lang)
    return WITH_PARAMETERS[request.name](findings, labels, lang, request)


MAX_CELL_CHARS = 120  # a name longer than this is cut: a table row must fit on a page


def cut_long_cells(rows, notes, labels, lang) -> tuple[list, tuple]:
    """``rows`` of (text, Number) cells with each text over MAX_CELL_CHARS cut to that
    length with "…", and ``notes`` with the note saying so (``[tables] note_cut``) if any
    was cut. A 4 000-character centre name would otherwise make a row taller than a page."""
    cut = False
    result = []
    for row in rows:
        cells = []
        for text, number in row:
            if len(text) > MAX_CELL_CHARS:
                text, cut = text[: MAX_CELL_CHARS - 1].rstrip() + "…", True
            cells.append((text, number))
        result.append(cells)
    note = labels["tables"]["note_cut"].format(chars=lang.integer(MAX_CELL_CHARS))
    return result, (*notes, note) if cut else tuple(notes)
