"""The template sandbox: Jinja's ``ImmutableSandboxedEnvironment`` with every operator,
method, filter and format that builds a value checked against the limits of
``compose.limits`` (sizes worked out beforehand by ``compose.sizes`` where a call can
multiply its input), and what one render builds counted.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TypeVar

from jinja2.compiler import CodeGenerator, optimizeconst
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
)
from markupsafe import Markup

from reportgen.compose import sizes
from reportgen.compose.counted import (
    CheckedFilters,
    CountingEscapeFormatter,
    CountingFormatter,
    binop_size,
    too_many_bits,
)
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
        self.filters = CheckedFilters(self, self.filters)
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
        if too_many_bits(operator, left, right):
            raise OverLimit(
                f"not allowed in a template: a number with more than {MAX_INT_BITS} bits"
            )
        if binop_size(operator, left, right) > MAX_CHARS:
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
            CountingEscapeFormatter(self, escape=text.escape)
            if isinstance(text, Markup)
            else CountingFormatter(self)
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
