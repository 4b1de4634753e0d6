"""Every claim true of its figure, in every memo and article of 2015–2024 (the country and
every county, bokmål and nynorsk): the rules of the editor's review (turn 3, H1–H9, S1).

Each memo is composed once per module without drawing its charts (``compose.text``); its
article is composed from it as ``build_memo`` does. A figure "as shown" is what the chart
prints: each bar's share through the chart's own formatter (``percent_table`` with no
decimal), a combined share the sum of its bars, a rate with one decimal. Sentences are
compared with those numbers, not with the text's own helpers, so a wrong rule in the
findings shows here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pytest
from conftest import DATA

from reportgen.compose.article import compose_article, draft_article
from reportgen.compose.text import draft_items
from reportgen.config import Settings
from reportgen.dataset.load import load_dataset
from reportgen.findings.values import Distribution
from reportgen.model import BulletList, Paragraph
from reportgen.recipe import draft_memo, prepare

YEARS = range(2015, 2025)
NBSP = "\u00a0"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«])")


@dataclass(frozen=True)
class Built:
    """One memo and its article: the prose items (kind, text), the article's title, lead
    and bullets (NBSP as spaces), and what they were made from."""

    language: str
    year: int
    code: str | None
    findings: object
    lang: object
    labels: dict
    memo: list[tuple[str, str]]
    title: str
    lead: str
    bullets: list[str]

    @property
    def prose(self) -> list[str]:
        """Every sentence a reader reads in the memo and the article (no table cells)."""
        texts = [t for kind, t in self.memo if kind != "cell"]
        return [s for t in [*texts, self.title, self.lead, *self.bullets] for s in sentences(t)]


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(plain(text)) if s]


def build(dataset, language: str, year: int, code: str | None) -> Built:
    job = prepare(Settings(year=year, data=DATA, language=language), dataset, code)
    memo = draft_memo(job)
    items = [(i.kind, plain(i.text)) for i in draft_items(memo, job.findings, job.ctx)]
    title = str(memo.front.get("title", ""))
    article = compose_article(
        draft_article(job.findings, job.ctx, title), memo.text(), job.ctx, {}, job.quote
    )
    lead = [b for b in article.blocks if isinstance(b, Paragraph) and b.style == "lead"]
    lists = [b for b in article.blocks if isinstance(b, BulletList)]
    return Built(
        language,
        year,
        code,
        job.findings,
        job.ctx.lang,
        job.ctx.labels,
        items,
        plain(article.metadata.title),
        plain("".join(r.text for r in lead[0].runs)) if lead else "",
        [plain("".join(r.text for r in item)) for b in lists for item in b.items],
    )


@pytest.fixture(scope="module")
def built() -> list[Built]:
    dataset = load_dataset(DATA)
    return [
        build(dataset, language, year, code)
        for language in ("nb", "nn")
        for year in YEARS
        for code in [None, *(c.code for c in dataset.classification.valid_in(year))]
    ]


def one(built: list[Built], language: str, year: int, code: str | None) -> Built:
    return next(b for b in built if (b.language, b.year, b.code) == (language, year, code))


# What the chart shows -------------------------------------------------------------------


def bar(lang, dist, code: str) -> int:
    """The number a bar prints for ``code`` (its label «23 %»)."""
    return int(lang.percent_table(dist.share(code), 0).split(NBSP)[0])


def rate_shown(lang, rate: float) -> Decimal:
    return Decimal(lang.decimal(rate, 1).replace(",", "."))


def test_a_group_share_is_the_sum_of_its_bars_and_a_tie_is_found_as_shown():
    """23,49 % + 34,49 % is 57,98 %, but the bars print 23 % and 34 %: the text says 57.
    28,8 % and 29,1 % both print 29 %: both are the largest."""
    education = Distribution.of((("primary", 2349), ("upper_secondary", 3449), ("other", 4202)))
    groups = education.grouped({"lower": ("primary", "upper_secondary"), "other": ("other",)})
    assert round(groups.share("lower"), 2) == 57.98 and groups.shown_share("lower") == 57.0
    assert education.shown_share("other") == 42.0
    ages = Distribution.of((("a", 288), ("b", 291), ("c", 200), ("d", 221)))
    assert ages.largest_shown == ("a", "b") and ages.largest == "b"


#: A comparison's subject, found by its words (nb | nn), and the bars that show it.
TOPICS = [
    ("rate", re.compile(r"per 1 000 innbygg")),
    ("lower", re.compile(r"grunnsk[ou]le eller vid[ae]reg(?:ående|åande)")),
    ("higher", re.compile(r"universitet eller")),
    ("satisfied", re.compile(r"ganske eller svært")),
    ("very", re.compile(r"svært (?:fornøyde|nøgde)")),
]
BARS = {
    "lower": ("education", ("primary", "upper_secondary")),
    "higher": ("education", ("higher_education",)),
    "satisfied": ("satisfaction", ("very_satisfied", "fairly_satisfied")),
    "very": ("satisfaction", ("very_satisfied",)),
}


def shown(b: Built, topic: str, findings) -> Decimal:
    """The figure of ``topic`` for ``findings`` as its chart shows it."""
    if topic == "rate":
        return rate_shown(b.lang, findings.users_per_1000)
    dimension, codes = BARS[topic]
    dist = getattr(findings, dimension)
    return Decimal(sum(bar(b.lang, dist, c) for c in codes))


# The comparisons ------------------------------------------------------------------------

COUNTRY = r"i (?:landet som helhet|heile landet)"
COMPARISON = re.compile(
    r"(?P<word>om lag det samme som|om lag det same som|det samme som|det same som|"
    r"like mange som|høyere enn|lavere enn|høgare enn|lågare enn|mer enn|mindre enn|meir enn) "
    rf"{COUNTRY}(?: \((?P<theirs>[\d,]+)(?: prosent)?\))?"
)
FIGURE = re.compile(r"(\d+(?:,\d)?) (?:prosent|brukere per|brukarar per)")
WORDS = {
    "det samme som": "tie",
    "det same som": "tie",
    "like mange som": "tie",
    "om lag det samme som": "about",
    "om lag det same som": "about",
    "høyere enn": "higher",
    "høgare enn": "higher",
    "lavere enn": "lower",
    "lågare enn": "lower",
}


def agrees(word: str | None, mine: Decimal, theirs: Decimal) -> bool:
    return {
        "tie": mine == theirs,
        "about": 0 < abs(mine - theirs) <= 1,
        "higher": mine > theirs,
        "lower": mine < theirs,
    }.get(word or "", False)


def comparison_errors(b: Built) -> tuple[int, list[str]]:
    """(comparisons checked, the sentences whose figures or words disagree with the chart)."""
    checked, wrong = 0, []
    for sentence in b.prose:
        match = COMPARISON.search(sentence)
        if match is None:
            continue
        topic = next(t for t, words in TOPICS if words.search(sentence))
        figures = FIGURE.findall(sentence[: match.start()])
        mine = Decimal(figures[-1].replace(",", "."))
        theirs = shown(b, topic, b.findings.national)
        printed = match["theirs"]
        checked += 1
        if (
            mine != shown(b, topic, b.findings)
            or (printed is not None and Decimal(printed.replace(",", ".")) != theirs)
            or (printed is None) != (WORDS.get(match["word"]) == "tie")
            or not agrees(WORDS.get(match["word"]), mine, theirs)
        ):
            wrong.append(f"{b.language} {b.year} {b.code}: {sentence}")
    return checked, wrong


def test_every_comparison_agrees_with_the_figures_its_chart_shows(built):
    checked, wrong = 0, []
    for b in built:
        n, errors = comparison_errors(b)
        checked, wrong = checked + n, wrong + errors
    assert wrong == []
    assert checked > 2000  # 2 × (memo + alt + article) × ~170 county memos: none skipped


#: A combined share in the text, where it stands without a comparison (national memo).
COMBINED = re.compile(
    r"\((\d+) prosent\) hadde grunnsk|var det (\d+) prosent som hadde grunnsk|"
    r"(?:utgjør til sammen|utgjer til saman|utgjorde) (\d+) prosent"
)


def test_a_combined_share_is_the_sum_of_its_bars(built):
    wrong, checked = [], 0
    for b in built:
        for sentence in b.prose:
            for match in COMBINED.finditer(sentence):
                checked += 1
                figure = Decimal(next(g for g in match.groups() if g))
                if figure != shown(b, "lower", b.findings):
                    wrong.append(f"{b.language} {b.year} {b.code}: {sentence}")
    assert wrong == [] and checked > 500


RATE_OR_SHARE_AMOUNT = re.compile(
    r"(?:prosent|per 1 000 innbygg\w+)[^.;]*?\b(?:mer|mindre|meir) enn"
)


def test_no_more_or_less_with_a_rate_or_a_share(built):
    found = [
        f"{b.language} {b.year} {b.code}: {s}"
        for b in built
        for s in b.prose
        if RATE_OR_SHARE_AMOUNT.search(s)
    ]
    assert found == []


def test_the_rule_catches_the_old_sentences():
    old = [
        "Oslo hadde 0,5 brukere per 1 000 innbyggere, mindre enn i landet som helhet (3,9).",
        "Vestland hadde 5,7 brukarar per 1 000 innbyggjarar, meir enn i heile landet (4,9).",
        "I Oslo hadde 41 prosent av brukerne utdanning fra universitet eller høyskole, mer enn "
        "i landet som helhet (33 prosent).",
    ]
    assert all(RATE_OR_SHARE_AMOUNT.search(s) for s in old)


CAUSAL = re.compile(r"\bdermed\b|, så \w+ (?:gikk|gjekk)|landet[^.]*, så ")


def test_no_causal_link_between_a_county_and_the_country(built):
    found = [
        f"{b.language} {b.year} {b.code}: {s}" for b in built for s in b.prose if CAUSAL.search(s)
    ]
    assert found == []
    assert CAUSAL.search("Vestland følgde dermed auken i heile landet.")
    assert CAUSAL.search("I heile landet auka talet, så Sogn og Fjordane gjekk motsett veg.")


# Superlatives: only what is unique as shown ---------------------------------------------

LARGEST_GROUP = re.compile(r"Den største grupp(?:en|a) er (.+)\.$")
LARGEST_GROUPS = re.compile(r"Dei? største gruppene er (.+), med (\d+) prosent (?:hver|kvar)\.$")


def age_groups_shown(b: Built) -> dict[str, int]:
    dist = b.findings.age_group
    labels = b.labels["age_group"]
    return {labels[c].lower(): bar(b.lang, dist, c) for c, n in dist.counts if n is not None}


def test_the_largest_group_is_unique_or_named_as_a_tie(built):
    wrong, checked = [], 0
    for b in (b for b in built if b.code is None):
        bars = age_groups_shown(b)
        top = max(bars.values())
        leaders = sorted(name for name, value in bars.items() if value == top)
        for sentence in b.prose:
            single, tie = LARGEST_GROUP.search(sentence), LARGEST_GROUPS.search(sentence)
            if single:
                checked += 1
                if leaders != [single[1]]:
                    wrong.append(f"{b.language} {b.year}: {sentence} {bars}")
            if tie:
                checked += 1
                named = sorted(re.split(r", | og ", tie[1]))
                if named != leaders or int(tie[2]) != top:
                    wrong.append(f"{b.language} {b.year}: {sentence} {bars}")
    assert wrong == [] and checked == 20


MEASURES = {
    "unike brukere": "users",
    "individuelle samtaler": "conversations",
    "kurs og gruppeveiledninger": "group_sessions",
    "unike brukarar": "users",
    "individuelle samtalar": "conversations",
    "kurs og grupperettleiingar": "group_sessions",
}
LARGEST_CHANGE = re.compile(r"Den største endring(?:en|a) fr[aå] året før g[ae]l[dl]t ([^:]+): ")


def whole_percent(x: float) -> int:
    """A change in percent as the text shows it: whole percent, half up."""
    return int(Decimal(str(round(abs(x), 9))).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_the_largest_change_is_larger_as_shown_than_the_others(built):
    wrong, checked = [], 0
    for b in (b for b in built if b.code is not None):
        f = b.findings
        changes = {"users": f.users, "conversations": f.conversations}
        changes["group_sessions"] = f.group_sessions
        shown_pct = {k: whole_percent(c.percent) for k, c in changes.items() if c.percent}
        for sentence in b.prose:
            match = LARGEST_CHANGE.search(sentence)
            if match:
                checked += 1
                measure = MEASURES[match[1]]
                amount = b.lang.percent_text(changes[measure].percent)
                others = [v for k, v in shown_pct.items() if k != measure]
                if not sentence.endswith(f"på {amount}.") or max(others) >= shown_pct[measure]:
                    wrong.append(f"{b.language} {b.year} {b.code}: {sentence} {shown_pct}")
    assert wrong == [] and checked > 100


def test_the_review_case_of_a_tied_largest_change_says_none(built):
    """Nordland 2024: users +10,5 % and conversations +10,8 %, both «elleve prosent»."""
    for language in ("nb", "nn"):
        text = " ".join(one(built, language, 2024, "18").prose)
        assert "en økning på elleve prosent" in text or "ein auke på elleve prosent" in text
        assert "Den største endring" not in text


FLEST = re.compile(
    r"^(.+) hadde flest bruk(?:ere|arar) i forhold til folketal(?:let|et), ([\d,]+) per"
)
FÆRREST = re.compile(r"innbygg\w+, og (.+) færre?st, ([\d,]+)\.$")


def names(items: list[str]) -> str:
    """«A», «A og B», «A, B og C»."""
    return " og ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def test_most_and_fewest_users_per_inhabitant_name_every_county_shown_alike(built):
    wrong, checked = [], 0
    for b in (b for b in built if b.code is None):
        rates = {r.county.name: rate_shown(b.lang, r.rate) for r in b.findings.story.rates}
        for sentence in b.prose:
            for pattern, pick in ((FLEST, max), (FÆRREST, min)):
                match = pattern.search(sentence)
                if match:
                    checked += 1
                    edge = pick(rates.values())
                    expected = [n for n, r in rates.items() if r == edge]
                    if match[1] != names(expected) or Decimal(match[2].replace(",", ".")) != edge:
                        wrong.append(f"{b.language} {b.year}: {sentence}")
    assert wrong == [] and checked >= 40


def rank_claim_true(sentence: str, higher: int, lower: int, others: int, lang) -> bool:
    """Whether a rank sentence of ``phrases.rank`` is true of the rates as shown."""
    more = re.search(r"så mange|hadde fle", sentence) is not None
    if sentence.startswith("Ingen andre"):  # alone at the top (bottom)
        return (higher, lower) == ((0, others) if more else (others, 0))
    if sentence.startswith("Ingen fylke"):  # at the top (bottom), with another
        return (higher == 0 and lower < others) if more else (lower == 0 and higher < others)
    return sentence.startswith(f"Bare {lang.count_of(higher if more else lower, 'county')} ")


def test_a_county_rank_counts_the_counties_shown_higher_or_lower(built):
    wrong, checked = [], 0
    for b in (b for b in built if b.code is not None and b.findings.story.rate):
        mine = rate_shown(b.lang, b.findings.story.rate.rate)
        others = [rate_shown(b.lang, r.rate) for r in b.findings.story.rates]
        others.remove(mine)
        higher, lower = sum(r > mine for r in others), sum(r < mine for r in others)
        for sentence in b.prose:
            if re.match(r"Ingen (?:andre )?fylke|Bare .* i forhold til folketal", sentence):
                checked += 1
                if not rank_claim_true(sentence, higher, lower, len(others), b.lang):
                    wrong.append(f"{b.language} {b.year} {b.code}: {sentence} {mine} {others}")
    assert wrong == [] and checked > 100


# Singular and plural --------------------------------------------------------------------

PLURAL = re.compile(r"[Kk]arrieresent(?:rene|era) i (?:fylket|{name})\b")
SINGULAR = re.compile(r"[Kk]arrieresenteret i (?:fylket|{name})\b")


def test_one_centre_is_singular_and_several_plural(built):
    wrong, checked = [], 0
    for b in (b for b in built if b.code is not None and b.findings.centres):
        name = re.escape(b.findings.unit.county.name)
        other = (PLURAL if b.findings.centres == 1 else SINGULAR).pattern.format(name=name)
        texts = [*b.prose, *(t for kind, t in b.memo if kind == "meta")]
        for centre in b.findings.centre_rows:  # «Karrieresenteret i Hedmark – Hamar»
            texts = [t.replace(plain(centre.name), "") for t in texts]
        checked += 1
        wrong += [f"{b.language} {b.year} {b.code}: {t}" for t in texts if re.search(other, t)]
        if b.findings.centres == 1:
            assert any(re.search(SINGULAR.pattern.format(name=name), t) for t in texts), b.code
    assert wrong == [] and checked > 250


# Titles and leads -----------------------------------------------------------------------

#: The lead's change from last year (its memo's first key finding) → the direction.
LEAD = [
    ("same", re.compile(r"Det er like mange som året før\.")),
    ("similar", re.compile(r"Det er om lag like mange som året før")),
    ("rise", re.compile(r"enn året før, (?:en økning|ein auke) på")),
    ("fall", re.compile(r"enn året før, (?:en|ein) nedgang på")),
]
TITLE = [
    ("rise", re.compile(r"opplever (?:økning|auke)")),
    ("fall", re.compile(r"^Færre bruk(?:ere|arar) hos")),
    ("similar", re.compile(r"^Om lag like mange")),
    ("same", re.compile(r"^Like mange")),
]


def direction_of(text: str, patterns) -> str | None:
    return next((d for d, pattern in patterns if pattern.search(text)), None)


def test_every_article_title_agrees_with_its_lead(built):
    wrong = []
    for b in built:
        said, titled = direction_of(b.lead, LEAD), direction_of(b.title, TITLE)
        if said != titled or said != b.findings.story.users and said is not None:
            wrong.append(f"{b.language} {b.year} {b.code}: {b.title!r} / {b.lead!r}")
    assert wrong == []
    titled = [direction_of(b.title, TITLE) for b in built]
    assert {"rise", "fall", "similar"} <= set(titled)


def test_no_article_repeats_its_lead_as_a_bullet(built):
    repeated = [
        f"{b.language} {b.year} {b.code}: {b.lead}"
        for b in built
        if any(sentences(b.lead)[0] in bullet for bullet in b.bullets)
    ]
    assert repeated == []
    assert all(b.lead for b in built)


# The review's cases, sentence by sentence ------------------------------------------------


def test_troms_2024_lower_education_as_the_bars_add_up(built):
    """Bars 22 % + 35 % against the country's 23 % + 34 %: 57 and 57 (review H8)."""
    assert (
        "Over halvparten av brukerne (57 prosent) hadde grunnskole eller videregående skole "
        "som høyeste utdanning, det samme som i landet som helhet."
    ) in one(built, "nb", 2024, "55").prose
    assert (
        "Over halvparten av brukarane (57 prosent) hadde grunnskule eller vidaregåande skule "
        "som høgaste utdanning, det same som i heile landet."
    ) in one(built, "nn", 2024, "55").prose


