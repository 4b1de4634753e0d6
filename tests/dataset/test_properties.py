"""Property-based tests of reading and converting input: whatever the bytes or cells, the
result is the right values or a clear problem (a ReportgenError), never a crash."""

from __future__ import annotations

import csv
import re
import shutil
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reportgen.dataset.cells import Bad, parse_count
from reportgen.dataset.csvfile import read_csv
from reportgen.dataset.load import inspect_folder
from reportgen.errors import ReportgenError

BASE = Path(__file__).resolve().parent / "inputs" / "base"
HEADER = ["year", "county_code", "population"]
FAST = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
CP1252 = set(
    bytes(b for b in range(256) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)).decode("cp1252")
)
CELL = st.text(
    st.characters(codec="cp1252", exclude_characters="\x00"), max_size=12
) | st.sampled_from(
    ["", " ", "1 354", "Østfold – Viken", 'a "b"', "x;y,z\tw", "a\r\nb", "a\u0301", "\u00a0"]
)


def is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def write(rows, delimiter: str, newline: str, quote_all: bool = False) -> str:
    """CSV text; cells holding the delimiter, a quote or a line break are always quoted
    (Python's csv writer leaves a lone CR unquoted, which is a line break to any reader)."""

    def cell(text: str) -> str:
        special = quote_all or any(c in text for c in (delimiter, '"', "\r", "\n"))
        return '"' + text.replace('"', '""') + '"' if special else text

    return "".join(delimiter.join(map(cell, row)) + newline for row in rows)


def expected_columns(rows: list[list[str]]) -> dict[str, list[str]]:
    """What reading should give: NFC, stripped cells, all-blank rows left out."""
    cells = [[unicodedata.normalize("NFC", c).strip() for c in row] for row in rows]
    kept = [row for row in cells if any(row)]
    return {name: [row[i] for row in kept] for i, name in enumerate(HEADER)}


@FAST
@given(
    rows=st.lists(st.lists(CELL, min_size=3, max_size=3), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    quote_all=st.booleans(),
)
def test_any_table_written_as_csv_reads_back_the_same(
    tmp_path, rows, delimiter, newline, encoding, quote_all
):
    text = write([HEADER, *rows], delimiter, newline, quote_all)
    if encoding == "cp1252":
        assume(all(c in CP1252 for c in text))
        # bytes that are also valid UTF-8 are read as UTF-8: genuinely ambiguous
        assume(text.isascii() or not is_utf8(text.encode(encoding)))
    raw = text.encode(encoding)
    path = tmp_path / "population.csv"
    path.write_bytes(raw)
    table = read_csv(path, "population")
    assert table.columns == expected_columns(rows)
    assert table.problems == []


@FAST
@given(content=st.binary(max_size=300) | st.text(max_size=200).map(str.encode))
def test_any_bytes_give_values_or_a_reportgen_error(tmp_path, content):
    path = tmp_path / "centres.csv"
    path.write_bytes(content)
    try:
        table = read_csv(path, "centres")
    except ReportgenError as error:
        assert error.message
    else:
        assert all(len(cells) == len(table.rows) for cells in table.columns.values())


@FAST
@given(content=st.binary(max_size=300) | st.text(max_size=200).map(str.encode))
def test_any_bytes_in_a_data_folder_give_problems_not_crashes(tmp_path, content):
    folder = tmp_path / "data"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(BASE, folder)
    (folder / "survey.csv").write_bytes(content)
    inspection = inspect_folder(folder, year=2019)
    assert (inspection.dataset is None) == bool(inspection.errors)
    assert all(str(problem) for problem in inspection.problems)


def digits_only(text: str) -> str:
    return re.sub(r"[ \u00a0\u202f]", "", text)


@FAST
@given(text=st.text(max_size=12) | st.from_regex(r"-?[0-9 \u00a0,.]{1,10}", fullmatch=True))
def test_any_count_cell_is_an_int_or_a_problem(text):
    result = parse_count(text)
    assert isinstance(result, int | Bad)
    if isinstance(result, int):
        whole = re.fullmatch(r"([0-9]+)(?:[.,]0+)?", digits_only(text))
        assert whole is not None and int(whole[1]) == result >= 0


@FAST
@given(
    number=st.integers(0, 10**12),
    separator=st.sampled_from(["", " ", "\u00a0", "\u202f"]),
    decimals=st.sampled_from(["", ",0", ".0", ",00"]),
)
def test_counts_written_as_people_write_them(number, separator, decimals):
    assert parse_count(f"{number:,}".replace(",", separator) + decimals) == number


@FAST
@given(
    cell=st.text(st.characters(exclude_characters="\x00", exclude_categories=["Cs"]), max_size=10)
)
def test_any_cell_in_a_count_column_is_read_or_reported(tmp_path, cell):
    folder = tmp_path / "data"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(BASE, folder)
    with open(folder / "population.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[2][2] = cell
    (folder / "population.csv").write_text(write(rows, ",", "\n"), encoding="utf-8")
    inspection = inspect_folder(folder)
    value = parse_count(unicodedata.normalize("NFC", cell).strip())
    if isinstance(value, int):
        assert inspection.errors == []
        assert inspection.dataset.frames["population"]["population"].iloc[1] == value
    else:
        assert [(p.row, p.column, p.rule) for p in inspection.errors] == [
            (3, "population", "the cell is empty" if not cell.strip() else value.rule)
        ]
