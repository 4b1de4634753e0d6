"""The template sandbox: Jinja's ``ImmutableSandboxedEnvironment`` with every operator,
method, filter and format that builds a value checked against the limits of
``compose.limits`` (sizes worked out beforehand by ``compose.sizes`` where a call can
multiply its input), and what one render builds counted.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from typing import TypeVar

from jinja2.compiler import CodeGenerator, optimizeconst
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SandboxedEscapeFormatter,
    SandboxedFormatter,
)
from markupsafe import Markup

from reportgen.compose import sizes
from reportgen.compose.limits import (
    FIX_SIZE,
    MAX_BUILT,
    MAX_CHARS,
    MAX_INT_BITS,
    OverLimit,
    too_large,
)

T = TypeVar("T")


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator with ``a ~ b`` compiled to ``environment.joined``, so that
    the sandbox sees the operator (Jinja offers no hook for it)."""

    @optimizeconst
    def visit_Concat(self, node, frame) -> None:
        join = "str_join"
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        self.write("environment.joined((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write(f"), {join})")


class LimitedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox with every operator, method, filter and format that can build a value
    checked against MAX_CHARS and MAX_INT_BITS, the filters and globals a Markdown memo has
    no use for removed (``sizes.REMOVED_FILTERS``, ``lipsum``), and what a render builds
    counted against MAX_BUILT (``built``, reset by ``time_limit``)."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])
    code_generator_class = _CodeGenerator

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters = _Filters(self, self.filters)
        for name in sizes.REMOVED_FILTERS:
            del self.filters[name]
        for name in sizes.REMOVED_GLOBALS:
            del self.globals[name]
        if self.finalize is not None:
            self.finalize = self._counted(self.finalize)
        self.built = 0

    def spend(self, value: T, what: str) -> T:
        """``value`` (built by ``what``) after checking its size and adding it to ``built``;
        OverLimit past MAX_CHARS or MAX_BUILT."""
        need = sizes.size(value, MAX_BUILT)
        if need > MAX_CHARS:
            raise too_large(what)
        self._add(need)
        return value

    def _add(self, size: int) -> None:
        self.built += size
        if self.built > MAX_BUILT:
            raise OverLimit(f"the template builds more than {MAX_BUILT} characters", FIX_SIZE)

    def call_binop(self, context, operator, left, right):
        """``left operator right`` unless the result would be too large (OverLimit)."""
        if _too_big(operator, left, right):
            raise OverLimit(
                f"not allowed in a template: a number with more than {MAX_INT_BITS} bits"
            )
        if _binop_size(operator, left, right) > MAX_CHARS:
            raise too_large(f"the operator {operator}")
        return self.spend(super().call_binop(context, operator, left, right), operator)

    def joined(self, values, join) -> str:
        """``a ~ b ~ …``: the values as one text, unless it would be too long (OverLimit)."""
        total = 0
        for value in values:
            total += sizes.text_size(value)
            if total > MAX_CHARS:
                raise too_large("the operator ~")
        return self.spend(join(values), "~")

    def concat(self, pieces) -> str:
        """The output of a macro, a call or a ``{% set %}`` block joined, unless too long."""
        pieces = pieces if isinstance(pieces, list) else list(pieces)
        if sum(map(len, pieces)) > MAX_CHARS:
            raise OverLimit(f"a macro or block writes more than {MAX_CHARS} characters")
        return self.spend("".join(pieces), "a macro or block")

    def getitem(self, obj, argument):
        """``obj[argument]``; a slice (``text[::-1]``) counts as built."""
        value = super().getitem(obj, argument)
        return self.spend(value, "a slice") if isinstance(argument, slice) else value

    def call(__self, __context, __obj, *args, **kwargs):
        """Call ``__obj`` from the template: a method of a text, number, list, dict or date
        only if ``sizes`` knows it, and only if its result is not too large."""
        owner, name = getattr(__obj, "__self__", None), getattr(__obj, "__name__", "")
        what = f"the method {name}" if owner is not None else f"the call {name}".strip()
        if sizes.is_value_method(owner, name):
            estimate = sizes.METHOD_SIZES.get(name)
            if estimate is None and name not in sizes.BOUNDED_METHODS:
                raise OverLimit(
                    f"not allowed in a template: the method {type(owner).__name__}.{name}",
                    "use the filters and variables of templates/README.md instead",
                )
            if estimate is not None:
                args = tuple(list(a) if isinstance(a, Iterator) else a for a in args)
                __self.check(estimate, what, owner, *args, **kwargs)
        return __self.spend(super().call(__context, __obj, *args, **kwargs), what)

    def check(self, estimate, what: str, /, *args, **kwargs) -> None:
        """OverLimit if ``estimate(*args, **kwargs)`` (a size, see ``sizes``) is too large
        or refused; arguments it cannot take are left to the call itself to refuse."""
        try:
            need = estimate(*args, **kwargs)
        except sizes.Refused as exc:
            raise OverLimit(f"not allowed in a template: {exc}", FIX_SIZE) from None
        except (TypeError, ValueError, AttributeError, OverflowError):
            return
        if need > MAX_CHARS:
            raise too_large(what)

    def wrap_str_format(self, value):
        """``text.format`` and ``text.format_map`` with each field counted (``_Counting``)."""
        if super().wrap_str_format(value) is None:
            return None
        text, by_name = value.__self__, value.__name__ == "format_map"
        formatter = (
            _EscapeFormatter(self, escape=text.escape)
            if isinstance(text, Markup)
            else _Formatter(self)
        )
        formatter.total = len(text)

        def bounded(*args, **kwargs) -> str:
            if by_name:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                return type(text)(formatter.vformat(text, (), args[0]))
            return type(text)(formatter.vformat(text, args, kwargs))

        return functools.update_wrapper(bounded, value)

    def _counted(self, finalize):
        """``finalize`` whose new texts (a printed value, marked) count as built."""

        @functools.wraps(finalize)
        def counted(value):
            result = finalize(value)
            if result is not value:
                self._add(sizes.size(result, MAX_BUILT))
            return result

        return counted


class _Filters(dict):
    """The environment's filters, each handed out checked (``_checked``)."""

    def __init__(self, env: LimitedEnvironment, filters: dict) -> None:
        super().__init__(filters)
        self.env = env
        self.wrapped: dict[str, tuple] = {}

    def __getitem__(self, name):
        func = super().__getitem__(name)
        if self.wrapped.get(name, (None,))[0] is not func:
            self.wrapped[name] = (func, _checked(self.env, name, func))
        return self.wrapped[name][1]

    def get(self, name, default=None):
        return self[name] if name in self else default


def _checked(env: LimitedEnvironment, name: str, func):
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


class _Formatter(_Counting, SandboxedFormatter):
    """Jinja's sandboxed formatter, counted."""


class _EscapeFormatter(_Counting, SandboxedEscapeFormatter):
    """Jinja's sandboxed formatter for Markup, counted."""


def _binop_size(operator: str, left, right) -> int:
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


def _too_big(operator: str, left, right) -> bool:
    """Whether ``left ** right`` or ``left * right`` of whole numbers has more than
    MAX_INT_BITS bits."""
    if not (isinstance(left, int) and isinstance(right, int)):
        return False
    if operator == "**":
        return abs(left) >= 2 and right * math.log2(abs(left)) > MAX_INT_BITS
    return operator == "*" and left.bit_length() + right.bit_length() > MAX_INT_BITS + 1
