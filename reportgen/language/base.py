"""Shared logic for writing numbers as Norwegian text (bokmål and nynorsk).

Rules from /work/shared/reference/conventions.md: Språkrådet
(https://www.sprakradet.no/Sprakhjelp/Skriveregler_og_grammatikk/Tall/) and klartsagt.no
(https://klartsagt.no/100-prosent-klar-og-korrekt-prosentformidling/). Rounding is half up
on the decimal value as written (28.5 -> 29), not Babel's banker's rounding.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

NBSP = "\u00a0"
EN_DASH = "\u2013"

#: Percent hedges: round figures are multiples of this many percent ...
HEDGE_PERCENT_STEP = Decimal(5)
#: ... and a share within this many percentage points (inclusive) below / above one is
#: "nesten" / "drøyt" (nn "drygt") it: 28.5 -> "nesten 30", 31.5 -> "drøyt 30", 28.49 -> "28".
HEDGE_PERCENT_WINDOW = Decimal("1.5")
#: Counts below this are never hedged (they are written exactly).
HEDGE_COUNT_MIN = 1000
#: A count within this fraction (inclusive) of its round figure is hedged; the round figure
#: is a multiple of 100 for 1 000-9 999, 1 000 for 10 000-99 999, 10 000 for six digits...
HEDGE_COUNT_WINDOW = Decimal("0.025")


#: Binary floats are read to this many decimals, so that 46 / 80 * 100 (stored as
#: 57.49999999999999) is the 57.5 it stands for; no figure in a memo has more decimals.
FLOAT_DECIMALS = 9


def exact(x: object) -> Decimal:
    """The decimal value of ``x`` as written (``str(x)``); a float is read to
    ``FLOAT_DECIMALS`` decimals (its binary noise removed). ValueError if not finite, or
    None (a count hidden for confidentiality, or not in the data, has no number to write)."""
    if x is None:
        raise ValueError(
            "there is no number to write here: it is hidden for confidentiality (:) or not "
            "in the data; test it with 'is none' first"
        )
    value = Decimal(str(x))
    if not value.is_finite():
        raise ValueError(f"cannot write {x!r} as a number")
    if isinstance(x, float):
        value = value.quantize(Decimal(1).scaleb(-FLOAT_DECIMALS), rounding=ROUND_HALF_UP)
    return value


def round_half_up(x: object, digits: int = 0) -> Decimal:
    """``x`` rounded half up to ``digits`` decimals (SSB practice: 28.5 -> 29)."""
    return exact(x).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def count_unit(n: int) -> int:
    """The round-figure unit of a count ``n`` >= 1000: two significant digits, at least 100."""
    return 10 ** max(2, len(str(n)) - 2)


def hedge_side(value: Decimal, round_figure: Decimal, window: Decimal) -> str | None:
    """'below' / 'above' if ``value`` is within ``window`` of ``round_figure`` (not on it)."""
    diff = value - round_figure
    if diff == 0 or abs(diff) > window:
        return None
    return "below" if diff < 0 else "above"


@dataclass(frozen=True)
class Language:
    """Number and phrase formatting for one målform; obtain it with ``get_language``."""

    code: str
    locale: str
    bcp47: str
    small_numbers: tuple[str, ...]
    one: dict[str, str]
    words: dict[str, tuple[str, str, str]]
    phrases: dict[str, str]

    def _format(self, value: Decimal, digits: int) -> str:
        pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
        text = format_decimal(value, format=pattern, locale=self.locale)
        return text.replace("\u202f", NBSP).replace("\u2212", "-")

    def integer(self, n: object) -> str:
        """Whole number grouped from 1000 with U+00A0 ("1\u00a0354"); floats round half up."""
        return self._format(round_half_up(n, 0), 0)

    def decimal(self, x: object, digits: int = 1) -> str:
        """``x`` with a decimal comma and ``digits`` decimals, grouped ("6,9", Språkrådet)."""
        return self._format(round_half_up(x, digits), digits)

    def number_text(self, n: object, gender: str | None = None) -> str:
        """Running text: whole numbers 0..12 as words, others as digits (Språkrådet).

        With ``gender`` ("m", "f", "n") the number one agrees and is stressed ("én", "ett";
        nn "éin", "éi", "eitt"); without it, the plain counting word ("en"; nn "ein").
        Values that are not whole numbers go to :meth:`decimal` (one decimal).
        """
        value = exact(n)
        if value != value.to_integral_value():
            return self.decimal(value)
        whole = int(value)
        if whole == 1 and gender is not None:
            return self.one[gender]
        if 0 <= whole < len(self.small_numbers):
            return self.small_numbers[whole]
        return self.integer(whole)

    def _amount(self, x: object, digits: int, gender: str) -> str:
        value = round_half_up(abs(exact(x)), digits)
        return self.number_text(int(value), gender) if digits <= 0 else self.decimal(value, digits)

    def percent_text(self, x: float | Decimal, digits: int = 0) -> str:
        """Percent (magnitude, %) in running text: "syv prosent", "29 prosent", "6,9 prosent"."""
        return f"{self._amount(x, digits, 'm')} {self.phrases['percent']}"

    def percent_table(self, x: float, digits: int = 1) -> str:
        """Percent for tables and charts: "6,9\u00a0%" (Språkrådet: % after a no-break space)."""
        return f"{self.decimal(x, digits)}{NBSP}%"

    def points_text(self, diff: float, digits: int = 0) -> str:
        """Difference of two percentages (magnitude): "seks prosentpoeng" (klartsagt.no)."""
        return f"{self._amount(diff, digits, 'n')} {self.phrases['points']}"

    def hedge_percent(self, x: float) -> str:
        """Percent (magnitude) hedged to a multiple of 5: "nesten 30 prosent" (see constants)."""
        value = abs(exact(x))
        step = HEDGE_PERCENT_STEP
        figure = (value / step).to_integral_value(rounding=ROUND_HALF_UP) * step
        side = hedge_side(value, figure, HEDGE_PERCENT_WINDOW) if figure > 0 else None
        if side is None:
            return self.percent_text(value)
        return f"{self.phrases[side]} {self.percent_text(figure)}"

    def hedge_count(self, n: int) -> str:
        """Count >= 1000 hedged to a round figure: "nesten 18\u00a0000" (see constants)."""
        value = round_half_up(n, 0)
        if value < 0:
            raise ValueError(f"a count cannot be negative: {n!r}")
        if value < HEDGE_COUNT_MIN:
            return self.number_text(value)
        unit = count_unit(int(value))
        figure = (value / unit).to_integral_value(rounding=ROUND_HALF_UP) * unit
        side = hedge_side(value, figure, figure * HEDGE_COUNT_WINDOW)
        if side is None:
            return self.integer(value)
        return f"{self.phrases[side]} {self.integer(figure)}"

    def noun(
        self, n: object, singular: str, plural: str, gender: str = "m", *, in_text: bool = True
    ) -> str:
        """Count with its noun: "én person", "ett senter", "to personer", "41 sentre".

        ``in_text=False`` always writes digits ("1 person"). Plural after decimals (Språkrådet).
        """
        amount = self.number_text(n, gender) if in_text else self._digits(n)
        return f"{amount} {singular if exact(n) == 1 else plural}"

    def _digits(self, n: object) -> str:
        value = exact(n)
        return self.integer(value) if value == value.to_integral_value() else self.decimal(value)

    def count_of(self, n: object, key: str, *, in_text: bool = True) -> str:
        """Count of a domain noun from ``words`` (English key, e.g. "person", "centre")."""
        singular, plural, gender = self.words[key]
        return self.noun(n, singular, plural, gender, in_text=in_text)

    def change_phrase(self, pct: float, *, hedged: bool = False, digits: int = 0) -> str:
        """Relative change (%) as a noun phrase: "en økning på syv prosent", never a minus."""
        if round_half_up(abs(exact(pct)), digits) == 0:
            return self.phrases["no_change"]
        amount = self.hedge_percent(pct) if hedged else self.percent_text(pct, digits)
        return self.phrases["increase" if pct > 0 else "decrease"].format(amount=amount)

    def more_fewer(self, diff: int, key: str) -> str:
        """Difference of counts: "1\u00a0354 flere personer", "én person færre", "like mange"."""
        singular, plural, gender = self.words[key]
        value = round_half_up(diff, 0)
        if value == 0:
            return self.phrases["same"].format(noun=plural)
        amount = self.number_text(abs(value), gender)
        one = "one_" if abs(value) == 1 else ""
        pattern = self.phrases[one + ("more" if value > 0 else "fewer")]
        return pattern.format(amount=amount, noun=singular if one else plural)

    def date(self, d: datetime.date) -> str:
        """Long date via Babel/CLDR: "5. juni 2020" (Språkrådet)."""
        return format_date(d, format="long", locale=self.locale)

    @staticmethod
    def rounded(x: object, digits: int = 0) -> float:
        """``x`` rounded half up as the text shows it (57.5 -> 58.0), for comparing two
        shown figures in a template (``round_shown``)."""
        return float(round_half_up(x, digits))

    @staticmethod
    def capitalize_first(text: str) -> str:
        """Capitalise a sentence's first letter; ValueError if it starts with a digit."""
        for i, char in enumerate(text):
            if char.isdigit():
                raise ValueError(f"sentence starts with a digit, rephrase: {text!r}")
            if char.isalpha():
                return text[:i] + char.upper() + text[i + 1 :]
        return text

    @staticmethod
    def range_text(a: int, b: int) -> str:
        """Range with an en dash and no spaces, digits ungrouped (years): "2015–2019"."""
        return f"{a}{EN_DASH}{b}"
