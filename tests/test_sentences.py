"""The sentences the language review found wrong, each with its exact correction (nb, nn).

Built in-process from the shipped data (``recipe.memo_items``: the same template,
findings and tables as the DOCX and PDF, without drawing charts or writing files).
Source of each rule: the editor's language review (quotes, rules and corrections).
"""

from __future__ import annotations

import dataclasses
from functools import cache

import pytest
from conftest import DATA

from reportgen.config import Settings
from reportgen.dataset.load import load_dataset
from reportgen.language import get_language
from reportgen.recipe import memo_items

NBSP = "\u00a0"


@cache
def _dataset():
    return load_dataset(DATA)


@cache
def items(year: int, language: str, county: str | None = None) -> tuple:
    """(kind, text) of every item of a memo, NBSP kept."""
    found = memo_items(Settings(year=year, data=DATA, language=language), _dataset(), county)
    return tuple((item.kind, item.text) for item in found)


def texts(year, language, county=None, kinds=None) -> list[str]:
    return [t for k, t in items(year, language, county) if kinds is None or k in kinds]


def sentences(year, language, county=None) -> str:
    return " ".join(texts(year, language, county))


# A change that rounds to 0 % is «om lag like mange», never «ingen endring» -------------


@pytest.mark.parametrize(
    "language, sentence",
    [
        (
            "nb",
            f"I 2021 hadde 23{NBSP}412 personer én eller flere samtaler med et karrieresenter. "
            "Det er om lag like mange som året før (44 flere personer).",
        ),
        (
            "nn",
            f"I 2021 hadde 23{NBSP}412 personar éin eller fleire samtalar med eit karrieresenter. "
            "Det er om lag like mange som året før (44 fleire personar).",
        ),
    ],
)
def test_national_2021_users_about_as_many(language, sentence):
    assert texts(2021, language, kinds={"bullet"})[0] == sentence
    assert "ingen endring" not in sentences(2021, language)
    assert "inga endring" not in sentences(2021, language)


@pytest.mark.parametrize(
    "language, sentence",
    [
        (
            "nb",
            f"I 2022 hadde 2{NBSP}190 personer én eller flere samtaler med et karrieresenter i "
            "Innlandet. Det er om lag like mange som året før (syv flere personer).",
        ),
        (
            "nn",
            f"I 2022 hadde 2{NBSP}190 personar éin eller fleire samtalar med eit karrieresenter i "
            "Innlandet. Det er om lag like mange som året før (sju fleire personar).",
        ),
    ],
)
def test_innlandet_2022_about_as_many(language, sentence):
    assert texts(2022, language, "34", kinds={"bullet"})[0] == sentence


# The 2019 key finding about courses: a sentence that parses, with both figures ---------


@pytest.mark.parametrize(
    "language, sentence",
    [
        (
            "nb",
            f"Karrieresentrene gjennomførte 1{NBSP}062 kurs og gruppeveiledninger i 2019. Det er "
            f"flere enn i 2018 (948) og om lag like mange som i 2017 (1{NBSP}049).",
        ),
        (
            "nn",
            f"Karrieresentera gjennomførte 1{NBSP}062 kurs og grupperettleiingar i 2019. Det er "
            f"fleire enn i 2018 (948) og om lag like mange som i 2017 (1{NBSP}049).",
        ),
    ],
)
def test_courses_2019_compared_with_2018_and_2017(language, sentence):
    assert sentence in texts(2019, language, kinds={"bullet"})
    assert "på linje med" not in sentences(2019, language)


# Shares compared as the bars beside them add up (review H8) ----------------------------


@pytest.mark.parametrize(
    "language, county, sentence",
    [
        (  # bars 20 % + 36 % in the county, 22 % + 35 % in the country
            "nb",
            "09",
            "Over halvparten av brukerne (56 prosent) hadde grunnskole eller videregående skole "
            "som høyeste utdanning, om lag det samme som i landet som helhet (57 prosent).",
        ),
        (  # bars 23 % + 35 % against 22 % + 35 %: once «det same som», though 58 is not 57
            "nn",
            "12",
            "Over halvparten av brukarane (58 prosent) hadde grunnskule eller vidaregåande skule "
            "som høgaste utdanning, om lag det same som i heile landet (57 prosent).",
        ),
    ],
)
def test_shares_compared_as_the_bars_add_up(language, county, sentence):
    assert sentence in texts(2019, language, county, kinds={"bullet"})
    assert "mot 57 prosent" not in sentences(2019, language, county)


