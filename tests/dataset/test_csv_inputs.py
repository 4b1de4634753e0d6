"""Input as people really have it: awkward but valid files load to exactly the same values,
broken files give exactly the message an analyst needs. Cases are in tests/inputs/
(``base/`` plus one folder per case holding the files that differ; see generate.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.dataset.load import inspect_folder, load_dataset
from reportgen.errors import ConfigError, DataError

INPUTS = Path(__file__).resolve().parent / "inputs"
FIX_ZERO = "Fix: store the codes as text (in Excel: format the column as Text)"
ANSWERS = "very_satisfied, fairly_satisfied, neutral, fairly_dissatisfied, very_dissatisfied"
CODES_2019 = "01, 02, 03, 04, 05, 06, 07, 08, 09, 10, 11, 12, 14, 15, 18, 19, 20, 50"


@pytest.fixture
def make(tmp_path, monkeypatch):
    """A function that builds ./data from base/ plus a case folder and returns Path("data")."""
    monkeypatch.chdir(tmp_path)

    def build(case: str | None = None) -> Path:
        data = Path("data")
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(INPUTS / "base", data)
        for file in (INPUTS / case).iterdir() if case else ():
            shutil.copy(file, data / file.name)
        return data

    return build


@pytest.fixture(scope="module")
def base():
    return load_dataset(INPUTS / "base")


def messages(folder: Path, **options) -> list[str]:
    return [f"{p.severity}: {p}" for p in inspect_folder(folder, **options).problems]


def same_frames(dataset, base) -> bool:
    return all(dataset.frames[name].equals(base.frames[name]) for name in base.frames)


def test_base_is_clean_and_detected_as_utf8(make):
    inspection = inspect_folder(make(), year=2019)
    assert inspection.problems == []
    assert set(inspection.detected.values()) == {"UTF-8, comma-separated"}


@pytest.mark.parametrize(
    ("case", "source", "detected"),
    [
        ("bom", "centres", "UTF-8 with BOM, comma-separated"),
        ("cp1252", "centres", "Windows-1252, semicolon-separated"),
        ("semicolon", "centres", "UTF-8, semicolon-separated"),
        ("quoted", "centres", "UTF-8, comma-separated"),
        ("tab", "survey", "UTF-8, tab-separated"),
    ],
)
def test_awkward_files_give_the_same_values(make, base, case, source, detected):
    dataset = load_dataset(make(case))
    assert dataset.detected[source] == detected
    assert dataset.warnings == []
    assert same_frames(dataset, base)


def test_cp1252_keeps_the_en_dash_and_sami_letters(make):
    folder = make("cp1252")
    assert b"Finnmark \x96 K\xe1r\xe1\x9ajohka" in (folder / "centres.csv").read_bytes()
    names = load_dataset(folder).frames["centres"]["centre_name"]
    assert "Karrieresenter Finnmark – Kárášjohka" in set(names)


def test_semicolon_file_with_decimal_comma_and_no_break_spaces(make):
    folder = make("semicolon")
    raw = (folder / "centres.csv").read_text(encoding="utf-8")
    assert "Year; Centre ID ;" in raw and "1\u00a0494,0" in raw and "2\u202f496" in raw
    bergen = load_dataset(folder).frames["centres"].iloc[0]
    assert (bergen["unique_users"], bergen["individual_conversations"]) == (1494, 2496)


def test_leading_zeros_lost_by_excel_are_put_back_with_a_warning(make):
    folder = make("leading_zeros")
    assert messages(folder) == [
        "warning: data/centres.csv, row 7, column 'centre_id': has lost its leading zero and "
        f"is read as '0301' (value '301'). {FIX_ZERO}",
        "warning: data/centres.csv, row 7, column 'county_code': has lost its leading zero "
        f"and is read as '03' (value '3'). {FIX_ZERO}",
    ]
    oslo = load_dataset(folder).frames["centres"].iloc[5]
    assert (oslo["centre_id"], oslo["county_code"]) == ("0301", "03")


BROKEN = {
    "misspelt_column": [
        "error: data/centres.csv, row 1, column 'unique_users': the column is missing. "
        "Fix: rename column 'uniqe_users' to 'unique_users'"
    ],
    "negative_count": [
        "error: data/centres.csv, row 12, column 'unique_users': is negative (value '-3'). "
        "Fix: write a whole number of 0 or more"
    ],
    "fractional_count": [
        "error: data/users.csv, row 4, column 'persons': is not a whole number (value '12,5')."
        " Fix: write a whole number of 0 or more, without decimals"
    ],
    "not_a_number": [
        "error: data/population.csv, row 3, column 'population': is not a number "
        "(value '5,6 mill.'). Fix: write a whole number such as 1354 or 1 354"
    ],
    "ragged_row": [
        "error: data/centres.csv, row 2: has 9 values, but the header has 8 columns. "
        "Fix: put quotes around values that contain the delimiter (such as a decimal comma), "
        "or give the right --delimiter"
    ],
    "unknown_county": [
        "error: data/survey.csv, row 22, column 'county_code': is not a county code valid in "
        "2019; 4 more rows have it too (value '16'). Fix: use a code from counties.csv valid "
        f"that year: {CODES_2019}"
    ],
    "centre_two_counties": [
        "error: data/centres.csv, row 9, column 'county_code': centre 1201 is in 2 counties "
        "in 2019: 12 in row 8 and 20 in row 9. Fix: give the centre the one county it "
        "belonged to that year"
    ],
    "duplicate_row": [
        "error: data/users.csv, row 6: repeats row 5. Fix: delete one of the two rows"
    ],
    "conflicting_row": [
        "error: data/survey.csv, row 4: has the same year, county_code and answer as row 3, "
        "but other values. Fix: keep one row per year, county_code and answer"
    ],
    "breakdown_sum": [
        "error: data/users.csv, row 46, column 'persons': the gender rows for county 03 in "
        "2019 (rows 46–47) sum to 362, but the county's centres report 361 unique users. "
        "Fix: correct the rows so they sum to 361, the unique users in centres.csv"
    ],
    "unknown_answer": [
        "error: data/survey.csv, row 13, column 'answer': is not a known answer "
        f"(value 'Very satisfied'). Fix: write 'very_satisfied' (known: {ANSWERS})",
        "error: data/survey.csv, row 15, column 'answer': is not a known answer "
        f"(value 'happy'). Fix: use one of: {ANSWERS}",
    ],
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_input_gives_exactly_one_clear_message(make, case):
    assert messages(make(case), year=2019) == BROKEN[case]


def test_memo_refuses_bad_data_listing_every_error(make):
    folder = make("unknown_answer")
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    lines = [line.removeprefix("error: ") for line in BROKEN["unknown_answer"]]
    assert caught.value.message == "the data has 2 problems:\n" + "\n".join(
        f"  - {line}" for line in lines
    )


def test_missing_file(make):
    folder = make()
    (folder / "users.csv").unlink()
    assert messages(folder) == [
        "error: data/users.csv: the file is missing. Fix: add users.csv, or a sheet 'users' "
        "in data.xlsx (see data/README.md)"
    ]


def test_year_before_missing_is_a_warning_and_year_missing_an_error(make):
    folder = make()
    assert messages(folder, year=2018) == [
        "warning: data/centres.csv, column 'year': has no rows for 2017, the year before "
        "2018, so the memo cannot compare with it. Fix: add the 2017 rows, or accept a memo "
        "without the comparison"
    ]
    assert load_dataset(folder, year=2018).warnings[0].severity == "warning"
    assert messages(folder, year=2021) == [
        "error: data/centres.csv, column 'year': has no rows for 2021. Fix: choose a year in "
        "the data (2018–2019), or add its rows"
    ]


def test_bytes_that_are_neither_utf8_nor_cp1252(make):
    folder = make()
    raw = (folder / "survey.csv").read_bytes().replace(b"neutral", b"neutr\x81l", 1)
    (folder / "survey.csv").write_bytes(raw)
    assert messages(folder) == [
        "error: data/survey.csv, row 4: the text encoding is neither UTF-8 nor Windows-1252 "
        "(byte 0x81). Fix: save the file from Excel as 'CSV UTF-8', or give its encoding "
        "with --encoding"
    ]


def test_encoding_and_delimiter_can_be_given(make, base):
    folder = make("cp1252")
    for name in ("counties", "users", "survey", "population"):
        text = (folder / f"{name}.csv").read_text(encoding="utf-8")
        (folder / f"{name}.csv").write_bytes(text.replace(",", ";").encode("cp1252"))
    dataset = load_dataset(folder, encoding="cp1252", delimiter=";")
    assert dataset.detected["centres"] == "cp1252 as given, semicolon-separated as given"
    assert same_frames(dataset, base)
    with pytest.raises(ConfigError, match="not a known text encoding"):
        load_dataset(folder, encoding="klingon")
    with pytest.raises(ConfigError, match="not a single character"):
        load_dataset(folder, delimiter=";;")


def test_wrong_delimiter_is_named_once_per_file(make):
    folder = make()
    assert messages(folder, delimiter="tab")[0] == (
        "error: data/centres.csv, row 1: the header is read as a single column, so the "
        "delimiter is wrong (value 'year,centre_id,centre_name,county_code,unique_users,"
        "individual_conversations,group_sessions,group_participants'). Fix: leave out "
        "--delimiter to detect it, or give the right one"
    )


def test_sep_line_quoted_line_break_and_blank_rows_keep_spreadsheet_row_numbers(make):
    folder = make("negative_count")
    lines = (folder / "centres.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("Karriere Bergen", '"Karriere\nBergen"')
    text = (
        "sep=;\r\n"
        + "\r\n".join(line.replace(",", ";") for line in lines[:5])
        + "\r\n;;;;;;;\r\n\r\n"
        + "\r\n".join(line.replace(",", ";") for line in lines[5:])
    )
    (folder / "centres.csv").write_text(text, encoding="utf-8")
    inspection = inspect_folder(folder)
    assert inspection.detected["centres"] == "UTF-8, semicolon-separated by its sep= line"
    assert [str(p) for p in inspection.problems] == [
        "data/centres.csv, row 2, column 'centre_name': has a line break (U+000A), which a "
        "name cannot hold (value 'Karriere\\nBergen'). Fix: write it on one line (Alt+Enter "
        "makes a line break in a spreadsheet cell)",
        "data/centres.csv, row 14, column 'unique_users': is negative (value '-3'). "
        "Fix: write a whole number of 0 or more",
    ]


def test_header_problems(make):
    folder = make()
    lines = (folder / "population.csv").read_text(encoding="utf-8").splitlines()
    lines = ["Year,County_Code,population,note,,population"] + [
        line + (",checked,x,1" if i == 1 else ",,,") for i, line in enumerate(lines[1:], 1)
    ]
    (folder / "population.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert messages(folder) == [
        "error: data/population.csv, row 1, column 'population': the column appears twice "
        "(columns 3 and 6). Fix: delete or rename one of them",
        "warning: data/population.csv, row 1: column 5 has values but no name, so it is "
        "ignored. Fix: give the column a name or delete it",
        "warning: data/population.csv, row 1, column 'note': is not a column reportgen reads, "
        "so it is ignored. Fix: delete the column, or leave it",
    ]


@pytest.mark.parametrize(
    ("content", "rule"),
    [
        (b"", "is empty: it has no header row"),
        (b"\r\n\r\n", "is empty: it has no header row"),
        (
            b"y\x00e\x00a\x00r\x00",
            "contains NUL characters, so it is not a CSV text file (or is "
            "UTF-16 without a byte order mark)",
        ),
    ],
)
def test_unreadable_files(make, content, rule):
    folder = make()
    (folder / "population.csv").write_bytes(content)
    assert len(messages(folder)) == 1
    assert messages(folder)[0].startswith(f"error: data/population.csv: {rule}. Fix: ")


def test_header_only_file_has_no_rows_and_no_crash(make):
    folder = make()
    (folder / "population.csv").write_text("year,county_code,population\n", encoding="utf-8")
    assert load_dataset(folder).frames["population"].empty


def test_a_required_file_with_only_its_header_is_one_error(make):
    """N02: not one error for each users row whose centres are missing."""
    folder = make()
    (folder / "centres.csv").write_text(
        "year,county_code,centre_id,centre_name,unique_users,individual_conversations,"
        "group_sessions,group_participants\n",
        encoding="utf-8",
    )
    assert messages(folder) == [
        "error: data/centres.csv, row 1: the file has its header but no rows. Fix: fill in "
        "its rows (see data/README.md), or put back the shipped file"
    ]


def test_a_file_without_its_header_row_is_one_error_giving_the_header(make):
    """C28: not "the column is missing" for each column."""
    folder = make()
    path = folder / "population.csv"
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    assert messages(folder) == [
        "error: data/population.csv, row 1: the first row names none of the columns "
        "reportgen reads, so the header row is missing or misspelt. Fix: make the first row "
        "the header: year,county_code,population (see data/README.md)"
    ]


def test_file_names_in_any_case_and_trailing_delimiters(make, base):
    folder = make()
    text = (folder / "centres.csv").read_text(encoding="utf-8")
    (folder / "centres.csv").unlink()
    (folder / "Centres.CSV").write_text(text.replace("\n", ",\n"), encoding="utf-8")
    dataset = load_dataset(folder)
    assert dataset.files["centres"] == folder / "Centres.CSV"
    assert dataset.warnings == []
    assert same_frames(dataset, base)


def test_excel_unicode_text_is_utf16_with_tabs(make, base):
    folder = make()
    text = (folder / "survey.csv").read_text(encoding="utf-8").replace(",", "\t")
    (folder / "survey.csv").write_bytes(text.replace("\n", "\r\n").encode("utf-16"))
    dataset = load_dataset(folder)
    assert dataset.detected["survey"] == "UTF-16, tab-separated"
    assert same_frames(dataset, base)
