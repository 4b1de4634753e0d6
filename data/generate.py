"""Generate the shipped reportgen dataset: data/*.csv.

Only the national figures listed in data/README.md are published; everything below the
national level is synthetic, drawn from a fixed seed so every run writes identical files.
Run: python data/generate.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20190605
YEARS = range(2015, 2025)
OUT = Path(__file__).resolve().parent
REF_SOURCE = "regjeringen.no / SSB county classification (shared reference counties.csv)"
MERGER_SOURCE = "SSB: Trøndelag county merger 1 January 2018"

# code, name, official_label, valid_from, valid_to, becomes (as in the shared reference)
REFERENCE_COUNTIES = """\
01;Østfold;Østfold;2018;2019;30
02;Akershus;Akershus;2018;2019;30
03;Oslo;Oslo;2018;;03
04;Hedmark;Hedmark;2018;2019;34
05;Oppland;Oppland;2018;2019;34
06;Buskerud;Buskerud;2018;2019;30
07;Vestfold;Vestfold;2018;2019;38
08;Telemark;Telemark;2018;2019;38
09;Aust-Agder;Aust-Agder;2018;2019;42
10;Vest-Agder;Vest-Agder;2018;2019;42
11;Rogaland;Rogaland;2018;;11
12;Hordaland;Hordaland;2018;2019;46
14;Sogn og Fjordane;Sogn og Fjordane;2018;2019;46
15;Møre og Romsdal;Møre og Romsdal;2018;;15
18;Nordland;Nordland - Nordlánnda;2018;;18
19;Troms;Troms - Romsa;2018;2019;54
20;Finnmark;Finnmark - Finnmárku;2018;2019;54
50;Trøndelag;Trøndelag - Trööndelage;2018;;50
30;Viken;Viken;2020;2023;31|32|33
34;Innlandet;Innlandet;2020;;34
38;Vestfold og Telemark;Vestfold og Telemark;2020;2023;39|40
42;Agder;Agder;2020;;42
46;Vestland;Vestland;2020;;46
54;Troms og Finnmark;Troms og Finnmark - Romsa ja Finnmárku - Tromssa ja Finmarkku;2020;2023;55|56
31;Østfold;Østfold;2024;;31
32;Akershus;Akershus;2024;;32
33;Buskerud;Buskerud;2024;;33
39;Vestfold;Vestfold;2024;;39
40;Telemark;Telemark;2024;;40
55;Troms;Troms - Romsa - Tromssa;2024;;55
56;Finnmark;Finnmark - Finnmárku - Finmarkku;2024;;56"""

# Population 1 January 2022 by the 2024 counties (regjeringen.no, the only published input).
POP_2022 = {
    "03": 699827,
    "11": 485797,
    "15": 265848,
    "18": 240190,
    "31": 304754,
    "32": 701565,
    "33": 262911,
    "34": 371253,
    "39": 250862,
    "40": 173970,
    "42": 311134,
    "46": 641292,
    "50": 474131,
    "55": 167607,
    "56": 74129,
}
PROXY = {"01": "31", "02": "32", "06": "33", "07": "39", "08": "40", "19": "55", "20": "56"}
SPLITS = {
    "34": ("04", "05", 0.51),
    "42": ("09", "10", 0.385),
    "46": ("12", "14", 0.83),
    "50": ("16", "17", 0.70),
}
MERGED = {"30": ("31", "32", "33"), "38": ("39", "40"), "54": ("55", "56")}
GROWTH = 0.007  # synthetic national population growth per year

NATIONAL_USERS = {
    2015: 16250,
    2016: 17330,
    2017: 17850,
    2018: 19604,
    2019: 20958,
    2020: 23368,
    2021: 23412,
    2022: 24825,
    2023: 25690,
    2024: 26480,
}
CONVERSATIONS_PER_USER = {
    2015: 1.62,
    2016: 1.63,
    2017: 1.66,
    2018: 1.64,
    2019: 1.65,
    2020: 1.68,
    2021: 1.61,
    2022: 1.63,
    2023: 1.66,
    2024: 1.67,
}
GROUP_SESSIONS = {
    2015: 790,
    2016: 870,
    2017: 1049,
    2018: 948,
    2019: 1062,
    2020: 1010,
    2021: 1120,
    2022: 1190,
    2023: 1240,
    2024: 1300,
}
SATISFIED = {
    2015: 0.930,
    2016: 0.935,
    2017: 0.940,
    2018: 0.942,
    2019: 0.9445,
    2020: 0.950,
    2021: 0.952,
    2022: 0.948,
    2023: 0.951,
    2024: 0.953,
}

# Use of the service per inhabitant, by 2019 county (synthetic; not proportional to population).
PROPENSITY = {
    "01": 1.15,
    "02": 0.70,
    "03": 0.30,
    "04": 1.25,
    "05": 1.35,
    "06": 0.95,
    "07": 0.85,
    "08": 1.40,
    "09": 1.05,
    "10": 1.10,
    "11": 0.90,
    "12": 0.95,
    "14": 1.50,
    "15": 1.20,
    "18": 1.30,
    "19": 1.00,
    "20": 0.45,
    "50": 1.05,
}
RAMP = {0: 0.35, 1: 0.75}  # weight in a centre's first and second year

# centre_id, name, first year, county in its first year, 2024 county, share within county
CENTRES = [
    ("0101", "Karriere Østfold – Fredrikstad", 2015, "01", "31", 0.45),
    ("0102", "Karriere Østfold – Sarpsborg", 2015, "01", "31", 0.33),
    ("0103", "Karriere Østfold – Halden", 2015, "01", "31", 0.22),
    ("0201", "Karriere Akershus – Lillestrøm", 2015, "02", "32", 0.45),
    ("0202", "Karriere Akershus – Sandvika", 2015, "02", "32", 0.35),
    ("0203", "Karriere Akershus – Ski", 2017, "02", "32", 0.20),
    ("0301", "Karriere Oslo", 2019, "03", "03", 1.00),
    ("0401", "Karrieresenteret i Hedmark – Hamar", 2015, "04", "34", 0.65),
    ("0402", "Karrieresenteret i Hedmark – Kongsvinger", 2015, "04", "34", 0.35),
    ("0501", "Karriere Oppland – Lillehammer", 2015, "05", "34", 0.55),
    ("0502", "Karriere Oppland – Gjøvik", 2015, "05", "34", 0.45),
    ("0601", "Karriere Buskerud – Drammen", 2015, "06", "33", 0.70),
    ("0602", "Karriere Buskerud – Hønefoss", 2015, "06", "33", 0.30),
    ("0701", "Karriere Vestfold – Tønsberg", 2015, "07", "39", 1.00),
    ("0801", "Karriere Telemark – Skien", 2015, "08", "40", 0.75),
    ("0802", "Karriere Telemark – Notodden", 2016, "08", "40", 0.25),
    ("0901", "Karriere Aust-Agder – Arendal", 2015, "09", "42", 1.00),
    ("1001", "Karriere Vest-Agder – Kristiansand", 2015, "10", "42", 0.80),
    ("1002", "Karriere Vest-Agder – Flekkefjord", 2015, "10", "42", 0.20),
    ("1101", "Karriere Rogaland – Stavanger", 2015, "11", "11", 0.65),
    ("1102", "Karriere Rogaland – Haugesund", 2015, "11", "11", 0.35),
    ("1103", "Karriere Rogaland – Egersund", 2020, "11", "11", 0.12),
    ("1201", "Karriere Bergen", 2015, "12", "46", 0.70),
    ("1202", "Karrieresenteret i Sunnhordland", 2015, "12", "46", 0.18),
    ("1203", "Karriere Nordhordland", 2019, "12", "46", 0.12),
    ("1401", "Karriere Sogn og Fjordane – Førde", 2015, "14", "46", 0.50),
    ("1402", "Karriere Sogn og Fjordane – Sogndal", 2015, "14", "46", 0.35),
    ("1403", "Karriere Sogn og Fjordane – Nordfjordeid", 2018, "14", "46", 0.15),
    ("1501", "Karriere Møre og Romsdal – Ålesund", 2015, "15", "15", 0.45),
    ("1502", "Karriere Møre og Romsdal – Molde", 2015, "15", "15", 0.35),
    ("1503", "Karriere Møre og Romsdal – Kristiansund", 2017, "15", "15", 0.20),
    ("1801", "Karriere Nordland – Bodø", 2015, "18", "18", 0.45),
    ("1802", "Karriere Nordland – Mo i Rana", 2015, "18", "18", 0.30),
    ("1803", "Karriere Nordland – Narvik", 2015, "18", "18", 0.25),
    ("1804", "Karriere Nordland – Sortland", 2021, "18", "18", 0.15),
    ("1901", "Karriere Troms – Tromsø", 2015, "19", "55", 0.75),
    ("1902", "Karriere Troms – Finnsnes", 2015, "19", "55", 0.25),
    ("2001", "Karrieresenter Finnmark – Alta", 2015, "20", "56", 0.60),
    ("2002", "Karrieresenter Finnmark – Hammerfest", 2015, "20", "56", 0.34),
    ("2003", "Karrieresenter Finnmark – Kárášjohka", 2018, "20", "56", 0.06),
    ("5001", "Karriere Trøndelag – Trondheim", 2015, "16", "50", 0.70),
    ("5002", "Karriere Trøndelag – Steinkjer", 2015, "17", "50", 0.20),
    ("5003", "Karriere Trøndelag – Namsos", 2016, "17", "50", 0.10),
]

DIMENSIONS = {
    "education": {
        "primary": 0.22,
        "upper_secondary": 0.34,
        "vocational_college": 0.09,
        "higher_education": 0.31,
        "unknown": 0.04,
    },
    "age_group": {"under_20": 0.06, "20_29": 0.30, "30_39": 0.28, "40_49": 0.21, "50_plus": 0.15},
    "gender": {"female": 0.58, "male": 0.42},
    "work_situation": {
        "employed": 0.38,
        "unemployed": 0.30,
        "student": 0.12,
        "outside_labour_force": 0.15,
        "other": 0.05,
    },
}
# Counties with a distinct user profile (multipliers on the national shares).
TILTS = {
    "20": {"under_20": 0.4, "vocational_college": 0.3, "unknown": 0.1},
    "56": {"under_20": 0.4, "vocational_college": 0.3, "unknown": 0.1},
    "03": {"higher_education": 1.5, "under_20": 0.3, "other": 0.2},
}
# Karriereveiledning.no (chat, phone and e-mail; national): inquiries per year. Published:
# 2022 15 400, 78 % chat and 22 % phone; 2021 "nesten 18 000", "over 2300" by phone.
INQUIRIES = {2019: 8640, 2020: 16920, 2021: 17860, 2022: 15400, 2023: 15880, 2024: 16310}
INQUIRY_CHANNELS = {  # chat, phone, email
    2019: (0.80, 0.15, 0.05),
    2020: (0.82, 0.14, 0.04),
    2021: (0.84, 0.131, 0.029),
    2022: (0.78, 0.22, 0.0),
    2023: (0.77, 0.23, 0.0),
    2024: (0.76, 0.24, 0.0),
}
# The centres' individual conversations by channel (in person, video, phone): video and
# phone up since 2019 (2021 edition); synthetic shares.
CONVERSATION_CHANNELS = {
    2019: (0.86, 0.02, 0.12),
    2020: (0.55, 0.17, 0.28),
    2021: (0.58, 0.16, 0.26),
    2022: (0.66, 0.12, 0.22),
    2023: (0.68, 0.11, 0.21),
    2024: (0.69, 0.11, 0.20),
}
# Karriereveiledning.no's inquiries by who asked, 2021-2024 (national; synthetic except
# that two of three were under 30 in 2022): each dimension sums to the year's inquiries.
ONLINE_DIMENSIONS = {
    "education": {
        "primary": 0.20,
        "upper_secondary": 0.38,
        "vocational_college": 0.05,
        "higher_education": 0.30,
        "unknown": 0.07,
    },
    "age_group": {"under_20": 0.28, "20_29": 0.39, "30_39": 0.16, "40_49": 0.10, "50_plus": 0.07},
    "gender": {"female": 0.62, "male": 0.38},
    "work_situation": {
        "employed": 0.33,
        "unemployed": 0.12,
        "student": 0.45,
        "outside_labour_force": 0.06,
        "other": 0.04,
    },
}
ONLINE_YEARS = (2021, 2022, 2023, 2024)
ANSWERS = (
    "very_satisfied",
    "fairly_satisfied",
    "neutral",
    "fairly_dissatisfied",
    "very_dissatisfied",
)


def allocate(total: int, weights) -> np.ndarray:
    """Split an integer total in proportion to weights (largest-remainder rounding)."""
    w = np.asarray(weights, dtype=float)
    quotas = total * w / w.sum()
    counts = np.floor(quotas).astype(int)
    order = np.argsort(-(quotas - counts), kind="stable")
    counts[order[: total - counts.sum()]] += 1
    return counts


def county_table() -> pd.DataFrame:
    rows = [line.split(";") for line in REFERENCE_COUNTIES.splitlines()]
    df = pd.DataFrame(
        rows, columns=["code", "name", "official_label", "valid_from", "valid_to", "becomes"]
    )
    df.loc[(df["valid_from"] == "2018") & (df["code"] != "50"), "valid_from"] = "2015"
    df["source"] = REF_SOURCE
    merged = pd.DataFrame(
        [
            ["16", "Sør-Trøndelag", "Sør-Trøndelag", "2015", "2017", "50", MERGER_SOURCE],
            ["17", "Nord-Trøndelag", "Nord-Trøndelag", "2015", "2017", "50", MERGER_SOURCE],
        ],
        columns=df.columns,
    )
    df = pd.concat([df, merged], ignore_index=True)
    return sort(df, ["valid_from", "code"])


def valid_codes(counties: pd.DataFrame, year: int) -> list[str]:
    start = counties["valid_from"].astype(int) <= year
    end = counties["valid_to"].replace("", "9999").astype(int) >= year
    return sorted(counties.loc[start & end, "code"])


def county_in_year(counties: pd.DataFrame, start: str, target: str, year: int) -> str:
    """Follow `becomes` from a centre's first county until the code is valid in `year`."""
    becomes = dict(zip(counties["code"], counties["becomes"]))
    code, valid = start, valid_codes(counties, year)
    while code not in valid:
        successors = becomes[code].split("|")
        code = target if target in successors else successors[0]
    return code


