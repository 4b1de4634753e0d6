"""How large a value is, and how large the result of a method or filter that can multiply
its input would be, worked out before it is built.

``compose.limits`` checks every method, filter and operator a template calls: those listed
here by name (``'x'.ljust(10**9)``, ``"a\\nb"|indent(10**9)``, ``"%0999999999d"|format(1)``,
``range(99999)|join('y' * 2000000)``) are refused before they build anything; the others
give at most a few times their input (``upper``, ``escape``) and are checked afterwards.
The sizes are in characters (items for a list), an upper bound of ``len`` of the result.
"""

# ruff: noqa: ARG001, ARG005, FBT002  (each estimate takes the arguments of its method or filter)
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping

from jinja2.filters import make_attrgetter

# The types of values a template can make or is given (``today`` is a date).
VALUE_TYPES: tuple[type, ...] = (str, bytes, int, float, complex, list, tuple, dict, set)
VALUE_TYPES += (frozenset, dt.date, dt.time, dt.timedelta)

# Methods of VALUE_TYPES whose result is at most a few times the size of the object and
# the arguments. Any other method of these types is refused (mutating ones are refused by
# the sandbox already); a test checks that each public method is in one of the lists.
BOUNDED_METHODS = frozenset(
    """capitalize casefold count decode encode endswith find format format_map hex index
    isalnum isalpha isascii isdecimal isdigit isidentifier islower isnumeric isprintable
    isspace istitle isupper lower lstrip maketrans partition removeprefix removesuffix rfind
    rindex rpartition rsplit rstrip split splitlines startswith strip swapcase title upper
    fromhex as_integer_ratio bit_count bit_length conjugate from_bytes is_integer copy get
    items keys values fromkeys difference intersection isdisjoint issubset issuperset
    symmetric_difference union escape striptags unescape astimezone ctime date dst
    isocalendar isoformat isoweekday replace time timestamp timetuple timetz toordinal
    tzname utcoffset utctimetuple weekday total_seconds fromisoformat fromordinal
    fromtimestamp fromisocalendar combine now today utcnow utcfromtimestamp strptime""".split()
)

# Filters whose result is at most a few times the size of their input (or a number, or a
# lazy iterator whose items are checked where they are used).
BOUNDED_FILTERS = frozenset(
    """abs attr capitalize count d default dictsort e escape filesizeformat first float
    forceescape groupby int items last length list lower map max min pprint random reject
    rejectattr reverse safe select selectattr sort string striptags title trim truncate
    unique upper urlencode wordcount""".split()
)
# The number filters of reportgen.compose.render: a number in, a short text out.
BOUNDED_FILTERS |= frozenset(
    """num words pct about about_count pct_table pp more_fewer date cap decimal round_shown
    change""".split()
)
# Filters for HTML that a Markdown memo has no use for, and that can multiply their input
# (urlize's target, tojson's indent): not offered to templates.
REMOVED_FILTERS = frozenset({"urlize", "xmlattr", "tojson"})
REMOVED_GLOBALS = frozenset({"lipsum"})  # builds text by the megabyte; a memo needs none

_PYTHON_MODULES = frozenset({"builtins", "datetime", "markupsafe"})
CAP = 100_000_000  # sizes are counted up to here (far past every limit), then given as is
ROUND_DIGITS = 1000  # round(x, precision) computes 10 ** precision


class Refused(Exception):
    """A call that would cost too much however large its result, e.g. ``sum`` of lists."""


_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # where str.splitlines splits
_PRINTF = re.compile(r"%(?:\(([^)]*)\))?[#0 +\-]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?([a-zA-Z%])")
_NUMBERS = re.compile(r"\d+")


def is_value_method(owner: object, name: str) -> bool:
    """Whether ``owner.name`` is a method of a VALUE_TYPE that comes from Python (so it must
    be in BOUNDED_METHODS or METHOD_SIZES), not one a reportgen class defines."""
    if not isinstance(owner, VALUE_TYPES):
        return False
    home = next((c for c in type(owner).__mro__ if name in vars(c)), object)
    return home.__module__ in _PYTHON_MODULES


