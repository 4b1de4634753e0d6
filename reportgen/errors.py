"""User-facing errors: each carries what went wrong, where, and how to fix it.

They subclass ``click.ClickException`` so the CLI prints the message without a
traceback and exits with code 2 (bad input).
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from pathlib import Path

import click


class ReportgenError(click.ClickException):
    """Base class for a user's mistake; exit code 2, message printed without traceback."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: object = None,
        row: int | None = None,
        column: str | None = None,
        fix: str | None = None,
        line: int | None = None,
    ) -> None:
        parts = [str(file)] if file is not None else []
        if row is not None:
            parts.append(f"row {row}")
        if line is not None:
            parts.append(f"line {line}")
        if column is not None:
            parts.append(f"column '{column}'")
        where = ", ".join(parts)
        text = f"{where}: {message}" if where else message
        if fix:
            text += f"\n  Fix: {fix}"
        super().__init__(text)
        self.file, self.row, self.column, self.fix = file, row, column, fix

    def format_message(self) -> str:
        """The message as the terminal shows it (see ``printable``)."""
        return printable(self.message)


# Characters a terminal acts on instead of showing: C0 controls but tab and line feed,
# DEL, C1 controls (ESC sequences: cursor, colour, window title) and the bidirectional
# overrides that reorder what is shown.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: each character it would act on written as
    its escape (ESC as ``\\x1b``), so a name from the data cannot recolour, retitle or
    rewrite the terminal; line breaks and tabs stay."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class DataError(ReportgenError):
    """The input data is missing, malformed or inconsistent."""


class TemplateError(ReportgenError):
    """A template, theme or reference document is broken."""


class ConfigError(ReportgenError):
    """A command-line option or setting is invalid (e.g. a year not in the data)."""


ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One broken rule at one place; ``severity`` is "error" or "warning".

    ``str()`` gives the message for analysts, e.g. ``data/centres.csv, row 7, column
    'unique_users': is negative (value '-3'). Fix: write a whole number of 0 or more``.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str
    fix: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = ", ".join(
            p
            for p in (
                self.file,
                self.row and f"row {self.row}",
                self.column and f"column '{self.column}'",
            )
            if p
        )
        value = f" (value {self.value!r})" if self.value is not None else ""
        return f"{where}: {self.rule}{value}. Fix: {self.fix}"

    @property
    def is_error(self) -> bool:
        """Whether the problem stops a memo."""
        return self.severity == ERROR


def errors_in(problems: list[Problem]) -> list[Problem]:
    """The error-severity problems, in the order given."""
    return [p for p in problems if p.is_error]


def in_reading_order(problems: list[Problem]) -> list[Problem]:
    """The problems sorted by file and row (problems about a whole file first)."""
    return sorted(problems, key=lambda p: (p.file, p.row or 0))


MAX_LISTED = 30  # a memo run lists this many problems; 'validate' lists them all


def raise_if_errors(problems: list[Problem]) -> None:
    """Raise one DataError listing every error-severity problem (warnings are not raised)."""
    errors = in_reading_order(errors_in(problems))
    if errors:
        lines = "\n".join(f"  - {p}" for p in errors[:MAX_LISTED])
        if len(errors) > MAX_LISTED:
            lines += (
                f"\n  … and {len(errors) - MAX_LISTED} more: run 'reportgen validate' "
                "for the full list"
            )
        noun = "problem" if len(errors) == 1 else "problems"
        raise DataError(f"the data has {len(errors)} {noun}:\n{lines}")


class ProblemError(DataError):
    """A DataError that carries its Problem, so a reader can stop on it or collect it."""

    def __init__(self, problem: Problem) -> None:
        rule = problem.rule + (f" (value {problem.value!r})" if problem.value is not None else "")
        super().__init__(
            rule, file=problem.file, row=problem.row, column=problem.column, fix=problem.fix
        )
        self.problem = problem


def unreadable(file: object, rule: str, fix: str, row: int | None = None) -> ProblemError:
    """The error for a file that cannot be read at all (row: where reading stopped)."""
    return ProblemError(Problem(str(file), row, None, None, rule, fix))


class OutputError(ReportgenError):
    """A file cannot be written where the user asked: ``--output`` names a file, or a
    folder they may not write to (exit code 2). One line: the path, what happened, what
    to do."""

    def __init__(self, path: object, what: str, todo: str) -> None:
        super().__init__(f"{path}: {what}; {todo}")
        self.path, self.what, self.todo = path, what, todo

    def __reduce__(self):  # from a helper process: the same error, rebuilt
        return type(self), (self.path, self.what, self.todo)


class DiskError(OutputError):
    """A file cannot be written for a reason of the machine's: the disk is full or
    mounted read-only, or the system failed (exit code 1)."""

    exit_code = 1


_ELSEWHERE = "write elsewhere with --output"
_CAUSES = {
    errno.ENOSPC: (DiskError, "the disk is full", f"free some space on it, or {_ELSEWHERE}"),
    errno.EDQUOT: (DiskError, "your disk quota is used up", f"free some space, or {_ELSEWHERE}"),
    errno.EROFS: (DiskError, "the disk is read-only", f"{_ELSEWHERE}, or mount it writable"),
    errno.EACCES: (
        OutputError,
        "permission denied",
        "choose a folder you may write to with --output, or change its permissions",
    ),
}
_CAUSES[errno.EPERM] = _CAUSES[errno.EACCES]
_CAUSES[errno.ELOOP] = (  # a planted link (e.g. .reportgen.lock → a file elsewhere): not followed
    OutputError,
    "is a symbolic link, which reportgen does not follow",
    f"delete the link (reportgen makes the file anew), or {_ELSEWHERE}",
)


def output_error(exc: OSError, path: object = None) -> OutputError:
    """The one-line OutputError (exit 2) or DiskError (exit 1) for ``exc``, raised while
    writing ``path`` (default: the file ``exc`` names). Errno 28 ENOSPC, EDQUOT and 30
    EROFS are the machine's (DiskError); EACCES, EPERM, a file where a folder must be
    (ENOTDIR, EEXIST) and a link where a file must be (ELOOP) the user's choice of folder
    or what was put into it (OutputError); any other errno a
    DiskError with the system's own words."""
    where = Path(str(path if path is not None else exc.filename or "the output folder"))
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        file = next((p for p in (where, *where.parents) if p.exists() and not p.is_dir()), where)
        return OutputError(file, "is a file, not a folder", "give --output a folder, or a new name")
    kind, what, todo = _CAUSES.get(
        exc.errno or 0,
        (
            DiskError,
            f"cannot be written ({exc.strerror or exc})",
            f"check the disk, or {_ELSEWHERE}",
        ),
    )
    return kind(where, what, todo)