# Round half up on the exact value, everywhere a number is shown ------------------------


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_half_way_shares_round_up(language):
    from reportgen.compose.tables import signed_percent
    from reportgen.findings.values import Distribution

    lang = get_language(language)
    share = Distribution.of((("a", 46), ("b", 34))).share("a")
    assert lang.percent_text(share) == "58 prosent"  # 46/80 = 57,5 %
    assert lang.percent_table(Distribution.of((("a", 41), ("b", 39))).share("a")) == f"51,3{NBSP}%"
    assert lang.percent_table(Distribution.of((("a", 39), ("b", 41))).share("a")) == f"48,8{NBSP}%"
    assert lang.percent_text(46 / 80 * 100) == "58 prosent"  # binary float 57.49999999999999
    assert signed_percent(lang, -0.05) == f"\u22120,1{NBSP}%"


# SSB's note under a chart or table whose shown shares do not sum to 100 ---------------


@pytest.mark.parametrize(
    "language, note",
    [
        ("nb", "Tallene summerer ikke til 100 på grunn av avrunding."),
        ("nn", "Tala summerer seg ikkje til 100 på grunn av avrunding."),
    ],
)
def test_rounding_note_under_the_satisfaction_chart_2019(language, note, dataset):
    from reportgen.findings.compute import compute

    satisfaction = compute(dataset, 2019).satisfaction
    lang = get_language(language)
    shown = [lang.percent_table(satisfaction.share(c), 0) for c, _ in satisfaction.counts]
    assert shown == [f"{n}{NBSP}%" for n in ("58", "37", "3", "2", "1")]  # 101 %
    found = list(items(2019, language))
    chart = next(
        i
        for i, (k, t) in enumerate(found)
        if k == "caption" and "2019" in t and ("fornøyde" in t or "nøgde" in t)
    )
    assert found[chart + 1] == ("note", note)


def test_no_rounding_note_where_the_shares_sum_to_100(dataset):
    from reportgen.findings.compute import compute

    assert not compute(dataset, 2015).education.rounding_off()
    assert compute(dataset, 2019).satisfaction.rounding_off()


# A year without survey answers ---------------------------------------------------------


def _without_survey(dataset, year: int):
    survey = dataset.frames["survey"]
    frames = {**dataset.frames, "survey": survey[survey.year != year]}
    return dataclasses.replace(dataset, frames=frames, cache={})


@pytest.mark.parametrize(
    "language, county_sentence, national_sentence, heading",
    [
        (
            "nb",
            "Brukerundersøkelsen har ingen svar fra Rogaland for 2019.",
            "Brukerundersøkelsen har ingen svar for 2019, så notatet har ikke noe kapittel om "
            "den i år.",
            "Brukerundersøkelsen",
        ),
        (
            "nn",
            "Brukarundersøkinga har ingen svar frå Rogaland for 2019.",
            "Brukarundersøkinga har ingen svar for 2019, så notatet har ikkje noko kapittel om "
            "henne i år.",
            "Brukarundersøkinga",
        ),
    ],
)
def test_year_without_survey(dataset, language, county_sentence, national_sentence, heading):
    data = _without_survey(dataset, 2019)
    settings = Settings(year=2019, data=DATA, language=language)
    county = [i.text for i in memo_items(settings, data, "11")]
    assert county_sentence in county
    assert not any("Færre enn ti" in t for t in county)
    national = memo_items(settings, data)
    assert any(national_sentence in i.text for i in national)
    assert heading not in [i.text for i in national if i.kind == "heading"]


# The 2024 re-established counties and the merger note ----------------------------------


