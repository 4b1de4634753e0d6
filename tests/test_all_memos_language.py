"""Every national and county memo of 2015–2024 in bokmål and nynorsk: hunspell finds no
unknown word outside the reviewed allow-list, and none of the errors of the language
review comes back (rules below, each with the review's id).

Built in-process (``recipe.memo_items``: the text of the DOCX and PDF without
charts or files); one hunspell run per målform for all memos. Needs hunspell and
hunspell-no: skipped without them, a failure under CI (which installs both).
"""

from __future__ import annotations

import re
import subprocess
from functools import cache

import pytest
from conftest import DATA
from test_spelling import allowed, proper_name_words, require_hunspell

from reportgen.config import Settings
from reportgen.dataset.load import load_dataset
from reportgen.recipe import memo_items

YEARS = range(2015, 2025)
NUMBER_WORDS = "en|ett|ein|eitt|to|tre|fire|fem|seks|syv|sju|åtte|ni|ti|elleve|tolv"

#: (review id, pattern that must not occur, målform or None for both)
RULES = [
    ("NX-1", re.compile(r"\bingen endring\b|\binga endring\b"), None),
    ("N1-1", re.compile(r"på linje med"), None),
    ("N1-3", re.compile(r"\bover perioden\b"), None),
    ("N1-4", re.compile(r"Året før var tal"), None),
    ("N2-1", re.compile(r"partnerskap", re.IGNORECASE), "nn"),
    ("NX-3", re.compile(rf"\b\d{{2,}}[\d\u00a0]* \w+ i (?:{NUMBER_WORDS}) fylke"), None),
    ("NX-3", re.compile(rf"\b(?:{NUMBER_WORDS}) \w+ i \d{{2,}} fylke"), None),
    ("NX-3", re.compile(rf"\b\d{{2,}} fylke\w*, som nummer (?:{NUMBER_WORDS})\b"), None),
    ("NX-5", re.compile(r"\b(\d{4})\u2013\1\b"), None),
    ("C2-1", re.compile(r"(\d+(?:,\d+)?) prosent[^.]*, mot \1 prosent"), None),
    ("C5-1", re.compile(r"færre enn \d\b"), None),
    ("C6-1", re.compile(r"ved delingen|ved delinga|ikke tilgjengelig|ikkje tilgjengeleg"), None),
    ("C7-1", re.compile(r"brudd i tidsserien|brot i tidsserien"), None),
    ("digits", re.compile(r"(?:^|[.!?] )\d"), None),
    ("empty", re.compile(r"^\s*$"), None),
]


@cache
def all_memos(language: str) -> dict[tuple[int, str | None], list[tuple[str, str]]]:
    """{(year, county code or None): (kind, text) items} for every memo of 2015–2024."""
    dataset = load_dataset(DATA)
    memos = {}
    for year in YEARS:
        settings = Settings(year=year, data=DATA, language=language)
        codes = [None, *(c.code for c in dataset.classification.valid_in(year))]
        for code in codes:
            found = memo_items(settings, dataset, code)
            memos[(year, code)] = [(i.kind, i.text) for i in found]
    return memos


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_memo_spelled_right(language, dataset):
    dictionary = require_hunspell(language)
    memos = all_memos(language)
    assert len(memos) == 10 + sum(len(dataset.classification.valid_in(y)) for y in YEARS)
    text = "\n".join(t for items in memos.values() for _, t in items)
    result = subprocess.run(
        ["hunspell", "-d", dictionary, "-i", "utf-8", "-l"],
        input=text + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=True,
    )
    names = proper_name_words(dataset)
    assert sorted({w for w in result.stdout.split() if not allowed(w, language, names)}) == []


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_no_review_error_comes_back(language):
    found = []
    for (year, code), items in all_memos(language).items():
        prose = [text for kind, text in items if kind != "cell"]  # table cells are figures
        for text in prose:
            for rule, pattern, only in RULES:
                if only in (None, language) and pattern.search(text):
                    found.append((year, code, rule, text))
    assert found == []


@pytest.mark.parametrize(
    "rule, text",
    [
        ("NX-1", "Det er ingen endring fra 2020."),
        ("N1-1", "og mer på linje med tallene fra 2017."),
        ("NX-3", "I 2021 var det 43 sentre i elleve fylker."),
        ("NX-3", "midt blant de 18 fylkene, som nummer ni."),
        ("NX-5", "Unike brukere per år 2015\u20132015"),
        ("C2-1", "I fylket hadde 57 prosent grunnskule, mot 57 prosent i heile landet."),
        ("C5-1", "(færre enn 5 personer)"),
        ("digits", "Det er bra. 43 sentre"),
    ],
)
def test_the_rules_catch_the_old_sentences(rule, text):
    assert any(r == rule and p.search(text) for r, p, _ in RULES)
