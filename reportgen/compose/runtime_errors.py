"""Template mistakes Jinja finds only while rendering: unknown filters and tests (in a branch
Jinja compiles lazily), names used before the ``{% set %}`` that defines them, and
arithmetic with a number that is hidden or not in the data."""

from __future__ import annotations

import difflib
import re

import jinja2
from jinja2 import nodes

from reportgen.compose.template_errors import template_location, undefined_error
from reportgen.errors import TemplateError

_KINDS = {"filter": "filters", "test": "tests"}


def runtime_error(exc: jinja2.TemplateRuntimeError, name: str, env) -> TemplateError:
    """A TemplateError for an unknown filter or test, with the closest known one."""
    file, line = template_location(exc, name)
    match = re.search(r"No (filter|test) named '([^']+)'", str(exc))
    if not match:
        return TemplateError(
            f"template error: {exc}",
            file=file,
            line=line,
            fix="compare the line with the examples in the templates README",
        )
    kind, unknown = match.groups()
    known = sorted(getattr(env, _KINDS[kind]))
    close = difflib.get_close_matches(unknown, known, n=1, cutoff=0.5)
    fix = f"did you mean the {kind} '{close[0]}'?" if close else ""
    see = "see the number filters in the templates README" if kind == "filter" else ""
    listed = see or "the tests are: " + ", ".join(known)
    return TemplateError(
        f"unknown {kind} '{unknown}'",
        file=file,
        line=line,
        fix=f"{fix} {listed}".strip() if not close else fix,
    )


def not_worked_out(exc: Exception, name: str) -> TemplateError:
    """A TemplateError for a line Python could not evaluate: arithmetic or a comparison
    with none (a share or count hidden for confidentiality, or not in the data) says so and
    how to guard it; any other (a text where a number belongs, …) points to the filters."""
    file, line = template_location(exc, name)
    if isinstance(exc, TypeError) and "NoneType" in str(exc):
        return TemplateError(
            "a number on this line is none: hidden for confidentiality (:) or not in the "
            "data, so it cannot be added, subtracted or compared",
            file=file,
            line=line,
            fix="test each number with 'is none' first, or add shares with share_of, e.g. "
            'f.age_group.share_of(["under_20", "20_29"]), which is none when one is hidden',
        )
    return TemplateError(
        f"this line cannot be worked out ({exc})",
        file=file,
        line=line,
        fix="check the value each filter gets here (the templates README lists what "
        "each filter takes), e.g. a number, not a text",
    )


def undefined(exc: jinja2.UndefinedError, name: str, context: dict, env) -> TemplateError:
    """An unknown name: used above the ``{% set %}`` that defines it (the fix says where
    that is), or else misspelt (``template_errors.undefined_error`` suggests the name)."""
    file, line = template_location(exc, name)
    unknown = re.match(r"'([^']+)' is undefined", str(exc.message))
    found = assigned_later(env, file, unknown.group(1)) if unknown else None
    if unknown is None or found is None:
        own = difflib.get_close_matches(
            unknown.group(1) if unknown else "", defined_names(env, file), n=1, cutoff=0.6
        )
        if own:  # a macro or {% set %} name of this template, misspelt
            return TemplateError(
                f"unknown variable '{unknown.group(1)}'",  # type: ignore[union-attr]
                file=file,
                line=line,
                fix=f"did you mean '{own[0]}'?",
            )
        return undefined_error(exc, name, context)
    where, nested = found
    inside = " inside a block ({% if %} or {% for %})" if nested else ""
    return TemplateError(
        f"'{unknown.group(1)}' is used before it is set: it is set on line {where}{inside}",
        file=file,
        line=line,
        fix=f"move the {{% set {unknown.group(1)} … %}} on line {where} above line {line} "
        "(to the top of the file, outside any block), or move this text below it",
    )


def assigned_later(env, file: str, unknown: str) -> tuple[int, bool] | None:
    """The line of the ``{% set %}``, ``{% for %}`` or ``{% macro %}`` in ``file`` that
    defines ``unknown``, and whether it sits inside a block (an if or a for), or None."""
    tree = _tree(env, file)
    for node in _definitions(tree):
        if unknown in _defined(node):
            nested = not any(node is child for child in tree.body)
            return node.lineno, nested
    return None


def defined_names(env, file: str) -> list[str]:
    """Every name ``file`` defines with set, for or macro."""
    return [name for node in _definitions(_tree(env, file)) for name in _defined(node)]


def _tree(env, file: str):
    try:
        return env.parse(env.loader.get_source(env, _template_name(env, file))[0])
    except (jinja2.TemplateError, OSError):
        return None


def _definitions(tree) -> list:
    return list(tree.find_all((nodes.Assign, nodes.For, nodes.Macro))) if tree else []


def _defined(node) -> list[str]:
    return [node.name] if isinstance(node, nodes.Macro) else _names(node.target)


def _names(target) -> list[str]:
    return [n.name for n in target.find_all(nodes.Name)] + (
        [target.name] if isinstance(target, nodes.Name) else []
    )


def _template_name(env, file: str) -> str:
    """The loader name of ``file`` (a full path or already a name)."""
    for folder in env.loader.searchpath:
        prefix = folder.rstrip("/") + "/"
        if file.startswith(prefix):
            return file[len(prefix) :]
    return file
