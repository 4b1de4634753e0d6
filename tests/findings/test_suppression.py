"""No hidden count can be computed back from what the memos publish.

The audit here is independent of ``reportgen.findings.suppression``: a hidden value is
exposed iff its unit vector lies in the row space of the published additive constraints,
tested via the null space (SVD) of the constraint matrix. It is run on the shipped data
and on the disclosure cases of the review (``disclosure_cases``), over every published
table at once where tables share a total: the national table of counties with each
county's centres, and with each county's persons per category; the survey's respondents
per county with its answers. The raw counts come from the data, what is published from
the findings (a hidden count is None there).
"""

from __future__ import annotations

import numpy as np
import pytest
from disclosure_cases import (
    county_survey_of_37,
    exposed,
    exposed_cells,
    national_survey_of_six,
    one_user_county,
)

from reportgen.dataset.load import load_dataset
from reportgen.dataset.schema import NOT_STATED, SURVEY_ANSWERS
from reportgen.findings.compute import compute
from reportgen.findings.sums import base_codes, category_sums, county_sums
from reportgen.findings.suppression import protect
from reportgen.findings.values import Unit

SMALL = range(1, 5)  # counts of persons hidden with the default threshold 5
CASES = {
    "shipped": (None, range(2015, 2025)),
    "one_user_county": (one_user_county, (2019, 2020)),
    "national_survey_of_six": (national_survey_of_six, (2019,)),
    "county_survey_of_37": (county_survey_of_37, (2019,)),
}


def test_audit_finds_a_lonely_hidden_cell():
    assert exposed_cells(np.array([[True, False], [False, False]])) == [(0, 0)]
    assert exposed_cells(np.array([[True, True], [True, True]])) == []


def test_protect_on_a_known_table():
    table = np.array([[10, 3, 20], [15, 12, 30], [40, 50, 60]])
    mask = protect(table)
    assert mask[0, 1] and mask.sum() == 4 and exposed_cells(mask) == []


def test_protect_guards_cells_hidden_for_another_reason():
    """A row hidden as a whole (a survey of 6 answers) gets partners in every column."""
    table = np.array([[40, 20, 10], [30, 25, 12], [4, 2, 0]])
    mask = protect(table, hidden=[[False] * 3, [False] * 3, [True] * 3])
    assert mask[2].all() and mask[:2].any(axis=0).all() and exposed_cells(mask) == []


@pytest.fixture(scope="module", params=list(CASES))
def case(request, tmp_path_factory, dataset):
    """(dataset, {year: (national Findings, {code: county Findings})}) of one case."""
    build, years = CASES[request.param]
    data = dataset if build is None else load_dataset(build(tmp_path_factory.mktemp("case")))
    found = {}
    for year in years:
        counties = data.classification.valid_in(year)
        found[year] = (
            compute(data, year),
            {c.code: compute(data, year, Unit(c)) for c in counties},
        )
    return data, found


def test_users_of_counties_and_centres_are_safe(case):
    """The national table (counties, national total) and each county's centre table (its
    sum) together: every count of 1–4 hidden, none determined, in every memo alike."""
    data, found = case
    sums = county_sums(data, "centres", "unique_users")
    centres = data.frames["centres"]
    for year, (national, counties) in found.items():
        shown = {row.county.code: row.users.current for row in national.counties}
        codes = [code for y, code in sums if y == year]
        hidden = {("county", c) for c in codes if shown[c] is None}
        national_line = {("county", c): 1.0 for c in codes}
        lines = [national_line]
        for code in codes:
            f = counties[code]
            assert f.users.current == shown[code], "a county and the national memo disagree"
            rows = centres[(centres.year == year) & (centres.county_code == code)]
            published = {r.centre_id: r.users for r in f.centre_rows}
            for row in rows.itertuples():
                cell = ("centre", row.centre_id)
                if published[row.centre_id] is None:
                    hidden.add(cell)
                else:
                    assert published[row.centre_id] == row.unique_users
                assert published[row.centre_id] is None or row.unique_users not in SMALL
            lines.append({("centre", r.centre_id): 1.0 for r in rows.itertuples()})
            lines[-1][("county", code)] = -1.0
            if shown[code] is None:
                assert sums[(year, code)] in SMALL or ("county", code) in hidden
                assert f.share_of_country is f.users_per_1000 is f.story.rate is None
                assert all(r.users is None for r in f.centre_rows)
            else:
                assert shown[code] == sums[(year, code)] and shown[code] not in SMALL
        assert all(sums[(year, c)] not in SMALL or ("county", c) in hidden for c in codes)
        assert exposed(lines, hidden) == [], f"{year}: a hidden count follows from the sums"


