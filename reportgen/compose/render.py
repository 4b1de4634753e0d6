"""Render a Markdown + Jinja2 template in a sandbox, with Norwegian number filters.

Undefined names are errors (``StrictUndefined``); a mistake in a template becomes a
TemplateError naming the file, the line, the unknown name and a likely correction.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from reportgen.compose.limits import FIX_LOOP, OverLimit, limited_output, time_limit
from reportgen.compose.runtime_errors import not_worked_out, runtime_error, undefined
from reportgen.compose.sandbox import LimitedEnvironment
from reportgen.compose.template_errors import syntax_error, template_location
from reportgen.errors import TemplateError
from reportgen.files import contained
from reportgen.theme.usertext import read_user_text


class RecordingLoader(jinja2.FileSystemLoader):
    """A file loader that remembers every template file it read (for the manifest), and
    reads files as Windows editors save them (``usertext.read_user_text``: BOM, cp1252)."""

    def __init__(self, folders) -> None:
        super().__init__([str(f) for f in folders])
        self.used: list[str] = []

    def get_source(self, environment, template):  # noqa: ARG002 (Jinja's signature)
        """The template's source, noting its file as used. Raises TemplateNotFound, or
        TemplateError for a file in an encoding that cannot be read or one that leads
        outside the template folders (a link, see ``files.contained``)."""
        pieces = split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if path.is_file():
                contained(path, self.searchpath)
                filename, mtime = str(path), path.stat().st_mtime
                source = read_user_text(path)
                if filename not in self.used:
                    self.used.append(filename)
                return source, filename, _unchanged(path, mtime)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path, mtime: float):
    """Jinja's ``uptodate`` check: the file is still there with the same modification time."""
    return lambda: path.is_file() and path.stat().st_mtime == mtime


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in memory for the process and on disk between runs, keyed
    by file name and source checksum (Jinja checks both), so a template is compiled once.
    The loader still reads and records every template file."""

    def __init__(self) -> None:
        folder = (
            Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
            / "reportgen"
            / "templates"
        )
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.on_disk = True
        except OSError:
            self.on_disk = False
        # the pattern names what compiled code depends on: the output convention (its
        # constants carry the marks) and the limits (``~`` is compiled to a checked call)
        super().__init__(
            str(folder) if self.on_disk else tempfile.gettempdir(),
            "__reportgen_marked_bounded_%s.cache",
        )
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key not in self.store and self.on_disk:
            super().load_bytecode(bucket)
            if bucket.code is not None:
                self.store[bucket.key] = bucket.bytecode_to_string()
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
        if self.on_disk:
            try:
                super().dump_bytecode(bucket)
            except OSError:  # a read-only cache folder only costs the compile next time
                self.on_disk = False


_BYTECODE = _BytecodeCache()


# Template filter → Language method: Norwegian numbers and words (see reportgen.language).
FILTERS = {
    "num": "integer", "words": "number_text", "pct": "percent_text", "about": "hedge_percent",
    "about_count": "hedge_count", "pct_table": "percent_table", "pp": "points_text",
    "count": "count_of", "more_fewer": "more_fewer", "date": "date", "cap": "capitalize_first",
    "decimal": "decimal", "round_shown": "rounded",
}  # fmt: skip


def environment(folders, lang) -> jinja2.Environment:
    """A sandboxed environment loading from ``folders`` with the language's filters.

    Filters (all give reader-facing Norwegian): ``num`` 20 958; ``words`` syv / 13;
    ``pct`` syv prosent; ``about`` nesten 30 prosent; ``about_count`` nesten 18 000;
    ``pct_table`` 6,9 %; ``pp`` seks prosentpoeng; ``count(key)`` 41 sentre;
    ``change`` en økning på syv prosent; ``more_fewer(key)`` 1 354 flere personer;
    ``date`` 5. juni 2020; ``cap`` capitalises the first letter; ``round_shown`` the value
    rounded half up as the text shows it (for comparing two shown figures).
    """
    env = LimitedEnvironment(
        loader=RecordingLoader(folders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=False,
        lstrip_blocks=True,
        finalize=escape_markdown,
        bytecode_cache=_BYTECODE,
    )
    env.concat = _written  # type: ignore[method-assign,assignment]  # macros and blocks
    env.filters.update({name: getattr(lang, method) for name, method in FILTERS.items()})
    env.filters["change"] = lambda c, **kw: lang.change_phrase(c.percent, **kw)
    return env


_LIMIT_MESSAGES = {
    RecursionError: "a macro calls itself without end",
    MemoryError: "the template needs more memory than the machine has",
}


def render(env: jinja2.Environment, name: str, context: dict, *, marked: bool = False) -> str:
    """Render template ``name`` with ``context`` within the limits of ``compose.limits``
    (time, output size): Markdown with printed values escaped, or with ``marked`` the text
    whose values are still marked (for ``unmark`` once the front matter is split off).
    Raises TemplateError on any template mistake or limit."""
    try:
        template = env.get_template(name)
        with time_limit(env):
            text = limited_output(template.generate(context))
        return text if marked else unmark(text)
    except (OverLimit, RecursionError, MemoryError) as exc:
        file, line = template_location(exc, name)
        raise TemplateError(
            _LIMIT_MESSAGES.get(type(exc), str(exc)),
            file=file,
            line=line,
            fix=exc.fix if isinstance(exc, OverLimit) else FIX_LOOP,
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise syntax_error(exc, name, env) from None
    except jinja2.UndefinedError as exc:
        raise undefined(exc, name, context, env) from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(
            f"not allowed in a template: {exc}",
            file=name,
            fix="templates may only use the documented variables",
        ) from None
    except jinja2.TemplateRuntimeError as exc:  # an unknown filter or test in a branch
        raise runtime_error(exc, name, env) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            f"template '{exc.name}' was not found",
            fix="check the name, or run 'reportgen templates list'",
        ) from None
    except ValueError as exc:  # a language rule, e.g. a sentence starting with digits
        file, line = template_location(exc, name)
        raise TemplateError(
            str(exc), file=file, line=line, fix="rephrase the sentence in the template"
        ) from None
    except (TypeError, ArithmeticError, LookupError, AttributeError) as exc:
        raise not_worked_out(exc, name) from None


class Raw(str):
    """Template output that is Markdown already (not escaped), e.g. a table marker."""


class Written(str):
    """Text a template wrote: the output of a macro, ``caller()`` or a ``{% set %}`` block,
    whose printed values are marked already. Known by its type, never by its content."""


def _written(parts) -> Written:
    """Jinja's ``Environment.concat`` for this environment: the joined output typed."""
    return Written("".join(parts))


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#&|!])")
OPEN, CLOSE = "\ue000", "\ue001"  # private-use marks around each printed value
_MARKED = re.compile(f"{OPEN}([^{CLOSE}]*){CLOSE}")
_BREAKS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_NO_MARKS = str.maketrans("", "", OPEN + CLOSE)


def escape_markdown(value: object) -> object:
    """Jinja ``finalize``: a printed text value is marked (``OPEN`` … ``CLOSE``) so that
    ``unmark`` can escape it for where it landed: TOML in the front matter, Markdown in the
    body. Line breaks and control characters in it become one space, and the marks are
    taken out, so no value can carry one. Text the template wrote (``Written``: a macro's
    output, its values marked already) and ``Raw`` text (a table marker) are passed on as
    they are; which is which is told by type alone (a macro's output changed by a filter
    is plain text again, and escaped whole)."""
    if isinstance(value, str) and not isinstance(value, Raw | Written):
        return f"{OPEN}{_BREAKS.sub(' ', value.translate(_NO_MARKS))}{CLOSE}"
    return value


def unmark(text: str, *, toml: bool = False) -> str:
    """Rendered text with each marked value escaped: as the inside of a TOML basic string
    (``toml``, e.g. ``Vest\\"land``) or as literal Markdown ("<5" → "\\<5")."""
    if toml:
        return _MARKED.sub(lambda m: json.dumps(m.group(1), ensure_ascii=False)[1:-1], text)
    return _MARKED.sub(lambda m: _MARKDOWN_SPECIAL.sub(r"\\\1", m.group(1)), text)
