"""Explain a template mistake to an analyst: file, line, the unknown name and a likely fix."""

from __future__ import annotations

import difflib
import re
from dataclasses import fields, is_dataclass
from pathlib import Path

import jinja2

from reportgen.errors import TemplateError

# Names analysts are likely to write in Norwegian, and the variable they mean.
NORWEGIAN_NAMES = {
    "fylkesnavn": "county.name",
    "fylke": "county",
    "fylkesnummer": "county.code",
    "fylkesnr": "county.code",
    "år": "year",
    "aar": "year",
    "årstall": "year",
    "brukere": "f.users.current",
    "unike_brukere": "f.users.current",
    "sentre": "f.centres",
    "antall_sentre": "f.centres",
}
_DEPTH = 3  # how deep to look into the findings for names to suggest


def undefined_error(exc: jinja2.UndefinedError, name: str, context: dict) -> TemplateError:
    """A TemplateError for an unknown variable or attribute, with a suggestion."""
    file, line = template_location(exc, name)
    message = str(exc.message)
    unknown = (
        _quoted(r"'([^']+)' is undefined", message)
        or _quoted(r"has no attribute '([^']+)'", message)
        or "?"
    )
    owner = _quoted(r"^'(?:[\w.]+\.)?(\w+) object' has no attribute", message)
    if message.startswith("'None' has no attribute"):
        return TemplateError(
            f"'{unknown}' is read from a value that is empty in this memo",
            file=file,
            line=line,
            fix="'county' is only set in county memos; wrap the line in "
            "{% if county %} … {% endif %}",
        )
    if owner == "Section":
        return _missing_label(unknown, file, line, context)
    guess = suggest(unknown, context, owner)
    if guess and owner:  # an attribute: keep the name the template wrote before the dot
        guess = _as_written(file, line, unknown, guess)
    fix = (
        f"did you mean '{guess}'?" if guess else "see the variables listed in the templates README"
    )
    if guess and guess.startswith("county.") and context.get("county") is None:
        fix += " It is only set in county memos."
    return TemplateError(f"unknown variable '{unknown}'", file=file, line=line, fix=fix)


def _missing_label(unknown: str, file: str, line: int | None, context: dict) -> TemplateError:
    """A labels section read with a code it does not name (``labels.contact_channel[code]``
    where the data adds a channel): the labels file, the value and the entry to add; the
    section is the one the template line reads (``labels.<section>[``)."""
    try:
        text = Path(file).read_text(encoding="utf-8").splitlines()[(line or 0) - 1]
    except (OSError, IndexError, UnicodeDecodeError):
        text = ""
    sections = set(re.findall(r"labels\.(\w+)\[", text))
    section = sections.pop() if len(sections) == 1 else "…"
    labels = context.get("labels") or {}
    where = getattr(labels.get(section), "where", "labels.<language>.toml")
    return TemplateError(
        f"{where} does not name '{unknown}' in [{section}]",
        file=file,
        line=line,
        fix=f'add {unknown} = "…" under [{section}] in {where} in your templates folder',
    )


def syntax_error(exc: jinja2.TemplateSyntaxError, name: str, env) -> TemplateError:
    """A TemplateError for broken markup: where a block left open begins (Jinja reports
    the end of the file), or the filter a misspelt name most likely meant."""
    file, line = exc.filename or name, exc.lineno
    unknown_filter = _quoted(r"No filter named '([^']+)'", exc.message or "")
    guess = difflib.get_close_matches(unknown_filter or "", list(env.filters), n=1, cutoff=0.5)
    fix = (
        f"did you mean the filter '{guess[0]}'?"
        if guess
        else "check that every {{ }} and {% %} is closed and every {% if %} has its {% endif %}"
    )
    unclosed = (
        _unclosed_block(_source(exc, name, env), env)
        if "end of template" in str(exc.message)
        else None
    )
    if unclosed:
        tag, line = unclosed
        fix = f"close the {{% {tag} %}} that starts on line {line} with {{% end{tag} %}}"
    if re.search("unexpected char '[“”‘’«»]'", str(exc.message)):
        fix = (
            "write straight quotes \" or ' inside {{ }} and {% %}, not “ ” or « » (Word "
            "makes curly quotes: turn off AutoFormat's smart quotes, or edit in Notepad)"
        )
    what = (
        f"unknown filter '{unknown_filter}'"
        if unknown_filter
        else f"template syntax error: {exc.message}"
    )
    return TemplateError(what, file=file, line=line, fix=fix)


