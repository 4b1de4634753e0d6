"""Tests for reportgen.language: numbers and phrases in bokmål and nynorsk."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.errors import ConfigError
from reportgen.language import get_language

NB = get_language("nb")
NN = get_language("nn")
NB_SJU = get_language("nb", seven="sju")


def test_attributes():
    assert (NB.code, NB.bcp47, NB.locale) == ("nb", "nb-NO", "nb_NO")
    assert (NN.code, NN.bcp47, NN.locale) == ("nn", "nn-NO", "nn_NO")


@pytest.mark.parametrize("code, seven", [("se", "syv"), ("no", "syv"), ("nb", "sy"), ("nn", "7")])
def test_bad_config_raises(code, seven):
    with pytest.raises(ConfigError):
        get_language(code, seven)


@pytest.mark.parametrize("lang", [NB, NN])
@pytest.mark.parametrize(
    "n, expected",
    [
        (1354, "1\u00a0354"),
        (20958, "20\u00a0958"),
        (-3, "-3"),
        (999, "999"),
        (1000, "1\u00a0000"),
        (1234567, "1\u00a0234\u00a0567"),
        (28.5, "29"),
    ],
)
def test_integer_grouping(lang, n, expected):
    assert lang.integer(n) == expected


@pytest.mark.parametrize("lang", [NB, NN])
def test_decimal_comma(lang):
    assert lang.decimal(6.94) == "6,9"
    assert lang.decimal(6.95) == "7,0"  # half up, not banker's rounding
    assert lang.decimal(1234.56, 2) == "1\u00a0234,56"
    assert lang.percent_table(6.94) == "6,9\u00a0%"
    assert lang.percent_table(100) == "100,0\u00a0%"


def test_number_text_seven():
    assert NB.number_text(7) == "syv"
    assert NB_SJU.number_text(7) == "sju"
    assert NN.number_text(7) == "sju"
    assert get_language("nn", seven="syv").number_text(7) == "sju"
    assert [NB.number_text(n) for n in (0, 1, 12, 13)] == ["null", "en", "tolv", "13"]
    assert [NN.number_text(n) for n in (0, 1, 12, 13)] == ["null", "ein", "tolv", "13"]
    assert NB.number_text(6.9) == "6,9"


def test_nynorsk_never_syv():
    texts = [NN.number_text(n) for n in range(20)] + [NN.percent_text(6.907)]
    texts += [NN.change_phrase(7.2), NN.points_text(7), NN.more_fewer(-7, "person")]
    assert not any("syv" in text for text in texts)


@pytest.mark.parametrize(
    "lang, x, digits, expected",
    [
        (NB, 6.907, 0, "syv prosent"),
        (NB_SJU, 6.907, 0, "sju prosent"),
        (NN, 6.907, 0, "sju prosent"),
        (NB, 28.97, 0, "29 prosent"),
        (NB, 6.94, 1, "6,9 prosent"),
        (NN, 6.94, 1, "6,9 prosent"),
        (NB, 1, 0, "én prosent"),
        (NN, 1, 0, "éin prosent"),
        (NB, -3, 0, "tre prosent"),
    ],
)
def test_percent_text(lang, x, digits, expected):
    assert lang.percent_text(x, digits) == expected


def test_points_text():
    assert NB.points_text(46 - 40) == "seks prosentpoeng"
    assert NN.points_text(46 - 40) == "seks prosentpoeng"
    assert NB.points_text(40 - 46) == "seks prosentpoeng"
    assert NB.points_text(1) == "ett prosentpoeng"
    assert NN.points_text(1) == "eitt prosentpoeng"


@pytest.mark.parametrize(
    "x, nb, nn",
    [
        (28.97, "nesten 30 prosent", "nesten 30 prosent"),
        (94.3, "nesten 95 prosent", "nesten 95 prosent"),
        (95.4, "drøyt 95 prosent", "drygt 95 prosent"),
        (28.5, "nesten 30 prosent", "nesten 30 prosent"),
        (28.49, "28 prosent", "28 prosent"),
        (30.0, "30 prosent", "30 prosent"),
        (31.5, "drøyt 30 prosent", "drygt 30 prosent"),
        (31.51, "32 prosent", "32 prosent"),
        (4.2, "nesten fem prosent", "nesten fem prosent"),
        (0.8, "én prosent", "éin prosent"),
    ],
)
def test_hedge_percent(x, nb, nn):
    assert NB.hedge_percent(x) == nb
    assert NN.hedge_percent(x) == nn


@pytest.mark.parametrize(
    "n, nb, nn",
    [
        (17850, "nesten 18\u00a0000", "nesten 18\u00a0000"),
        (37850, "nesten 38\u00a0000", "nesten 38\u00a0000"),
        (23412, "drøyt 23\u00a0000", "drygt 23\u00a0000"),
        (18000, "18\u00a0000", "18\u00a0000"),
        (12675, "nesten 13\u00a0000", "nesten 13\u00a0000"),  # 325 = 2.5 % of 13 000: inclusive
        (12674, "12\u00a0674", "12\u00a0674"),  # 326 below: outside the window
        (13325, "drøyt 13\u00a0000", "drygt 13\u00a0000"),
        (13326, "13\u00a0326", "13\u00a0326"),
        (123456, "123\u00a0456", "123\u00a0456"),  # 3 456 from 120 000: 2.9 %
        (121000, "drøyt 120\u00a0000", "drygt 120\u00a0000"),
        (2290, "nesten 2\u00a0300", "nesten 2\u00a0300"),
        (999, "999", "999"),
        (7, "syv", "sju"),
    ],
)
def test_hedge_count(n, nb, nn):
    assert NB.hedge_count(n) == nb
    assert NN.hedge_count(n) == nn


def test_count_of():
    assert NB.count_of(1, "person") == "én person"
    assert NN.count_of(1, "person") == "éin person"
    assert NB.count_of(2, "person") == "to personer"
    assert NN.count_of(2, "person") == "to personar"
    assert NB.count_of(1, "centre") == "ett senter"
    assert NN.count_of(1, "centre") == "eitt senter"
    assert NB.count_of(41, "centre") == "41 sentre"
    assert NN.count_of(41, "centre") == "41 senter"
    assert NB.count_of(1354, "person") == "1\u00a0354 personer"
    assert NN.count_of(1354, "person") == "1\u00a0354 personar"
    assert NB.count_of(1, "person", in_text=False) == "1 person"
    assert NN.noun(1, "kvinne", "kvinner", gender="f") == "éi kvinne"


@pytest.mark.parametrize(
    "pct, nb, nn",
    [
        (7.2, "en økning på syv prosent", "ein auke på sju prosent"),
        (-3.1, "en nedgang på tre prosent", "ein nedgang på tre prosent"),
        (0.4, "ingen endring", "inga endring"),
        (-0.4, "ingen endring", "inga endring"),
        (15.0, "en økning på 15 prosent", "ein auke på 15 prosent"),
    ],
)
def test_change_phrase(pct, nb, nn):
    assert NB.change_phrase(pct) == nb
    assert NN.change_phrase(pct) == nn


def test_change_phrase_hedged():
    assert NB.change_phrase(-28.97, hedged=True) == "en nedgang på nesten 30 prosent"
    assert NN.change_phrase(31.2, hedged=True) == "ein auke på drygt 30 prosent"


@pytest.mark.parametrize(
    "diff, key, nb, nn",
    [
        (1354, "person", "1\u00a0354 flere personer", "1\u00a0354 fleire personar"),
        (-3, "person", "tre færre personer", "tre færre personar"),
        (1, "person", "én person mer", "éin person meir"),
        (-1, "centre", "ett senter færre", "eitt senter færre"),
        (0, "person", "like mange personer", "like mange personar"),
    ],
)
def test_more_fewer(diff, key, nb, nn):
    assert NB.more_fewer(diff, key) == nb
    assert NN.more_fewer(diff, key) == nn


def test_date_and_range():
    d = datetime.date(2020, 6, 5)
    assert NB.date(d) == "5. juni 2020"
    assert NN.date(d) == "5. juni 2020"
    assert NN.date(datetime.date(2021, 12, 24)) == "24. desember 2021"
    assert NB.range_text(2015, 2019) == "2015\u20132019"


def test_capitalize_first():
    assert NB.capitalize_first("én person deltok.") == "Én person deltok."
    assert NB.capitalize_first("«økning» i år") == "«Økning» i år"
    with pytest.raises(ValueError):
        NB.capitalize_first("41 sentre")


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_integer_property(n):
    for lang in (NB, NN):
        text = lang.integer(n)
        assert " " not in text and "." not in text
        assert int(text.replace("\u00a0", "")) == n


@given(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6),
    st.integers(min_value=0, max_value=2),
)
def test_percent_text_has_no_minus(x, digits):
    for lang in (NB, NN):
        assert "-" not in lang.percent_text(x, digits)
        assert "-" not in lang.change_phrase(x)


def test_no_break_spaces_where_spraakraadet_asks_for_them():
    from reportgen.language.typeset import typeset

    nb = get_language("nb")
    assert typeset("I 2019 hadde 20\u00a0958 personer en økning på 69 prosent.", nb) == (
        "I\u00a02019 hadde 20\u00a0958\u00a0personer en økning på 69\u00a0prosent."
    )
    assert typeset("Karriereveiledning i Troms – Romsa – Tromssa", nb) == (
        "Karriereveiledning i Troms\u00a0–\u00a0Romsa\u00a0–\u00a0Tromssa"
    )
    assert typeset("Flest hadde Karrieresenter Finnmark – Alta.", nb) == (
        "Flest hadde Karrieresenter Finnmark\u00a0–\u00a0Alta."
    )
    # a dash before a lower-case word is a parenthesis, not a name: it may break
    assert typeset("lavere utdanning – grunnskole", nb) == "lavere utdanning – grunnskole"
    assert typeset("12 deltakere og 3 kurs", nb) == "12\u00a0deltakere og 3\u00a0kurs"
