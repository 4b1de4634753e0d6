"""Every chart of the DOCX is a native Word chart holding the numbers the memo shows: one
chart part per figure and no chart picture, its cached values those of the figure's sheet
in the data companion (XLSX), its embedded workbook (what Word's "Edit Data" opens) the
same numbers, its alt text on ``wp:docPr``; a hidden count is in neither; and
``[docx] charts = "picture"`` in theme.toml gives pictures as before."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree
from memos_built import BUILDS, built, docx_files, run
from openxml_audit import OpenXmlValidator, ValidationSeverity

C = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return built(tmp_path_factory)


def charts(path: Path) -> list[dict]:
    """Each chart of the DOCX in reading order: its alt text, its chart XML (root element)
    and its embedded workbook (bytes)."""
    document = docx.Document(str(path))
    found = []
    for frame in document.element.body.iter("{*}inline"):
        chart = frame.find(".//{*}graphicData/{*}chart")
        if chart is None:
            continue
        part = document.part.related_parts[chart.get(qn("r:id"))]
        workbook = part.part_related_by(RT.PACKAGE)
        alt = frame.find("{*}docPr").get("descr", "")
        found.append({"alt": alt, "xml": etree.fromstring(part.blob), "xlsx": workbook.blob})
    return found


def cached(space) -> list[tuple[str, list[str], dict[int, float]]]:
    """(series name, categories, {index: value}) of each series in the chart's caches."""
    series = []
    for ser in space.iterfind(".//c:ser", C):
        name = ser.findtext("c:tx//c:v", namespaces=C)
        names = [pt.findtext("c:v", namespaces=C) for pt in ser.iterfind("c:cat//c:pt", C)]
        values = {
            int(pt.get("idx")): float(pt.findtext("c:v", namespaces=C))
            for pt in ser.iterfind("c:val//c:pt", C)
        }
        series.append((name, names, values))
    return series


def companion(path: Path, number: int) -> tuple[list, list[list]]:
    """Header and rows of sheet «Figur NUMBER» in the memo's data companion (-tall.xlsx)."""
    book = openpyxl.load_workbook(path.with_name(path.stem + "-tall.xlsx"))
    rows = list(book[f"Figur {number}"].iter_rows(min_row=4, values_only=True))
    end = next(i for i, row in enumerate(rows) if not any(v is not None for v in row))
    return list(rows[0]), [list(row) for row in rows[1:end]]


def in_workbook(blob: bytes, reference: str) -> list:
    """The cell values of ``reference`` ("Sheet1!$B$2:$B$6") in the workbook ``blob``."""
    sheet, cells = reference.split("!")
    book = openpyxl.load_workbook(io.BytesIO(blob))
    found = book[sheet][cells.replace("$", "")]
    return [
        cell.value for row in (found if isinstance(found, tuple) else ((found,),)) for cell in row
    ]


@pytest.mark.parametrize("build", BUILDS)
def test_each_figure_is_a_native_chart_with_the_companions_numbers(root, build):
    files = docx_files(root, build)
    assert len(files) == (1 if build in ("nb", "nn") else 15 if build == "counties-2024" else 18)
    for path in files:
        found = charts(path)
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
        assert not [n for n in names if n.startswith("word/media/")], path.name  # no picture
        assert len([n for n in names if re.fullmatch(r"word/charts/chart\d+\.xml", n)]) == len(
            found
        )
        book = openpyxl.load_workbook(path.with_name(path.stem + "-tall.xlsx"))
        assert len(found) == len([s for s in book.sheetnames if s.startswith("Figur ")]) >= 1
        for number, chart in enumerate(found, start=1):
            assert len(chart["alt"]) > 40, f"{path.name} Figur {number}: no alt text"
            header, rows = companion(path, number)
            series = cached(chart["xml"])
            assert [name for name, _, _ in series] == header[1:]
            for column, (_, categories, values) in enumerate(series, start=1):
                assert categories == [str(row[0]) for row in rows]
                shown = {i: row[column] for i, row in enumerate(rows)}
                numbers = {i: v for i, v in shown.items() if isinstance(v, int | float)}
                assert values.keys() == numbers.keys()
                # the workbook keeps a whole-percent share to one decimal, which rounds to it
                assert all(abs(values[i] - numbers[i]) <= 0.5 for i in numbers), path.name
                assert all(v in (":", "..") for i, v in shown.items() if i not in values)


