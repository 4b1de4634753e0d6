"""No-break spaces in running text, so a line never ends between words that belong together.

Språkrådet (https://www.sprakradet.no/Sprakhjelp/Skriveregler_og_grammatikk/Tall/) asks
for a no-break space between a number and its unit or counted noun («69 prosent»,
«20 958 personer»); the same keeps a year with the preposition before it («i 2019»,
«for 2019»), and a county's Norwegian, Sami and Kven names break only after a dash
(«Troms – Romsa – Tromssa», «Karrieresenter Finnmark – Alta»: neither space around the
dash breaks, so a line never ends with a dash inside a name; county labels carry them
from the data, ``values.NAME_DASH``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from reportgen.language.base import NBSP, Language
from reportgen.model import (
    Block,
    BulletList,
    Figure,
    Heading,
    Metadata,
    Paragraph,
    Quote,
    Run,
    Table,
)

# Words a number counts in the memos besides the language's domain nouns (both målformer).
_EXTRA_NOUNS = (
    "unike",
    "individuelle",
    "innbyggere",
    "innbyggjarar",
    "år",
    "svar",
    "karrieresentre",
    "karrieresenter",
    "kurs",
)
_BEFORE_YEAR = ("i", "I", "for", "fra", "frå", "til", "mot", "siden", "sidan", "per")
_YEAR = re.compile(rf"\b({'|'.join(_BEFORE_YEAR)}) (?=(?:19|20)\d\d\b)")
# the spaces around a dash that joins a name to its next form: the next word has a capital
_NAME_DASH = re.compile(r"(?<=\w) \u2013 (?=[A-ZÆØÅÁČĐŊŠŦŽ])")


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _number_noun(lang: Language) -> re.Pattern[str]:
    """A space after a digit before one of the målform's nouns (built once per målform)."""
    if lang.code not in _PATTERNS:
        nouns = {lang.phrases["percent"], lang.phrases["points"], *_EXTRA_NOUNS}
        for singular, plural, _gender in lang.words.values():
            nouns.update((singular, plural))
        alternatives = "|".join(sorted(map(re.escape, nouns), key=len, reverse=True))
        _PATTERNS[lang.code] = re.compile(rf"(?<=\d) (?=(?:{alternatives})\b)")
    return _PATTERNS[lang.code]


def typeset(text: str, lang: Language) -> str:
    """``text`` with no-break spaces (U+00A0) after a number before its unit or noun,
    between a preposition and a year, and around a dash inside a name."""
    text = _number_noun(lang).sub(NBSP, text)
    text = _YEAR.sub(lambda m: m.group(1) + NBSP, text)
    return _names(text)


def _names(text: str) -> str:
    """``text`` with no-break spaces around each dash inside a name."""
    return _NAME_DASH.sub(f"{NBSP}\u2013{NBSP}", text)


def _runs(runs: tuple[Run, ...], lang: Language) -> tuple[Run, ...]:
    return tuple(replace(run, text=typeset(run.text, lang)) for run in runs)


def typeset_block(block: Block, lang: Language) -> Block:
    """The block with ``typeset`` applied to its running text (headings, paragraphs, list
    items, quotes, figure and table captions); in table cells only a name's dashes are
    held («Karrieresenteret i Hedmark – Hamar»); alt texts stay as they are."""
    match block:
        case Heading():
            return replace(block, text=typeset(block.text, lang))
        case Paragraph():
            return replace(block, runs=_runs(block.runs, lang))
        case BulletList():
            return replace(block, items=tuple(_runs(item, lang) for item in block.items))
        case Quote():
            return replace(block, paragraphs=tuple(_runs(p, lang) for p in block.paragraphs))
        case Table():
            rows = tuple(tuple(_names(cell) for cell in row) for row in block.rows)
            return replace(block, caption=typeset(block.caption, lang), rows=rows)
        case Figure():
            return replace(block, caption=typeset(block.caption, lang))
    return block


def typeset_metadata(meta: Metadata, lang: Language) -> Metadata:
    """Title and subtitle with ``typeset`` applied («… for 2019» stays on one line)."""
    return replace(meta, title=typeset(meta.title, lang), subtitle=typeset(meta.subtitle, lang))