@pytest.mark.parametrize(
    "language, note",
    [
        (
            "nb",
            "Østfold ble gjenopprettet som eget fylke da Viken ble delt 1. januar 2024. Tallene "
            "for 2023 gjelder hele Viken, så vi sammenligner ikke med 2023.",
        ),
        (
            "nn",
            "Østfold vart skipa att som eige fylke då Viken vart delt 1. januar 2024. Tala for "
            "2023 gjeld heile Viken, så vi samanliknar ikkje med 2023.",
        ),
    ],
)
def test_split_2024_note(language, note):
    assert note in texts(2024, language, "31", kinds={"note"})
    assert texts(2024, language, "31", kinds={"bullet"})[0] == (
        f"I 2024 hadde 1{NBSP}879 personer én eller flere samtaler med et karrieresenter i Østfold."
        if language == "nb"
        else f"I 2024 hadde 1{NBSP}879 personar éin eller fleire samtalar med eit karrieresenter "
        "i Østfold."
    )


@pytest.mark.parametrize(
    "language, note",
    [
        (
            "nb",
            "Vestland ble opprettet 1. januar 2020 da Hordaland og Sogn og Fjordane ble slått "
            "sammen. For årene før 2020 viser vi summen av de to fylkene, slik at tallene kan "
            "sammenlignes over tid.",
        ),
        (
            "nn",
            "Vestland vart oppretta 1. januar 2020 då Hordaland og Sogn og Fjordane vart slått "
            "saman. For åra før 2020 viser vi summen av dei to fylka, slik at tala kan "
            "samanliknast over tid.",
        ),
    ],
)
def test_merger_note_says_one_thing(language, note):
    assert note in texts(2022, language, "46", kinds={"note"})
    assert "tidsserien" not in sentences(2022, language, "46")


@pytest.mark.parametrize(
    "language, sentence",
    [
        (
            "nb",
            "Fylkesinndelingen ble endret 1. januar 2024. Fylket Troms og Finnmark ble delt i de "
            "tidligere fylkene Troms og Finnmark. Fylket Vestfold og Telemark ble delt i de "
            "tidligere fylkene Vestfold og Telemark. Fylket Viken ble delt i de tidligere fylkene "
            "Østfold, Akershus og Buskerud.",
        ),
        (
            "nn",
            "Fylkesinndelinga vart endra 1. januar 2024. Fylket Troms og Finnmark vart delt i dei "
            "tidlegare fylka Troms og Finnmark. Fylket Vestfold og Telemark vart delt i dei "
            "tidlegare fylka Vestfold og Telemark. Fylket Viken vart delt i dei tidlegare fylka "
            "Østfold, Akershus og Buskerud.",
        ),
    ],
)
def test_national_memo_names_the_2024_reform(language, sentence):
    assert any(t.startswith(sentence) for t in texts(2024, language, kinds={"paragraph"}))


def test_national_memo_names_the_2020_reform():
    text = sentences(2020, "nb")
    assert "Hordaland og Sogn og Fjordane ble slått sammen til fylket Vestland." in text
    assert "Hordaland og Sogn og Fjordane vart slått saman til fylket Vestland." in sentences(
        2020, "nn"
    )


# Highest and lowest per 1 000 inhabitants in the national memo ------------------------


@pytest.mark.parametrize(
    "language, sentence",
    [
        (
            "nb",
            f"Nordland hadde flest brukere i forhold til folketallet, 7,8 per 1{NBSP}000 "
            "innbyggere, og Oslo færrest, 1,7.",
        ),
        (
            "nn",
            f"Nordland hadde flest brukarar i forhold til folketalet, 7,8 per 1{NBSP}000 "
            "innbyggjarar, og Oslo færrast, 1,7.",
        ),
    ],
)
def test_national_memo_names_highest_and_lowest_rate(language, sentence):
    assert sentence in texts(2024, language, kinds={"bullet"})


# Nynorsk «partnarskap»; digits side by side; «færre enn fem»; «i perioden» -------------


def test_nynorsk_partnarskap():
    text = sentences(2019, "nn")
    assert "driv dei i partnarskap med mellom anna Nav og utdanningssektoren" in text
    assert "Partnarskapa for karriererettleiing" in text
    assert "partnerskap" not in text.lower()


