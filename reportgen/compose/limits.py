"""Limits on rendering a template: time, output size, and the size of numbers and texts
an expression may build, so a template cannot hang or exhaust the machine.

Jinja's sandbox already blocks ``range()`` over 100 000 items; these add the rest:
``{% for %}`` loops nested to billions of steps (time), ``{{ 'x' * 10**9 }}`` (size of
one value) and loops printing without end (size of the output).
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_SECONDS = 20.0  # a shipped template renders in well under a second
MAX_CHARS = 2_000_000  # output of one template; a memo is about 40 000 characters
MAX_INT_BITS = 4096  # a number a template may compute (10**1000 is 3 322 bits)


class OverLimit(Exception):
    """Rendering went over one of the limits; the message says which, in English."""


class LimitedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox with ``*`` and ``**`` checked: no text or list longer than MAX_CHARS,
    no number over MAX_INT_BITS bits."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context, operator, left, right):
        """``left operator right`` unless the result would be too large (SecurityError)."""
        if operator == "*" and _too_long(left, right):
            raise SecurityError(f"a text or list longer than {MAX_CHARS} characters")
        if operator == "**" and _too_big(left, right):
            raise SecurityError(f"a number with more than {MAX_INT_BITS} bits")
        return super().call_binop(context, operator, left, right)


def _too_long(left, right) -> bool:
    for sequence, times in ((left, right), (right, left)):
        if isinstance(sequence, str | list | tuple) and isinstance(times, int):
            return len(sequence) * times > MAX_CHARS
    return False


def _too_big(base, exponent) -> bool:
    if not (isinstance(base, int) and isinstance(exponent, int)) or abs(base) < 2:
        return False
    return exponent * math.log2(abs(base)) > MAX_INT_BITS


def limited_output(chunks: Iterator[str]) -> str:
    """The joined ``chunks`` of ``Template.generate``; OverLimit past MAX_CHARS."""
    parts, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_CHARS:
            raise OverLimit(f"the template writes more than {MAX_CHARS} characters")
        parts.append(chunk)
    return "".join(parts)


@contextmanager
def time_limit(environment, seconds: float | None = None) -> Iterator[None]:
    """Within the block, template code of ``environment`` (the frames Jinja compiled for
    it) raises OverLimit once ``seconds`` (default MAX_SECONDS) have passed. Other code
    is not traced, so filters and Python run at full speed."""
    limit = MAX_SECONDS if seconds is None else seconds
    deadline = time.monotonic() + limit

    def in_template(frame, event, arg):  # noqa: ARG001 (the trace function's signature)
        if time.monotonic() > deadline:
            raise OverLimit(f"the template takes more than {limit:g} seconds")
        return in_template

    def on_call(frame, event, arg):  # noqa: ARG001
        return in_template if frame.f_globals.get("environment") is environment else None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        yield
    finally:
        sys.settrace(previous)
