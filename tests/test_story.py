"""The rules that choose what a county memo says (findings.story): deterministic, from data."""

from __future__ import annotations

import pytest

from reportgen.findings.compute import compute
from reportgen.findings.facts import Rate
from reportgen.findings.story import direction, trend
from reportgen.findings.values import Change, County, Unit


def county(dataset, code: str, year: int):
    return compute(dataset, year, Unit(dataset.classification.get(code, year)))


@pytest.mark.parametrize(
    "current, previous, expected",
    [
        (2190, 2183, "similar"),  # +0.3 % rounds to 0 % (Innlandet 2022)
        (23412, 23368, "similar"),  # +0.2 % (the country 2021)
        (100, 100, "same"),
        (1548, 1927, "fall"),
        (20958, 19604, "rise"),
        (10, None, None),
    ],
)
def test_direction(current, previous, expected):
    assert direction(Change(current, previous)) == expected


def test_trend_with_and_against_the_country():
    up, down = Change(110, 100), Change(90, 100)
    assert trend(up, up) == "with" and trend(down, up) == "against"
    assert trend(Change(100, 100), up) is None


@pytest.mark.parametrize(
    "rank, of, band", [(1, 15, "highest"), (4, 15, "high"), (8, 15, "middle"), (14, 15, "low")]
)
def test_rate_bands_are_thirds_of_the_ranking(rank, of, band):
    place = County("00", "X", "X", 2015, None, ())
    assert Rate(place, 1.0, rank, of, of - rank).band == band
    assert Rate(place, 1.0, of, of, 0).band == "lowest"


def test_a_rate_shown_alike_shares_its_rank_and_is_no_superlative():
    """Two counties both shown at 4,9 per 1 000: the same rank, neither alone the top."""
    place = County("00", "X", "X", 2015, None, ())
    top = Rate(place, 4.94, 1, 15, 13)
    assert (top.band, top.tied) == ("highest", True)
    assert Rate(place, 1.0, 14, 15, 0).tied and not Rate(place, 1.0, 15, 15, 0).tied


def test_rogaland_2019_fell_against_the_country(dataset):
    story = county(dataset, "11", 2019).story
    assert (story.users, story.country, story.trend) == ("fall", "rise", "against")
    # 3,3 per 1 000 as shown, like Akershus (3.285 and 3.254): rank 15 of 18 for both
    assert (story.rate.rank, story.rate.below, story.rate.of, story.rate.tied) == (15, 2, 18, True)
    assert story.largest[0] == "conversations" and round(story.largest[1]) == -26


def test_reforms_name_the_old_counties(dataset):
    vestland = county(dataset, "46", 2022).story.reform
    assert (vestland.kind, vestland.year, vestland.others) == (
        "merged",
        2020,
        ("Hordaland", "Sogn og Fjordane"),
    )
    ostfold = county(dataset, "31", 2024).story.reform
    assert (ostfold.kind, ostfold.others, ostfold.reestablished) == ("split", ("Viken",), True)
    assert county(dataset, "11", 2024).story.reform is None
    national = compute(dataset, 2024).story
    assert sorted(r.county.name for r in national.reforms) == sorted(
        ["Østfold", "Akershus", "Buskerud", "Vestfold", "Telemark", "Troms", "Finnmark"]
    )
    assert (national.rates[0].county.name, national.rates[-1].county.name) == ("Nordland", "Oslo")


def test_same_data_same_story(dataset):
    assert county(dataset, "15", 2024).story == county(dataset, "15", 2024).story
