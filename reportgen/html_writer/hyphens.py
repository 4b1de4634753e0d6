"""Where a long word of a number column's heading may break on a narrow screen: a soft
hyphen (U+00AD) at each hyphenation point that the memo language's patterns allow
(LibreOffice's nb/nn patterns, shipped with pyphen). A browser breaks there only when the
column is narrower than the word, and then shows the hyphen: «Kurs og gruppe-/rettleiingar»
instead of a table wider than a 320 px phone. Browsers' own ``hyphens:auto`` is not relied
on: Chromium on Linux has no dictionary for it."""

from __future__ import annotations

import re
from functools import cache

import pyphen

SHY = "\u00ad"
LONGEST_WHOLE = 12  # «Individuelle», «Andel»: headings' words up to 12 letters stay whole
_WORD = re.compile(rf"\w{{{LONGEST_WHOLE + 1},}}")


@cache
def _patterns(language: str) -> pyphen.Pyphen:
    dictionary = "nn_NO" if language.lower().startswith("nn") else "nb_NO"
    return pyphen.Pyphen(lang=dictionary, left=4, right=6)  # «gruppe-rett-leiingar»


def breakable(heading: str, language: str) -> str:
    """``heading`` with soft hyphens in its words of more than 12 letters, by the
    hyphenation patterns of ``language`` (BCP 47: "nn-NO" or "nn" is nynorsk, any other
    bokmål)."""
    patterns = _patterns(language)
    return _WORD.sub(lambda word: patterns.inserted(word[0], hyphen=SHY), heading)