def _source(exc: jinja2.TemplateSyntaxError, name: str, env) -> str | None:
    """The text of the template the error is in, or None if it cannot be read."""
    if exc.source:
        return exc.source
    try:
        return env.loader.get_source(env, exc.name or name)[0]
    except jinja2.TemplateNotFound:
        return None


_BLOCK_TAGS = {"if", "for", "macro", "call", "filter", "block", "with", "autoescape", "raw"}


def _unclosed_block(source: str | None, env) -> tuple[str, int] | None:
    """The innermost block tag opened in ``source`` and never closed, and its line,
    found with Jinja's own lexer; None if all are closed or the source cannot be lexed."""
    opened, after_begin = [], False
    try:
        for line, kind, value in env.lex(source or ""):
            if kind == "whitespace":
                continue
            if after_begin and kind == "name":
                if value in _BLOCK_TAGS:
                    opened.append((value, line))
                elif value.startswith("end") and opened and opened[-1][0] == value[3:]:
                    opened.pop()
            after_begin = kind == "block_begin"
    except jinja2.TemplateSyntaxError:
        return None
    return opened[-1] if opened else None


def suggest(unknown: str, context: dict, owner: str | None = None) -> str | None:
    """The variable a misspelt or Norwegian name most likely meant, if it exists here."""
    names = _names(context)
    mapped = NORWEGIAN_NAMES.get(unknown.lower())
    if mapped and mapped in names:
        return mapped
    if mapped and mapped.startswith("county.") and context.get("county") is None:
        return mapped
    if owner:  # a misspelt attribute: look among the fields of that kind of object
        names = {dotted: kind for dotted, kind in names.items() if kind == owner}
    short = {dotted.rsplit(".", 1)[-1]: dotted for dotted in reversed(list(names))}
    match = difflib.get_close_matches(unknown, [*short, *names], n=1, cutoff=0.6)
    return short.get(match[0], match[0]) if match else None


def _as_written(file: str, line: int | None, unknown: str, guess: str) -> str:
    """``guess``'s last part after the name the template line writes before ``.unknown``
    ("sessions.curent" → "sessions.current"); ``guess`` itself if the line cannot be read."""
    try:
        text = Path(file).read_text(encoding="utf-8").splitlines()[(line or 0) - 1]
    except (OSError, IndexError, UnicodeDecodeError):
        return guess
    written = re.search(rf"([A-Za-z_][\w.]*)\.{re.escape(unknown)}\b", text)
    return f"{written.group(1)}.{guess.rsplit('.', 1)[-1]}" if written else guess


def template_location(exc: BaseException, name: str) -> tuple[str, int | None]:
    """The template file and line where ``exc`` arose (Jinja rewrites the traceback so its
    frames carry the template's file name and line number)."""
    tb = exc.__traceback__
    found: tuple[str, int | None] = (name, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".md", ".toml")) or filename == name:
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _quoted(pattern: str, message: str) -> str | None:
    match = re.search(pattern, message)
    return match.group(1) if match else None


def _names(context: dict) -> dict[str, str]:
    """Every dotted name reachable in the context → the type name of the object holding it."""
    found: dict[str, str] = {}

    def walk(prefix: str, value, depth: int) -> None:
        if depth > _DEPTH:
            return
        if isinstance(value, dict):  # e.g. labels.education_groups.lower
            children = [(str(k), v) for k, v in value.items()]
        elif is_dataclass(value):
            children = [(f.name, getattr(value, f.name)) for f in fields(value)]
        else:
            return
        for child, item in children:
            dotted = f"{prefix}.{child}"
            found[dotted] = type(value).__name__
            walk(dotted, item, depth + 1)

    for key, value in context.items():
        if not callable(value) or is_dataclass(value):
            found[key] = "context"
            walk(key, value, 1)
    return found