def test_national_2024_shares_as_the_bars_show_them(built):
    """Bars 23 % and 34 % (review H7); two age groups at 29 % (review H6)."""
    nb, nn = one(built, "nb", 2024, None).prose, one(built, "nn", 2024, None).prose
    assert (
        "Over halvparten av brukerne (57 prosent) hadde grunnskole eller videregående skole "
        "som høyeste utdanning."
    ) in nb
    assert "Grunnskole og videregående skole utgjør til sammen 57 prosent." in nb
    assert "De største gruppene er 20–29 år og 30–39 år, med 29 prosent hver." in nb
    assert "Grunnskule og vidaregåande skule utgjer til saman 57 prosent." in nn
    assert "Dei største gruppene er 20–29 år og 30–39 år, med 29 prosent kvar." in nn


def test_vestland_2024_rose_with_the_country_and_is_higher(built):
    prose = one(built, "nn", 2024, "46").prose
    assert "Det er 304 fleire personar enn året før, ein auke på ni prosent." in prose
    assert "Talet auka også i heile landet." in prose
    assert (
        "Vestland hadde 5,7 brukarar per 1 000 innbyggjarar, høgare enn i heile landet (4,9)."
        in prose
    )


def test_oslo_has_one_centre(built):
    oslo_2019, oslo_2024 = one(built, "nb", 2019, "03"), one(built, "nb", 2024, "03")
    assert oslo_2019.title == "Karrieresenteret i Oslo hadde 361 brukere i 2019"
    assert oslo_2024.title == "Karrieresenteret i Oslo opplever økning i brukere"
    assert (
        one(built, "nn", 2024, "03").title
        == "Karrieresenteret i Oslo opplever auke i talet på brukarar"
    )
    assert (
        "Oslo hadde 0,5 brukere per 1 000 innbyggere, lavere enn i landet som helhet (3,9)."
    ) in oslo_2019.prose
    assert ("heading", "Karrieresenteret i fylket") in oslo_2024.memo


def test_2021_article_title_and_lead_say_about_as_many(built):
    """44 more users, +0,2 %: neither «opplever økning» nor «ingen endring» (review H2, H3)."""
    nb, nn = one(built, "nb", 2021, None), one(built, "nn", 2021, None)
    assert nb.title == "Om lag like mange brukere hos karrieresentrene"
    assert nb.lead == (
        "I 2021 hadde 23 412 personer én eller flere samtaler med et karrieresenter. "
        "Det er om lag like mange som året før (44 flere personer)."
    )
    assert nn.title == "Om lag like mange brukarar hos karrieresentera"
    assert nn.lead == (
        "I 2021 hadde 23 412 personar éin eller fleire samtalar med eit karrieresenter. "
        "Det er om lag like mange som året før (44 fleire personar)."
    )
