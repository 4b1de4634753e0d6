"""Numbers and phrases in Norwegian bokmål (nb) and nynorsk (nn).

Usage: ``lang = get_language("nn"); lang.change_phrase(7.2)`` -> "ein auke på sju prosent".
"""

from __future__ import annotations

from functools import cache

from num2words import num2words

from reportgen.errors import ConfigError
from reportgen.language import nb, nn
from reportgen.language.base import Language

__all__ = ["SEVEN_FORMS", "Language", "get_language"]

#: Bokmål allows both forms of 7; nynorsk has only "sju" (Språkrådet).
SEVEN_FORMS = ("syv", "sju")
_MODULES = {"nb": nb, "nn": nn}


def _nb_small_numbers(seven: str) -> tuple[str, ...]:
    """Bokmål 0..12 from num2words (which writes "syv"), with the chosen form of 7."""
    words = [num2words(i, lang=nb.NUM2WORDS_LANG) for i in range(13)]
    words[7] = seven
    return tuple(words)


@cache
def get_language(code: str, seven: str = "syv") -> Language:
    """The :class:`Language` for målform ``code`` ("nb" or "nn").

    ``seven`` ("syv" or "sju") applies to bokmål only; nynorsk always writes "sju".
    Raises ``ConfigError`` for an unknown code or form of seven.
    """
    if code not in _MODULES:
        raise ConfigError(f"unknown målform {code!r}", fix="use 'nb' (bokmål) or 'nn' (nynorsk)")
    if seven not in SEVEN_FORMS:
        raise ConfigError(f"unknown form of seven {seven!r}", fix="use 'syv' or 'sju'")
    module = _MODULES[code]
    small = _nb_small_numbers(seven) if code == "nb" else nn.SMALL_NUMBERS
    return Language(
        code=module.CODE,
        locale=module.LOCALE,
        bcp47=module.BCP47,
        small_numbers=small,
        one=module.ONE,
        words=module.WORDS,
        phrases=module.PHRASES,
    )