@pytest.mark.parametrize("dimension", ["education", "age_group", "gender", "work_situation"])
def test_persons_by_category_are_safe(case, dimension):
    """Counties × categories with national totals, joined to the counties' users (a
    dimension sums to them, "not stated" included): no hidden users or category follows.
    The stated total of a county with a share shown is taken as known (conservative);
    "not stated" is never published, so it is an unknown but not itself audited."""
    data, found = case
    raw, users = category_sums(data, dimension), county_sums(data, "centres", "unique_users")
    users_csv = data.frames["users"]
    every = list(dict.fromkeys(users_csv[users_csv.dimension == dimension]["category"]))
    stated = [c for c in every if c not in NOT_STATED]
    for year, (_, counties) in found.items():
        codes = [code for y, code in users if y == year]
        hidden = {("users", c) for c in codes if counties[c].users.current is None}
        lines = [{("users", c): 1.0 for c in codes}]
        lines += [{(c, k): 1.0 for c in codes} for k in every]
        for code in codes:
            distribution = counties[code].dimensions[dimension]
            hidden |= {(code, k) for k in distribution.hidden}
            for k in stated:
                count = raw.get((year, code, k), 0)
                assert (code, k) in hidden or (
                    distribution.count(k) == count and count not in SMALL
                )
            if ("users", code) in hidden:
                assert distribution.total is None and distribution.hidden == set(stated)
            lines.append({(code, k): 1.0 for k in every} | {("users", code): -1.0})
            if distribution.hidden != set(stated):
                lines.append({(code, k): 1.0 for k in stated})
        unknown = hidden | {(c, k) for c in codes for k in NOT_STATED & set(every)}
        fixed = [cell for cell in exposed(lines, unknown) if cell in hidden]
        assert fixed == [], f"{year} {dimension}: hidden counts follow from the totals"


def test_survey_answers_are_safe(case):
    """Respondents per county (national total) and counties × answers (county and
    national totals): 1–4 hidden, fewer than ten answers wholly hidden, none determined."""
    data, found = case
    raw = category_sums(data, "survey")
    for year, (national, counties) in found.items():
        codes = sorted({c for (y, c, _) in raw if y == year})
        respondents = {c: sum(raw.get((year, c, a), 0) for a in SURVEY_ANSWERS) for c in codes}
        hidden, lines = set(), [{("N", c): 1.0 for c in codes}]
        lines += [{(c, a): 1.0 for c in codes} for a in SURVEY_ANSWERS]
        for code in codes:
            survey, n = counties[code].satisfaction, respondents[code]
            if survey.total is None:
                hidden.add(("N", code))
            assert survey.total in (None, n) and (survey.total is None or n not in SMALL)
            if 0 < n < 10:
                assert survey.hidden == set(SURVEY_ANSWERS)
            for answer in SURVEY_ANSWERS:
                count = raw.get((year, code, answer), 0)
                if answer in survey.hidden:
                    hidden.add((code, answer))
                else:
                    assert survey.count(answer) == count and count not in SMALL
            lines.append({(code, a): 1.0 for a in SURVEY_ANSWERS} | {("N", code): -1.0})
        assert exposed(lines, hidden) == [], f"{year}: a hidden answer follows from the totals"
        if 0 < national.satisfaction.total < 10:
            assert national.satisfied_share is None
            assert national.satisfaction.hidden == set(SURVEY_ANSWERS)


def test_no_change_is_shown_from_or_to_a_hidden_count(case):
    """A county's count of a year (this year's, last year's, a year of its series) is
    shown only if no county it is summed from is hidden that year."""
    data, found = case
    for year, (_, counties) in found.items():
        for code, f in counties.items():
            hidden_years = set(f.users_hidden_years)
            for earlier, value in f.users_by_year:
                if earlier not in found:
                    continue
                codes, _ = base_codes(data.classification, code, year, earlier)
                hidden_then = {
                    row.county.code
                    for row in found[earlier][0].counties
                    if row.users.current is None
                }
                assert (earlier in hidden_years) == bool(hidden_then & set(codes))
                assert value is None or earlier not in hidden_years
            if f.users.status == "hidden":
                assert f.users.percent is f.users.difference is None


def test_the_one_user_county_and_its_partner_are_hidden(tmp_path):
    """C15: Oslo's 1 user is hidden in its memo and in the national one, and so is the
    smallest other county's count (Finnmark, 149), which would otherwise give it back."""
    data = load_dataset(one_user_county(tmp_path))
    national = compute(data, 2019)
    hidden = [row.county.code for row in national.counties if row.users.current is None]
    assert hidden == ["03", "20"]
    assert all(row.share is None for row in national.counties if row.county.code in hidden)
    oslo = compute(data, 2019, Unit(data.classification.get("03", 2019)))
    assert oslo.users.current is None and oslo.users.previous == 0
    assert [row.users for row in oslo.centre_rows] == [None]
    assert oslo.satisfaction.total is None and oslo.satisfied_share is None
    assert {r.county.code for r in national.story.rates}.isdisjoint(hidden)
    later = compute(data, 2020, Unit(data.classification.get("54", 2020)))  # Troms og Finnmark
    assert later.users.status == "hidden" and later.users.previous is None
    assert later.users_hidden_years == (2019,) and dict(later.users_by_year)[2019] is None


def test_small_cells_exist_and_are_hidden(dataset):
    finnmark = compute(dataset, 2018, Unit(dataset.classification.get("20", 2018)))
    assert [row.users for row in finnmark.centre_rows].count(None) >= 2
    assert "under_20" in finnmark.age_group.hidden
    assert finnmark.age_group.share("under_20") is None
    assert finnmark.age_group.count("under_20") is None
    oslo = compute(dataset, 2019, Unit(dataset.classification.get("03", 2019)))
    assert oslo.satisfied_share is None  # fewer than 10 respondents
    assert oslo.satisfaction.hidden == set(SURVEY_ANSWERS)
