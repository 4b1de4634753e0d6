"""What a template asks for by name: ``chart:distribution?dimension=channel`` or
``table("distribution?dimension=channel", …)``: a name, then parameters as in a web address.

The built-in names of the users' dimensions (``education``, ``age_group``, …) are this
request with their dimension filled in. A dimension is any in users.csv; its categories
are named, in order, by the section of the same name in ``labels.<lang>.toml`` and its
column heading by ``category_<dimension>`` in ``[data]``. Checked in the main process, so
``check`` finds a missing name without drawing a chart (no matplotlib here).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from urllib.parse import parse_qsl

from reportgen.errors import TemplateError

PARAMETERS = {"distribution": ("dimension",), "distribution_vs_country": ("dimension",)}
# built-in names that are a request with parameters
SHORT = {
    "education": "distribution?dimension=education",
    "age_group": "distribution?dimension=age_group",
    "work_situation": "distribution?dimension=work_situation",
    "education_vs_country": "distribution_vs_country?dimension=education",
}
COUNTY_ONLY = ("distribution_vs_country",)


@dataclass(frozen=True)
class Request:
    """A chart or table ``name`` with its parameters (``dimension``)."""

    name: str
    dimension: str = ""


def parse(text: str, known, parameters=PARAMETERS, short=SHORT) -> Request:
    """The Request written as ``text`` (e.g. "distribution?dimension=channel"); ``known`` are
    the names without parameters, ``parameters`` name → its parameters, ``short`` name →
    the request it stands for. Raises TemplateError for an unknown name or parameter."""
    text = short.get(text, text)
    name, _, query = text.partition("?")
    if name not in parameters:
        if name in known and not query:
            return Request(name)
        names = sorted({*known, *short, *(f"{n}?dimension=…" for n in parameters)})
        raise TemplateError(f"unknown name '{text}'", fix="use one of: " + ", ".join(names))
    given = dict(parse_qsl(query, keep_blank_values=True))
    wrong = sorted(set(given) - set(parameters[name])) or [
        p for p in parameters[name] if not given.get(p)
    ]
    if wrong:
        example = f"{name}?dimension=education"
        raise TemplateError(
            f"'{text}' needs the parameter 'dimension' (and no other; got '{wrong[0]}')",
            fix=f"write e.g. {example}",
        )
    return Request(name, given["dimension"])


def categories(request: Request, findings, labels: dict) -> list[tuple[str, str]]:
    """(code, name) of each category of the request's dimension, in the labels' order:
    the categories of users.csv (``findings.dimensions``) named in ``labels``. Raises
    TemplateError naming the dimension or category users.csv has and the labels entry to
    add, or the dimension that is not in users.csv."""
    dimension, found = request.dimension, findings.dimensions
    if dimension not in found:
        close = difflib.get_close_matches(dimension, list(found), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise TemplateError(
            f"users.csv has no dimension '{dimension}'",
            fix=f"{hint}the dimensions in the data are: {', '.join(found)}",
        )
    if request.name in COUNTY_ONLY and findings.national is None:
        raise TemplateError(
            f"'{request.name}' compares a county with the country, so it is for county memos",
            fix=f"use distribution?dimension={dimension} in the national memo",
        )
    codes = [code for code, _ in found[dimension].counts]
    if findings.national is not None:
        codes += [c for c, _ in findings.national.dimensions[dimension].counts if c not in codes]
    names = labels.get(dimension)
    where = getattr(labels.get("data"), "where", "labels.<language>.toml")
    if names is None:
        raise TemplateError(
            f"users.csv has the dimension '{dimension}', which {where} does not name",
            fix=f"add to {where} in your templates folder a section [{dimension}] with a "
            f'line per category ({codes[0] if codes else "code"} = "…"), and '
            f'category_{dimension} = "…" under [data]',
        )
    for code in codes:
        if code not in names:
            raise TemplateError(
                f"users.csv has the category '{code}' of '{dimension}', which {where} "
                "does not name",
                fix=f'add {code} = "…" under [{dimension}] in {where} in your templates folder',
            )
    if "category_" + dimension not in labels["data"]:
        raise TemplateError(
            f"{where} has no heading for the dimension '{dimension}' of users.csv",
            fix=f'add category_{dimension} = "…" under [data] in {where} in your templates folder',
        )
    return [(code, name) for code, name in names.items() if code in codes]