def base_population() -> dict[str, float]:
    """Population at 1 January 2022 for every county code of every structure."""
    pop = dict(POP_2022)
    pop.update({old: POP_2022[new] for old, new in PROXY.items()})
    pop.update({code: sum(POP_2022[p] for p in parts) for code, parts in MERGED.items()})
    for parent, (a, b, share) in SPLITS.items():
        pop[a] = round(POP_2022[parent] * share)
        pop[b] = POP_2022[parent] - pop[a]
    return pop


def population_table(counties: pd.DataFrame) -> pd.DataFrame:
    base, rows = base_population(), []
    for year in YEARS:
        factor = 1.0 if year == 2024 else (1 + GROWTH) ** (year - 2022)
        for code in valid_codes(counties, year):
            rows.append((year, code, round(base[code] * factor)))
    return pd.DataFrame(rows, columns=["year", "county_code", "population"])


def user_weight(centre: tuple, year: int, base: dict, rng) -> float:
    cid, _, first, _, _, share = centre
    if year < first:
        return 0.0
    ramp = RAMP.get(year - first, 1.0)
    return base[cid[:2]] * PROPENSITY[cid[:2]] * share * ramp * rng.lognormal(0, 0.08)


def centre_year(frame: pd.DataFrame, year: int, rng) -> pd.DataFrame:
    """Conversations, group sessions and participants for one year's centres."""
    users = frame["unique_users"].to_numpy()
    extra = round(NATIONAL_USERS[year] * (CONVERSATIONS_PER_USER[year] - 1))
    frame["individual_conversations"] = users + allocate(
        extra, users * rng.uniform(0.45, 0.85, len(users))
    )
    sessions = allocate(GROUP_SESSIONS[year], users * rng.lognormal(0, 0.3, len(users)))
    frame["group_sessions"] = sessions
    participants = np.round(sessions * rng.uniform(8, 14, len(users)))
    frame["group_participants"] = participants.astype(int)
    return frame


