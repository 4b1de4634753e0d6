"""The shipped data reproduces every published national figure (tests/findings/reference/)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from reportgen.findings.compute import compute

PUBLISHED = Path(__file__).parent / "reference" / "published-figures.csv"


def published(metric: str, year: int) -> str:
    with PUBLISHED.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["metric"] == metric and row["year"] == str(year):
                return row["value"]
    raise KeyError((metric, year))


def test_unique_users_2019_and_change_from_2018(dataset):
    f = compute(dataset, 2019)
    assert f.users.current == int(published("unique_users", 2019)) == 20958
    assert f.users.previous == int(published("unique_users", 2018)) == 19604
    assert f.users.difference == int(published("unique_users_change_abs", 2019)) == 1354
    assert round(f.users.percent) == int(published("unique_users_change_pct", 2019)) == 7


def test_change_since_2015_reads_nesten_30(dataset):
    f = compute(dataset, 2019)
    low, high = (int(v) for v in published("unique_users", 2015).split("-"))
    assert f.first_year == 2015 and low <= f.users_since_first.previous <= high
    assert 28.5 <= f.users_since_first.percent < 30


def test_centres_and_counties_2019(dataset):
    f = compute(dataset, 2019)
    assert f.centres == int(published("centres", 2019)) == 41
    assert (f.counties_with_centre, f.counties_total) == (18, 18)
    assert [c.name for c in f.counties_new_with_centre] == ["Oslo"]
    before = compute(dataset, 2018)
    assert (before.counties_with_centre, before.counties_total) == (17, 18)


def test_group_sessions_2019_more_than_2018_in_line_with_2017(dataset):
    f = compute(dataset, 2019)
    assert f.group_sessions.current == int(published("group_sessions_and_courses", 2019)) == 1062
    assert f.group_sessions.previous < 1062
    assert f.group_sessions_vs_previous == "more"
    assert f.group_sessions_vs_two_years_ago == "similar"


def test_lower_education_largest_and_satisfaction_just_below_95(dataset):
    f = compute(dataset, 2019)
    assert f.education_groups.largest == "lower"
    assert 93.5 <= f.satisfied_share < 95


@pytest.mark.parametrize("year, low, high", [(2017, 17500, 17999), (2021, 23350, 23449)])
def test_hedged_published_user_counts(dataset, year, low, high):
    assert low <= compute(dataset, year).users.current <= high


def test_other_published_years(dataset):
    assert compute(dataset, 2022).users.current == int(published("unique_users", 2022))
    assert round(compute(dataset, 2017).users.percent) == 3
    f2021 = compute(dataset, 2021)
    assert 37500 <= f2021.conversations.current < 38000
    assert abs(compute(dataset, 2020).users.current - f2021.users.current) < 0.01 * 23400


def test_year_not_in_data_is_a_config_error(dataset):
    from reportgen.errors import ConfigError

    with pytest.raises(ConfigError, match="no data for 2030"):
        compute(dataset, 2030)
