"""Numbers and phrases in Norwegian bokmål (nb) and nynorsk (nn).

Usage: ``lang = get_language("nn"); lang.change_phrase(7.2)`` -> "ein auke på sju prosent".
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from num2words import num2words

from reportgen.errors import ConfigError
from reportgen.language.base import Language

__all__ = ["SEVEN_FORMS", "Language", "get_language"]

#: Bokmål allows both forms of 7; nynorsk has only "sju" (Språkrådet).
SEVEN_FORMS = ("syv", "sju")
CODES = ("nb", "nn")


@cache
def word_table(code: str) -> dict:
    """The målform's word tables and phrase patterns from ``<code>.toml`` beside this file."""
    return tomllib.loads((Path(__file__).parent / f"{code}.toml").read_text(encoding="utf-8"))


def _nb_small_numbers(seven: str) -> tuple[str, ...]:
    """Bokmål 0..12 from num2words (which writes "syv"), with the chosen form of 7."""
    words = [num2words(i, lang=word_table("nb")["num2words"]) for i in range(13)]
    words[7] = seven
    return tuple(words)


@cache
def get_language(code: str, seven: str = "syv") -> Language:
    """The :class:`Language` for målform ``code`` ("nb" or "nn").

    ``seven`` ("syv" or "sju") applies to bokmål only; nynorsk always writes "sju".
    Raises ``ConfigError`` for an unknown code or form of seven.
    """
    if code not in CODES:
        raise ConfigError(f"unknown målform {code!r}", fix="use 'nb' (bokmål) or 'nn' (nynorsk)")
    if seven not in SEVEN_FORMS:
        raise ConfigError(f"unknown form of seven {seven!r}", fix="use 'syv' or 'sju'")
    table = word_table(code)
    small = _nb_small_numbers(seven) if code == "nb" else tuple(table["small_numbers"])
    return Language(
        code=table["code"],
        locale=table["locale"],
        bcp47=table["bcp47"],
        small_numbers=small,
        one=table["one"],
        words={key: tuple(forms) for key, forms in table["words"].items()},
        phrases=table["phrases"],
    )
