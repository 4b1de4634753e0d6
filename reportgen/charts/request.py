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

PARAMETERS = {
    "distribution": ("dimension",),
    "distribution_vs_country": ("dimension",),
    "contacts": ("service",),
    "services": ("dimension",),
}
# built-in names that are a request with parameters
SHORT = {
    "education": "distribution?dimension=education",
    "age_group": "distribution?dimension=age_group",
    "work_situation": "distribution?dimension=work_situation",
    "education_vs_country": "distribution_vs_country?dimension=education",
}
COUNTY_ONLY = ("distribution_vs_country",)
EXAMPLES = {"dimension": "education", "service": "karriereveiledning_no"}


@dataclass(frozen=True)
class Request:
    """A chart or table ``name`` with its parameters: a ``dimension`` of users.csv, or a
    ``service`` of contacts.csv."""

    name: str
    dimension: str = ""
    service: str = ""


def parse(text: str, known, parameters=PARAMETERS, short=SHORT) -> Request:
    """The Request written as ``text`` (e.g. "distribution?dimension=channel"); ``known`` are
    the names without parameters, ``parameters`` name → its parameters, ``short`` name →
    the request it stands for. Raises TemplateError for an unknown name or parameter."""
    text = short.get(text, text)
    name, _, query = text.partition("?")
    if name not in parameters:
        if name in known and not query:
            return Request(name)
        names = sorted({*known, *short, *(f"{n}?{p[0]}=…" for n, p in parameters.items())})
        raise TemplateError(f"unknown name '{text}'", fix="use one of: " + ", ".join(names))
    given = dict(parse_qsl(query, keep_blank_values=True))
    wrong = sorted(set(given) - set(parameters[name])) or [
        p for p in parameters[name] if not given.get(p)
    ]
    if wrong:
        parameter = parameters[name][0]
        example = EXAMPLES.get(parameter, "education")
        raise TemplateError(
            f"'{text}' needs the parameter '{parameter}' (and no other; got '{wrong[0]}')",
            fix=f"write e.g. {name}?{parameter}={example}",
        )
    return Request(name, **given)


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
    if request.name == "services":  # the other services' categories of the dimension too
        for service in (findings.national or findings).services.values():
            shown = service.dimensions.get(dimension)
            codes += [c for c, _ in (shown.counts if shown else ()) if c not in codes]
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


def rows(request: Request, findings, labels: dict) -> list[tuple[str, str]]:
    """(code, name) of what the request shows, in the labels' order: the categories of its
    dimension (``categories``) or the channels of its service (``channels``)."""
    if request.service:
        return channels(request, findings, labels)
    return categories(request, findings, labels)


def channels(request: Request, findings, labels: dict) -> list[tuple[str, str]]:
    """(code, name) of each channel of the request's service in contacts.csv that has
    contacts this year (the country's, also in a county memo), in the order of the
    service's rows in contacts.csv, named by ``[contact_channel]`` in
    ``labels.<lang>.toml``. Raises TemplateError naming the
    service contacts.csv lacks, or the channel or service the labels do not name and the
    entry to add."""
    found = findings.contacts or (findings.national.contacts if findings.national else {})
    where = getattr(labels.get("data"), "where", "labels.<language>.toml")
    if request.service not in found:
        raise TemplateError(
            f"contacts.csv has no service '{request.service}' in {findings.year}",
            fix="the services in the data that year are: " + (", ".join(found) or "none"),
        )
    if request.service not in labels.get("service", {}):
        raise TemplateError(
            f"contacts.csv has the service '{request.service}', which {where} does not name",
            fix=f'add {request.service} = "…" under [service] in {where} in your templates folder',
        )
    used = [code for code, n in found[request.service].counts if n]
    names = labels.get("contact_channel", {})
    for code in used:
        if code not in names:
            raise TemplateError(
                f"contacts.csv has the channel '{code}', which {where} does not name",
                fix=f'add {code} = "…" under [contact_channel] in {where} in your templates folder',
            )
    return [(code, names[code]) for code in used]