def size(value: object, limit: int = CAP) -> int:
    """The size of ``value``: ``len`` of a text, the sum of its items' sizes (each at least
    1) for a list, tuple, set or dict (keys and values), else 1. Counting stops past
    ``limit``, so this takes at most ``limit`` steps however deep or shared the value is."""
    total, stack = 0, [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += max(1, len(item))
        elif isinstance(item, list | tuple | set | frozenset):
            total += 1 if not item else 0
            stack.extend(item)
        elif isinstance(item, dict):
            total += 1 if not item else 0
            stack.extend(item.keys())
            stack.extend(item.values())
        else:
            total += 1
    return total


def text_size(value: object, limit: int = CAP) -> int:
    """An upper bound of ``len(str(value))`` (a list prints as its repr: quotes, commas)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list | tuple | set | frozenset | dict):
        return 6 * size(value, limit) + 2
    return len(str(value))


def printf_size(text: str, values: object) -> int:
    """An upper bound of ``len(text % values)``: widths, precisions and the values."""
    args = list(values) if isinstance(values, tuple) else [values]
    total, i = len(text), 0
    for key, width, precision, kind in _PRINTF.findall(text):
        for number in (width, precision):
            if number == "*":
                given = args[i] if i < len(args) else 0
                total += abs(given) if isinstance(given, int) else 0
                i += 1
            elif number:
                total += int(number)
        if kind == "%":
            continue
        if key and isinstance(values, Mapping):
            value = values.get(key)
        else:
            value, i = (args[i] if i < len(args) else None), i + 1
        total += text_size(value) + 1
    return total


def field_size(value: object, spec: str) -> int:
    """An upper bound of ``len(format(value, spec))`` (``str.format``): the widths and
    precisions in ``spec`` and the value."""
    return sum(int(n) for n in _NUMBERS.findall(spec)) + text_size(value) + 1


def _lines(text: str) -> int:
    return sum(text.count(c) for c in _LINE_BREAKS) + 1


def _width(obj, width=0, *_, **__) -> int:
    return max(len(obj), int(width))


def _replace(obj, old, new, count=-1) -> int:
    if not isinstance(obj, str | bytes):
        return 1  # date.replace(year=…)
    times = obj.count(old) if old else len(obj) + 1
    times = min(times, count) if count is not None and count >= 0 else times
    return len(obj) + times * len(new)


def _join(obj, items: Iterable) -> int:
    items = list(items)
    return sum(text_size(i) for i in items) + len(obj) * max(0, len(items) - 1)


def _translate(obj, table) -> int:
    if not isinstance(table, Mapping):
        return len(obj)
    longest = max((len(v) for v in table.values() if isinstance(v, str | bytes)), default=1)
    return len(obj) * max(1, longest)


METHOD_SIZES: dict[str, Callable[..., int]] = {
    "center": _width,
    "ljust": _width,
    "rjust": _width,
    "zfill": _width,
    "expandtabs": lambda obj, tabsize=8: len(obj) + obj.count("\t") * int(tabsize),
    "replace": _replace,
    "join": _join,
    "translate": _translate,
    "to_bytes": lambda obj, length=1, *_, **__: int(length),
    "strftime": lambda obj, fmt: 12 * len(fmt),  # "%c" (2 characters) gives 24
}


def _indent(env, value, width=4, *_, **__) -> int:
    text = str(value)
    step = len(width) if isinstance(width, str) else int(width)
    return len(text) + _lines(text) * max(0, step)


def _wordwrap(env, value, width=79, break_long_words=True, wrapstring=None, *_, **__) -> int:
    text = str(value)
    return len(text) + (len(text) + 1) * len(wrapstring or "\n")  # a line holds ≥ 1 character


def _filter_join(env, value, d="", attribute=None) -> int:
    if attribute is not None:
        value = map(make_attrgetter(env, attribute), value)
    return _join(str(d), value)


def _round(env, value, precision=0, *_, **__) -> int:
    if abs(int(precision)) > ROUND_DIGITS:
        raise Refused(f"round() to more than {ROUND_DIGITS} digits")
    return 1


def _sum(env, iterable, attribute=None, start=0) -> int:
    if not isinstance(start, int | float):
        raise Refused("sum() adds numbers, not texts or lists")
    return 1


FILTER_SIZES: dict[str, Callable[..., int]] = {
    "center": lambda env, value, width=80: max(len(str(value)), int(width)),
    "indent": _indent,
    "format": lambda env, value, *args, **kwargs: printf_size(str(value), kwargs or tuple(args)),
    "join": _filter_join,
    "replace": lambda env, s, old, new, count=None: _replace(str(s), str(old), str(new), count),
    "wordwrap": _wordwrap,
    "batch": lambda env, value, linecount, fill_with=None: len(value) + int(linecount),
    "slice": lambda env, value, slices, fill_with=None: len(value) + int(slices),
    "round": _round,
    "sum": _sum,
}