def centres_table(counties: pd.DataFrame) -> pd.DataFrame:
    rng, base, frames = np.random.default_rng([SEED, 1]), base_population(), []
    for year in YEARS:
        weights = [user_weight(c, year, base, rng) for c in CENTRES]
        active = [c for c, w in zip(CENTRES, weights) if w > 0]
        frame = pd.DataFrame(
            {
                "year": year,
                "centre_id": [c[0] for c in active],
                "centre_name": [c[1] for c in active],
                "county_code": [county_in_year(counties, c[3], c[4], year) for c in active],
                "unique_users": allocate(NATIONAL_USERS[year], [w for w in weights if w > 0]),
            }
        )
        frames.append(centre_year(frame, year, rng))
    return sort(pd.concat(frames, ignore_index=True), ["year", "centre_id"])


def county_shares(code: str, categories: dict, rng) -> np.ndarray:
    tilt = TILTS.get(code, {})
    shares = [share * tilt.get(cat, 1.0) for cat, share in categories.items()]
    return np.asarray(shares) * rng.lognormal(0, 0.12, len(shares))


def users_table(county_users: pd.DataFrame) -> pd.DataFrame:
    rng, rows = np.random.default_rng([SEED, 2]), []
    for year, code, persons in county_users.itertuples(index=False):
        for dim, categories in DIMENSIONS.items():
            counts = allocate(persons, county_shares(code, categories, rng))
            rows += [(year, code, dim, cat, n, "centres") for cat, n in zip(categories, counts)]
    for year in ONLINE_YEARS:  # Karriereveiledning.no: national, no county code
        for dim, categories in ONLINE_DIMENSIONS.items():
            counts = allocate(INQUIRIES[year], list(categories.values()))
            service = "karriereveiledning_no"
            rows += [(year, "", dim, cat, n, service) for cat, n in zip(categories, counts)]
    columns = ["year", "county_code", "dimension", "category", "persons", "service"]
    return pd.DataFrame(rows, columns=columns)


