"""Bokmål (nb) word tables and phrase patterns.

Pure data: the shared logic lives in :mod:`reportgen.language.base`. Terms follow
/work/shared/reference/conventions.md (Språkrådet, klartsagt.no).
"""

CODE = "nb"
LOCALE = "nb_NO"
BCP47 = "nb-NO"

#: num2words language code for the words 0..12 ("syv" by default; "sju" is swapped in).
NUM2WORDS_LANG = "no"

#: Stressed "one" agreeing with the noun's gender. Bokmål state texts mostly use two
#: genders, so feminine nouns take "én" as well (Språkrådet: accent marks the numeral).
ONE = {"m": "én", "f": "én", "n": "ett"}

#: Domain nouns: key -> (singular, plural, gender).
WORDS = {
    "person": ("person", "personer", "m"),
    "centre": ("senter", "sentre", "n"),
    "conversation": ("samtale", "samtaler", "m"),
    "course": ("kurs", "kurs", "n"),
    "participant": ("deltaker", "deltakere", "m"),
    "user": ("bruker", "brukere", "m"),
    "county": ("fylke", "fylker", "n"),
}

PHRASES = {
    "percent": "prosent",
    "points": "prosentpoeng",
    "increase": "en økning på {amount}",
    "decrease": "en nedgang på {amount}",
    "no_change": "ingen endring",
    "below": "nesten",
    "above": "drøyt",
    "more": "{amount} flere {noun}",
    "fewer": "{amount} færre {noun}",
    "one_more": "{amount} {noun} mer",
    "one_fewer": "{amount} {noun} færre",
    "same": "like mange {noun}",
}
