"""The input schema: which files reportgen reads and what their columns mean.

Each source is one CSV file (or one sheet of ``data.xlsx``) in the data folder.
Column kinds: "code" (digits, leading zeros kept, width in ``CODE_WIDTHS``), "codes"
(codes joined by "|"), "text", "name" (text the memo prints as a name, see
``texts``), "count" (whole number ≥ 0), "year" (whole number); a trailing "?" means the
cell may be empty. Documented for users in ``data/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """One input table: its name (file stem / sheet name) and columns with their kinds."""

    name: str
    columns: dict[str, str]
    key: tuple[str, ...] = ()  # columns that identify a row; repeats are duplicates
    required: bool = True
    categories: dict[str, tuple[str, ...]] | None = None  # column -> allowed codes
    defaults: dict[str, str] | None = None  # columns that may be left out -> their value


# The dimensions of users.csv and their categories are the data's own (any code of lowercase
# letters, digits and _), in the order of their first row; their names are in labels.
NOT_STATED = frozenset({"unknown"})  # categories left out of shares (value not stated)

CODE_WIDTHS = {"code": 2, "county_code": 2, "becomes": 2, "centre_id": 4}  # digits per code

CENTRES = "centres"  # the service of the centres' rows: a file without a service column

SURVEY_ANSWERS = (
    "very_satisfied",
    "fairly_satisfied",
    "neutral",
    "fairly_dissatisfied",
    "very_dissatisfied",
)

SOURCES: tuple[Source, ...] = (
    Source(
        "counties",
        {
            "code": "code",
            "name": "name",
            "official_label": "name",
            "valid_from": "year",
            "valid_to": "year?",
            "becomes": "codes?",
            "source": "text?",
        },
        key=("code", "valid_from"),
    ),
    Source(
        "centres",
        {
            "year": "year",
            "centre_id": "code",
            "centre_name": "name",
            "county_code": "code",
            "unique_users": "count",
            "individual_conversations": "count",
            "group_sessions": "count",
            "group_participants": "count",
        },
        # a centre under two county codes in one year is reported by checks, not here
        key=("year", "centre_id", "county_code"),
    ),
    Source(
        "users",
        {
            "year": "year",
            "county_code": "code",
            "dimension": "text",
            "category": "text",
            "persons": "count",
        },
        key=("year", "county_code", "dimension", "category"),
    ),
    Source(
        "survey",
        {"year": "year", "county_code": "code", "answer": "text", "respondents": "count"},
        key=("year", "county_code", "answer"),
        categories={"answer": SURVEY_ANSWERS},
    ),
    Source(
        "population",
        {"year": "year", "county_code": "code", "population": "count"},
        key=("year", "county_code"),
        required=False,
    ),
    Source(
        "contacts",
        {"year": "year", "service": "text", "channel": "text", "contacts": "count"},
        key=("year", "service", "channel"),
        required=False,
        defaults={"service": CENTRES},
    ),
    Source(
        "county_language",
        {"county_code": "code", "language": "text", "source": "text?"},
        key=("county_code",),
        required=False,
        categories={"language": ("nb", "nn")},
    ),
)

# The rows of other services than the centres in users.csv and survey.csv (a ``service``
# column; absent or empty: the centres): national, so without a county code. Split off
# before typing (``dataset.services``) into frames of these names.
SERVICE_SOURCES = {
    "service_users": Source(
        "users",
        {
            "year": "year",
            "service": "text",
            "dimension": "text",
            "category": "text",
            "persons": "count",
        },
        key=("year", "service", "dimension", "category"),
    ),
    "service_survey": Source(
        "survey",
        {"year": "year", "service": "text", "answer": "text", "respondents": "count"},
        key=("year", "service", "answer"),
        categories={"answer": SURVEY_ANSWERS},
    ),
}