def survey_year(year: int, group: pd.DataFrame, first_year: set, rng) -> list[tuple]:
    codes, users = group["county_code"].tolist(), group["unique_users"].to_numpy()
    rate = rng.uniform(0.15, 0.25, len(codes))
    rate *= [0.08 if (year, c) in first_year else 1.0 for c in codes]  # opened this year
    resp = np.round(users * rate).astype(int)
    lean = np.clip(SATISFIED[year] + rng.normal(0, 0.015, len(codes)), 0.85, 0.99)
    satisfied = allocate(round(SATISFIED[year] * resp.sum()), resp * lean)
    assert (satisfied <= resp).all()
    rows = []
    for code, n, sat in zip(codes, resp, satisfied):
        very = allocate(sat, [rng.uniform(0.55, 0.68), 0.38])
        rest = allocate(n - sat, [0.6, 0.28, 0.12]) if n > sat else [0, 0, 0]
        rows += [(year, code, a, k) for a, k in zip(ANSWERS, [*very, *rest])]
    return rows


def survey_table(centres: pd.DataFrame, county_users: pd.DataFrame) -> pd.DataFrame:
    rng, rows = np.random.default_rng([SEED, 3]), []
    opened = centres.groupby("centre_id")["year"].transform("min")
    is_new = (centres["year"] == opened) & (centres["year"] > 2015)
    all_new = is_new.groupby([centres["year"], centres["county_code"]]).all()
    first_year = set(all_new[all_new].index)
    for year, group in county_users.groupby("year", sort=True):
        rows += survey_year(year, group, first_year, rng)
    return pd.DataFrame(rows, columns=["year", "county_code", "answer", "respondents"])