@pytest.mark.parametrize("build", ["nb", "counties-2024"])
def test_embedded_workbook_holds_the_charts_numbers_and_is_valid(root, build, tmp_path):
    for path in docx_files(root, build)[:3]:
        for number, chart in enumerate(charts(path), start=1):
            for ser, (name, categories, values) in zip(
                chart["xml"].iterfind(".//c:ser", C), cached(chart["xml"])
            ):
                refs = [ser.findtext(f"c:{tag}//c:f", namespaces=C) for tag in ("tx", "cat", "val")]
                assert in_workbook(chart["xlsx"], refs[0]) == [name]
                assert in_workbook(chart["xlsx"], refs[1]) == categories
                cells = in_workbook(chart["xlsx"], refs[2])
                assert {i: v for i, v in enumerate(cells) if v is not None} == values
            embedded = tmp_path / f"{path.stem}-{number}.xlsx"
            embedded.write_bytes(chart["xlsx"])
            errors = OpenXmlValidator(max_errors=0).validate(embedded).errors
            assert not [e for e in errors if e.severity is ValidationSeverity.ERROR]


def test_a_hidden_count_is_in_neither_the_chart_nor_its_workbook(tmp_path):
    """Finnmark 2018: the county's shares of «Grunnskole» and «Fagskole» are hidden (":")."""
    done = run(["memo", "--year", "2018", "--county", "20", "--formats", "docx,xlsx"], tmp_path)
    assert done.returncode == 0, done.stderr
    path = next((tmp_path / "output" / "2018" / "fylker").glob("*.docx"))
    header, rows = companion(path, 2)
    assert header[1] == "Finnmark" and [row[1] for row in rows].count(":") == 2
    chart = charts(path)[1]
    county = chart["xml"].find(".//c:ser", C)
    cache = [int(pt.get("idx")) for pt in county.iterfind("c:val//c:pt", C)]
    assert cache == [i for i, row in enumerate(rows) if row[1] != ":"]
    assert county.find("c:val//c:ptCount", C).get("val") == str(len(rows))
    cells = in_workbook(chart["xlsx"], county.findtext("c:val//c:f", namespaces=C))
    assert [cell is None for cell in cells] == [row[1] == ":" for row in rows]
    sheet = openpyxl.load_workbook(io.BytesIO(chart["xlsx"]))["Sheet1"]
    numbers = [
        c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, int | float)
    ]
    assert len(numbers) == 2 * len(rows) - 2  # the country's four, the county's two shown
    notes = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(": = vises ikke av personvernhensyn" in note for note in notes)


def test_theme_may_ask_for_pictures(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "theme.toml").write_text('[docx]\ncharts = "picture"\n', encoding="utf-8")
    args = ["memo", "--year", "2019", "--formats", "docx", "--templates", "mine"]
    assert run(args, tmp_path).returncode == 0
    path = next((tmp_path / "output" / "2019").glob("*.docx"))
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    assert not [n for n in names if n.startswith("word/charts/")]
    assert len([n for n in names if n.startswith("word/media/")]) == 5
    assert charts(path) == []


def test_a_misspelt_choice_names_the_line_and_the_fix(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "theme.toml").write_text('[docx]\ncharts = "svg"\n', encoding="utf-8")
    done = run(["memo", "--year", "2019", "--templates", "mine"], tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines(keepends=True)[-2:] == [
        f"Error: {mine / 'theme.toml'}, line 2: [docx] charts: 'svg' is not a way to put "
        "charts in the DOCX\n",
        '  Fix: write "native" or "picture"\n',
    ]
    assert not (tmp_path / "output").exists()