@pytest.mark.parametrize(
    "language, sentence",
    [
        ("nb", "I 2021 var det 43 sentre i 11 fylker."),
        ("nn", "I 2021 var det 43 senter i 11 fylke."),
    ],
)
def test_numbers_side_by_side_in_digits(language, sentence):
    assert any(t.startswith(sentence) for t in texts(2021, language, kinds={"paragraph"}))
    assert "elleve fylke" not in sentences(2021, language)


@pytest.mark.parametrize(
    "language, legend",
    [
        (
            "nb",
            "Tegnforklaring: : = vises ikke av personvernhensyn (færre enn fem personer, eller "
            "for at et skjult tall ikke skal kunne regnes ut).",
        ),
        (
            "nn",
            "Teiknforklaring: : = blir ikkje vist av omsyn til personvernet (færre enn fem "
            "personar, eller for at eit skjult tal ikkje skal kunne reknast ut).",
        ),
    ],
)
def test_suppression_legend_in_words(language, legend):
    notes = texts(2018, language, "20", kinds={"note"})
    assert notes.count(legend) == 2  # under the centre table and under the education chart
    assert "færre enn 5" not in sentences(2018, language, "20")


@pytest.mark.parametrize(
    "language, sentence",
    [
        ("nb", "Det er en økning på nesten 30 prosent i perioden."),
        ("nn", "Det er ein auke på nesten 30 prosent i perioden."),
    ],
)
def test_i_perioden(language, sentence):
    assert sentence in sentences(2019, language)
    assert "over perioden" not in sentences(2019, language)


@pytest.mark.parametrize(
    "language, sentence",
    [
        ("nb", "I 2018 ble det gjennomført 948."),
        ("nn", "I 2018 vart det gjennomført 948."),
    ],
)
def test_courses_the_year_before_unambiguous(language, sentence):
    assert sentence in sentences(2019, language)
    assert "Året før var tal" not in sentences(2019, language)


# The national satisfaction share: hedged in its memo, as shown in a county's -----------


@pytest.mark.parametrize(
    "language, sentence",
    [
        (
            "nb",
            "Av dem som svarte på brukerundersøkelsen i fylket, var 94 prosent ganske eller svært "
            "fornøyde, det samme som i landet som helhet.",
        ),
        (
            "nn",
            "Av dei som svarte på brukarundersøkinga i fylket, var 94 prosent ganske eller svært "
            "nøgde, det same som i heile landet.",
        ),
    ],
)
def test_national_satisfaction_as_in_the_national_memo(language, sentence):
    """The national memo hedges its headline («Nesten 95 prosent», as published); a county
    is compared with the country's figure as its chart shows it (review H9, S7)."""
    assert sentence in texts(2018, language, "20", kinds={"bullet"})
    assert "Nesten 95 prosent" in sentences(2018, language)


# The first year has no «2015–2015» ----------------------------------------------------


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_first_year_has_no_time_series(language):
    text = sentences(2015, language)
    assert "2015\u20132015" not in text
    headings = texts(2015, language, kinds={"heading"})
    assert "Utviklingen over tid" not in headings and "Utviklinga over tid" not in headings


# Suppressed education figures are explained -------------------------------------------


@pytest.mark.parametrize(
    "language, bullet, paragraph",
    [
        (
            "nb",
            "Vi oppgir ikke hvor mange av brukerne som hadde grunnskole eller videregående skole, "
            "fordi tallene for grunnskole og fagskole i Finnmark er skjult av personvernhensyn.",
            "Tallene for grunnskole og fagskole i Finnmark vises ikke (:). De gjelder færre enn "
            "fem personer, eller de kunne ha blitt brukt til å regne ut et slikt tall.",
        ),
        (
            "nn",
            "Vi oppgir ikkje kor mange av brukarane som hadde grunnskule eller vidaregåande "
            "skule, fordi tala for grunnskule og fagskule i Finnmark er skjulte av omsyn til "
            "personvernet.",
            "Tala for grunnskule og fagskule i Finnmark blir ikkje viste (:). Dei gjeld færre enn "
            "fem personar, eller dei kunne ha blitt brukte til å rekne ut eit slikt tal.",
        ),
    ],
)
def test_suppressed_education_explained(language, bullet, paragraph):
    assert bullet in texts(2018, language, "20", kinds={"bullet"})
    assert paragraph in texts(2018, language, "20", kinds={"paragraph"})