def contacts_table(centres: pd.DataFrame) -> pd.DataFrame:
    """Contacts by service and channel: Karriereveiledning.no's inquiries and the centres'
    individual conversations (summing to centres.csv), 2019–2024."""
    conversations = centres.groupby("year")["individual_conversations"].sum()
    rows = []
    for year in sorted(INQUIRIES):
        split = allocate(int(conversations[year]), CONVERSATION_CHANNELS[year])
        rows += [(year, "centres", c, n) for c, n in zip(("in_person", "video", "phone"), split)]
        split = allocate(INQUIRIES[year], INQUIRY_CHANNELS[year])
        channels = ("chat", "phone", "email")
        rows += [(year, "karriereveiledning_no", c, n) for c, n in zip(channels, split)]
    return pd.DataFrame(rows, columns=["year", "service", "channel", "contacts"])


def sort(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return df.sort_values(keys, kind="stable").reset_index(drop=True)


def write(df: pd.DataFrame, name: str) -> None:
    df.to_csv(OUT / name, index=False, encoding="utf-8", lineterminator="\n")


def main() -> None:
    counties = county_table()
    centres = centres_table(counties)
    county_users = centres.groupby(["year", "county_code"], as_index=False)["unique_users"].sum()
    write(counties, "counties.csv")
    write(centres, "centres.csv")
    write(users_table(county_users), "users.csv")
    write(survey_table(centres, county_users), "survey.csv")
    write(population_table(counties), "population.csv")
    write(contacts_table(centres), "contacts.csv")


if __name__ == "__main__":
    main()
