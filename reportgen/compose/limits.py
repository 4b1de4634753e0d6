"""Limits on rendering a template: time, output size, and the size of every text, list and
number an expression may build, so a template cannot hang or exhaust the machine.

Jinja's sandbox already blocks ``range()`` over 100 000 items and any method that changes a
list or dict. These add the rest: ``{% for %}`` loops nested to billions of steps (time,
here); every value built by an operator (``*``, ``**``, ``+``, ``%``, ``~``), a method
(``'x'.ljust(10**9)``), a filter (``indent(10**9)``) or ``str.format`` (at most MAX_CHARS,
refused before it is built where the size can be worked out: ``compose.sandbox`` with
``compose.sizes``); all that one render builds (MAX_BUILT, which bounds texts built in a
loop inside a macro); and the output (MAX_OUTPUT, here).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

MAX_SECONDS = 20.0  # a shipped template renders in well under a second
MAX_CHARS = 2_000_000  # one text or list, and the output; a memo is about 40 000 characters
MAX_INT_BITS = 4096  # a number a template may compute (10**1000 is 3 322 bits)
MAX_BUILT = 10 * MAX_CHARS  # all texts and lists one render builds
# what a memo's template writes: a whole memo is about 40 000 characters, and Markdown is parsed
# at about 30 000 characters a second at worst (a run of "["), so about 3 s at this size
MAX_OUTPUT = 100_000

FIX_LOOP = (
    "look for a loop inside a loop or a very large range() in the template; a memo "
    "template needs neither"
)
FIX_SIZE = (
    "look for a very large number given to a method or filter, or a text repeated or "
    "joined many times; a memo template needs no text that long"
)
FIX_OUTPUT = (
    "a whole memo is about 40 000 characters: look for a loop that writes text many times, "
    "or a very long text pasted into the template"
)


class OverLimit(Exception):
    """Rendering went over one of the limits: ``str()`` says which (in English), ``fix``
    what to look for in the template."""

    def __init__(self, message: str, fix: str = FIX_LOOP) -> None:
        super().__init__(message)
        self.fix = fix


def too_large(what: str) -> OverLimit:
    """The error for ``what`` (e.g. "the method ljust") making a value past MAX_CHARS."""
    return OverLimit(
        f"not allowed in a template: {what} would make a text or list longer than "
        f"{MAX_CHARS} characters",
        FIX_SIZE,
    )


def limited_output(chunks: Iterator[str]) -> str:
    """The joined ``chunks`` of ``Template.generate``; OverLimit past MAX_OUTPUT."""
    parts, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise OverLimit(f"the template writes more than {MAX_OUTPUT} characters", FIX_OUTPUT)
        parts.append(chunk)
    return "".join(parts)


@contextmanager
def time_limit(environment, seconds: float | None = None) -> Iterator[None]:
    """Within the block, template code of ``environment`` (the frames Jinja compiled for
    it) raises OverLimit once ``seconds`` (default MAX_SECONDS) have passed. Other code
    is not traced, so filters and Python run at full speed. What the environment has
    built (``LimitedEnvironment.built``) starts from 0."""
    limit = MAX_SECONDS if seconds is None else seconds
    deadline = time.monotonic() + limit
    environment.built = 0

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
