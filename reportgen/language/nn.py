"""Nynorsk (nn) word tables and phrase patterns.

Pure data: the shared logic lives in :mod:`reportgen.language.base`. Terms follow
/work/shared/reference/conventions.md (Språkrådet; the forms marked R come from HK-dir's
nynorsk memo of 2021). Nynorsk has only "sju", never "syv".
"""

CODE = "nn"
LOCALE = "nn_NO"
BCP47 = "nn-NO"

#: Whole numbers 0..12 as words (num2words has no nynorsk).
SMALL_NUMBERS = (
    "null",
    "ein",
    "to",
    "tre",
    "fire",
    "fem",
    "seks",
    "sju",
    "åtte",
    "ni",
    "ti",
    "elleve",
    "tolv",
)

#: Stressed "one" agreeing with the noun's gender (Språkrådet: accent marks the numeral).
ONE = {"m": "éin", "f": "éi", "n": "eitt"}

#: Domain nouns: key -> (singular, plural, gender).
WORDS = {
    "person": ("person", "personar", "m"),
    "centre": ("senter", "senter", "n"),
    "conversation": ("samtale", "samtalar", "m"),
    "course": ("kurs", "kurs", "n"),
    "participant": ("deltakar", "deltakarar", "m"),
    "user": ("brukar", "brukarar", "m"),
    "county": ("fylke", "fylke", "n"),
}

PHRASES = {
    "percent": "prosent",
    "points": "prosentpoeng",
    "increase": "ein auke på {amount}",
    "decrease": "ein nedgang på {amount}",
    "no_change": "inga endring",
    "below": "nesten",
    "above": "drygt",
    "more": "{amount} fleire {noun}",
    "fewer": "{amount} færre {noun}",
    "one_more": "{amount} {noun} meir",
    "one_fewer": "{amount} {noun} færre",
    "same": "like mange {noun}",
}
