"""The words of charts, tables and captions: ``labels.<lang>.toml``, checked and merged.

The default file shipped with reportgen is the schema: a user's file may hold any part
of it (one line is enough) and is merged over the defaults key by key; an unknown section
or key is an error with the closest known name, a value must be text, and a value may
use only the ``{placeholders}`` the default uses. A dimension the data adds to users.csv
is named by a new section of its own (``[channel]``, a line per category, in order) and
``category_<dimension>`` in ``[data]``; such a section may not be a close misspelling of
a known one.
"""

from __future__ import annotations

import difflib
import string
from pathlib import Path

from reportgen.errors import TemplateError
from reportgen.files import builtin_dir
from reportgen.theme.schema import check_sections, line_of
from reportgen.theme.usertext import read_toml


def merged_labels(search, code: str) -> dict:
    """Section → key → text for målform ``code``, the first folder on ``search`` winning
    per key. Raises TemplateError naming the file, the line and the fix."""
    default_path = builtin_dir() / f"labels.{code}.toml"
    labels, _ = read_toml(default_path)
    for folder in reversed(search.folders):
        path = folder / f"labels.{code}.toml"
        if path.is_file() and path.resolve() != default_path.resolve():
            own, text = read_toml(search.contained(path))
            schema = _with_dimensions(own, labels)
            check_sections(own, text, path, schema)
            _check_values(own, schema, text, path)
            for section, keys in own.items():
                labels[section] = {**labels.get(section, {}), **keys}
    where = f"labels.{code}.toml"
    return {name: Section(keys, where, name) for name, keys in labels.items()}


class Section(dict):
    """Key → text of one section; a missing key (a default file edited by hand) is a
    TemplateError naming the file, the section and the fix, not a KeyError."""

    def __init__(self, keys: dict, where: str, name: str) -> None:
        super().__init__(keys)
        self.where, self.name = where, name

    def __missing__(self, key: str):
        raise _missing(
            self.where,
            f"has no key '{key}' in [{self.name}]",
            f'add {key} = "…" under [{self.name}] (the labels file shipped with reportgen '
            "lists every key: 'reportgen templates init' copies it)",
        )


class MissingLabel(TemplateError, KeyError):
    """A label key that is not there: a TemplateError for the CLI, and a KeyError so a
    template's ``labels.x.y`` still gets Jinja's "unknown variable … did you mean"."""

    __str__ = TemplateError.__str__


def _missing(where: str, what: str, fix: str) -> TemplateError:
    return MissingLabel(what, file=where, fix=fix)


def _with_dimensions(own: dict, known: dict) -> dict:
    """``known`` (section → key → text) opened to what ``own`` adds for a dimension of the
    data: a section not close to a known one, and ``category_*`` headings in [data]."""
    schema = dict(known)
    for section, keys in own.items():
        close = difflib.get_close_matches(section, list(known), n=1, cutoff=0.8)
        if section not in known and isinstance(keys, dict) and not close:
            schema[section] = {key: "" for key in keys}
    extra = [k for k in own.get("data", {}) if k.startswith("category_")]
    schema["data"] = {**{key: "" for key in extra}, **known["data"]}
    return schema


def _check_values(own: dict, defaults: dict, text: str, path: Path) -> None:
    for section, keys in own.items():
        for key, value in keys.items():
            line = line_of(text, section, key)
            if not isinstance(value, str):
                raise TemplateError(
                    f"[{section}] {key} is not text (value {value!r})",
                    file=path,
                    line=line,
                    fix='put the words in double quotes: key = "…"',
                )
            allowed = _placeholders(defaults[section][key])
            extra = _placeholders(value) - allowed
            if extra:
                raise TemplateError(
                    f"[{section}] {key} uses an unknown placeholder {{{sorted(extra)[0]}}}",
                    file=path,
                    line=line,
                    fix=(
                        "use only " + ", ".join(f"{{{p}}}" for p in sorted(allowed))
                        if allowed
                        else "this text takes no {placeholder}; write the words only"
                    ),
                )


def _placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:  # a lone brace: treated as text by the code that fills it
        return set()
