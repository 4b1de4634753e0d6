"""What the template sandbox (``compose.sandbox``) checks with: filters handed out checked
and counted, ``str.format`` formatters that count each field, and upper bounds of what an
operator builds, all against the limits of ``compose.limits``."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from typing import Any

from jinja2.sandbox import SandboxedEscapeFormatter, SandboxedFormatter

from reportgen.compose import sizes
from reportgen.compose.limits import MAX_CHARS, MAX_INT_BITS, too_large


class CheckedFilters(dict):
    """The environment's filters, each handed out checked (``_checked``)."""

    def __init__(self, env: Any, filters: dict) -> None:
        super().__init__(filters)
        self.env = env
        self.wrapped: dict[str, tuple] = {}

    def __getitem__(self, name):
        """The filter ``name``, wrapped once by ``_checked``."""
        func = super().__getitem__(name)
        if self.wrapped.get(name, (None,))[0] is not func:
            self.wrapped[name] = (func, _checked(self.env, name, func))
        return self.wrapped[name][1]

    def get(self, name, default=None):
        """The filter ``name`` checked, or ``default``."""
        return self[name] if name in self else default


def _checked(env: Any, name: str, func):
    """Filter ``func`` with its input checked by ``sizes.FILTER_SIZES[name]`` first (if it
    can multiply its input) and its result counted by ``env.spend``."""
    estimate = sizes.FILTER_SIZES.get(name)
    offset = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0
    what = f"the filter {name}"

    @functools.wraps(func)
    def checked(*args, **kwargs):
        if estimate is not None:
            head, value, rest = args[:offset], args[offset], args[offset + 1 :]
            if isinstance(value, Iterator):
                value = list(value)
                args = (*head, value, *rest)
            env.check(estimate, what, env, value, *rest, **kwargs)
        return env.spend(func(*args, **kwargs), what)

    return checked


class _Counting:
    """A ``str.format`` formatter that counts each field's width, precision and value
    before formatting it; OverLimit past MAX_CHARS in all (``total`` starts at the length
    of the format text)."""

    total = 0

    def format_field(self, value, format_spec: str):
        self.total += sizes.field_size(value, format_spec)
        if self.total > MAX_CHARS:
            raise too_large("the method format")
        return super().format_field(value, format_spec)  # type: ignore[misc]


class CountingFormatter(_Counting, SandboxedFormatter):
    """Jinja's sandboxed formatter, counted."""


class CountingEscapeFormatter(_Counting, SandboxedEscapeFormatter):
    """Jinja's sandboxed formatter for Markup, counted."""


def binop_size(operator: str, left, right) -> int:
    """An upper bound of the size of ``left operator right`` (0: a number)."""
    if operator == "*":
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, str | bytes | list | tuple) and isinstance(times, int):
                return sizes.size(sequence, MAX_CHARS + 1) * times
    if operator == "+" and isinstance(left, str | bytes | list | tuple):
        return sizes.size(left, MAX_CHARS + 1) + sizes.size(right, MAX_CHARS + 1)
    if operator == "%" and isinstance(left, str | bytes):
        return sizes.printf_size(str(left), right)
    return 0


def too_many_bits(operator: str, left, right) -> bool:
    """Whether ``left ** right`` or ``left * right`` of whole numbers has more than
    MAX_INT_BITS bits."""
    if not (isinstance(left, int) and isinstance(right, int)):
        return False
    if operator == "**":
        return abs(left) >= 2 and right * math.log2(abs(left)) > MAX_INT_BITS
    return operator == "*" and left.bit_length() + right.bit_length() > MAX_INT_BITS + 1
