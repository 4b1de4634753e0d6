"""Excel input: one workbook ``data.xlsx`` with a sheet per source, numbers stored as
numbers (codes without their leading zeros, counts as floats), made here with openpyxl."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from reportgen.dataset.load import inspect_folder, load_dataset
from reportgen.dataset.workbook import cell_text

BASE = Path(__file__).resolve().parent / "inputs" / "base"
SOURCES = ("counties", "centres", "users", "survey", "population")
FIX_ZERO = "Fix: store the codes as text (in Excel: format the column as Text)"


def as_excel_value(text: str, column: int):
    """What Excel stores when a person types ``text``: digits become numbers."""
    if not text.isdigit():
        return text
    return float(text) if column >= 4 else int(text)


def write_workbook(path: Path, edit=None) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in SOURCES:
        sheet = book.create_sheet(f" {name.capitalize()} ")
        with open(BASE / f"{name}.csv", encoding="utf-8", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        sheet.append(header)
        for row in rows:
            sheet.append([as_excel_value(text, i) for i, text in enumerate(row)])
        if edit:
            edit(name, sheet)
    book.save(path)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("data").mkdir()
    return Path("data")


def test_workbook_gives_the_same_values_as_the_csv_files(folder):
    write_workbook(folder / "data.xlsx")
    inspection = inspect_folder(folder)
    base = load_dataset(BASE)
    assert all(inspection.dataset.frames[n].equals(base.frames[n]) for n in SOURCES)
    assert inspection.files["centres"] == "data/data.xlsx, sheet ' Centres '"
    assert inspection.detected["centres"] == "Excel workbook"
    assert [str(p) for p in inspection.problems if "Centres" in p.file] == [
        "data/data.xlsx, sheet ' Centres ', row 7, column 'centre_id': has lost its leading "
        f"zero and is read as '0301' (value '301'). {FIX_ZERO}",
        "data/data.xlsx, sheet ' Centres ', row 7, column 'county_code': has lost its "
        f"leading zero and is read as '03' (value '3'). {FIX_ZERO}",
    ]
    assert str(inspection.problems[-1]) == (
        "data/data.xlsx, sheet ' Users ', row 36, column 'county_code': has lost its leading "
        f"zero and is read as '03'; so were 16 more cells in this column (value '3'). {FIX_ZERO}"
    )
    assert all(p.severity == "warning" for p in inspection.problems)


def test_fractional_float_and_text_cells_in_a_workbook(folder):
    def edit(name, sheet):
        if name == "centres":
            sheet["E3"] = 416.5
            sheet["F3"] = "mange"

    write_workbook(folder / "data.xlsx", edit)
    errors = [str(p) for p in inspect_folder(folder).errors]
    assert errors == [
        "data/data.xlsx, sheet ' Centres ', row 3, column 'unique_users': is not a whole "
        "number (value '416.5'). Fix: write a whole number of 0 or more, without decimals",
        "data/data.xlsx, sheet ' Centres ', row 3, column 'individual_conversations': is not "
        "a number (value 'mange'). Fix: write a whole number such as 1354 or 1 354",
    ]


def test_csv_file_wins_over_the_sheet_with_a_warning(folder):
    write_workbook(folder / "data.xlsx")
    (folder / "survey.csv").write_bytes((BASE / "survey.csv").read_bytes())
    inspection = inspect_folder(folder)
    assert inspection.detected["survey"] == "UTF-8, comma-separated"
    assert (
        "data/data.xlsx: sheet 'survey' is ignored because survey.csv is read instead. "
        "Fix: delete survey.csv or the sheet, so there is one source"
        in map(str, inspection.problems)
    )


def test_broken_workbook(folder):
    (folder / "data.xlsx").write_bytes(b"not a zip file")
    assert [str(p) for p in inspect_folder(folder).problems] == [
        "data/data.xlsx: cannot be read as an Excel workbook. "
        "Fix: open it in Excel and save it again as 'Excel Workbook (.xlsx)'"
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (3, "3"),
        (1354, "1354"),
        (1354.0, "1354"),
        (1354.0000000001, "1354"),
        (12.5, "12.5"),
        (float("nan"), "nan"),
        (True, "TRUE"),
        (" 03 ", "03"),
        ("Ka\u0301ra\u0301s\u030cjohka", "Kárášjohka"),
        (dt.date(2019, 1, 1), "2019-01-01"),
    ],
)
def test_cell_text(value, text):
    assert cell_text(value) == text


def test_empty_sheet_and_workbook_name_in_any_case(folder):
    def edit(name, sheet):
        if name == "population":
            sheet.delete_rows(1, sheet.max_row)

    write_workbook(folder / "Data.XLSX", edit)
    assert [str(p) for p in inspect_folder(folder).errors] == [
        "data/Data.XLSX, sheet ' Population ': is empty: it has no header row. "
        "Fix: write the header row and the data (see data/README.md)"
    ]
