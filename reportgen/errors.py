"""User-facing errors: each carries what went wrong, where, and how to fix it.

They subclass ``click.ClickException`` so the CLI prints the message without a
traceback and exits with code 2 (bad input).
"""

from __future__ import annotations

import click


class ReportgenError(click.ClickException):
    """Base class for a user's mistake; exit code 2, message printed without traceback."""

    exit_code = 2

    def __init__(self, message: str, *, file: object = None, row: int | None = None,
                 column: str | None = None, fix: str | None = None,
                 line: int | None = None) -> None:
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
        return self.message


class DataError(ReportgenError):
    """The input data is missing, malformed or inconsistent."""


class TemplateError(ReportgenError):
    """A template, theme or reference document is broken."""


class ConfigError(ReportgenError):
    """A command-line option or setting is invalid (e.g. a year not in the data)."""
