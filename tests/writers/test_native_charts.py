"""Every chart of the DOCX is a native Word chart holding the numbers the memo shows: one
chart part per figure and no chart picture, its cached values those of the figure's sheet
in the data companion (XLSX), its embedded workbook (what Word's "Edit Data" opens) the
same numbers, its alt text on ``wp:docPr``; a hidden count is in neither (its ":" is a
label on an empty bar); a bar chart's key lists the series as its bars stand; and
``[docx] charts = "picture"`` in theme.toml gives pictures as before."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import require_tool
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree
from memos_built import BUILDS, built, docx_files, run
from openxml_audit import OpenXmlValidator, ValidationSeverity

C = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>')  # pdftotext -bbox


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
    """(series name, categories, {index: value}) of each series in the chart's caches, in
    the XML's order; a point labelled with a symbol (":", "..") is no value: it only
    carries that label (``labels``)."""
    series = []
    for ser in space.iterfind(".//c:ser", C):
        name = ser.findtext("c:tx//c:v", namespaces=C)
        names = [pt.findtext("c:v", namespaces=C) for pt in ser.iterfind("c:cat//c:pt", C)]
        values = {
            int(pt.get("idx")): float(pt.findtext("c:v", namespaces=C))
            for pt in ser.iterfind("c:val//c:pt", C)
        }
        marked = [i for i, text in labels(ser).items() if text in (":", "..")]
        series.append((name, names, {i: v for i, v in values.items() if i not in marked}))
    return series


def labels(ser) -> dict[int, str]:
    """{point index: its own label text} of a series (``c:dLbl`` with ``c:tx``)."""
    return {
        int(label.find("c:idx", C).get("val")): "".join(label.itertext()).strip()
        for label in ser.iterfind("c:dLbls/c:dLbl", C)
        if label.find("c:tx", C) is not None
    }


def top_down(space) -> list[tuple[str, list[str], dict[int, float]]]:
    """``cached`` in the order a reader sees the bars: Office draws a bar chart's first
    category and series at the bottom, so its series and categories are read backwards."""
    series = cached(space)
    if space.find(".//c:barDir", C).get("val") != "bar":
        return series
    return [
        (name, names[::-1], {len(names) - 1 - i: v for i, v in values.items()})
        for name, names, values in reversed(series)
    ]


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
            series = top_down(chart["xml"])
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
    county = chart["xml"].findall(".//c:ser", C)[-1]  # bottom-up: the county's bars on top
    assert county.findtext("c:tx//c:v", namespaces=C) == "Finnmark"
    last = len(rows) - 1
    hidden = {last - i for i, row in enumerate(rows) if row[1] == ":"}
    cache = {
        int(pt.get("idx")): pt.findtext("c:v", namespaces=C)
        for pt in county.iterfind("c:val//c:pt", C)
    }
    assert cache.keys() == set(range(len(rows)))
    assert {i: v for i, v in cache.items() if i in hidden} == dict.fromkeys(hidden, "0.0")
    assert labels(county) == dict.fromkeys(hidden, ":")
    assert county.find("c:val//c:ptCount", C).get("val") == str(len(rows))
    cells = in_workbook(chart["xlsx"], county.findtext("c:val//c:f", namespaces=C))
    assert [cell is None for cell in cells] == [i in hidden for i in range(len(rows))]
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


@pytest.mark.parametrize("build", ["nb", "counties-2024"])
def test_a_bar_chart_holds_its_bars_bottom_up_with_a_value_or_mark_for_each(root, build):
    """Word and LibreOffice list a bar chart's key as its bars stand only when its category
    axis keeps its own order (no ``c:orientation maxMin``): the series and categories are
    then stored bottom-up, the reading order backwards (the county, drawn on top, last).
    Every series has a point for every category: its number, or 0 with the label ":"."""
    bar_charts = 0
    for path in docx_files(root, build):
        for number, chart in enumerate(charts(path), start=1):
            space = chart["xml"]
            if space.find(".//c:barDir", C).get("val") != "bar":
                continue
            bar_charts += 1
            header, rows = companion(path, number)
            assert space.find(".//c:catAx/c:scaling/c:orientation", C).get("val") == "minMax"
            sers = space.findall(".//c:ser", C)
            assert [ser.findtext("c:tx//c:v", namespaces=C) for ser in sers] == header[:0:-1]
            for column, ser in enumerate(reversed(sers), start=1):
                assert [int(o.get("val")) for o in ser.iterfind("c:order", C)] == [
                    len(sers) - column
                ]
                names = [pt.findtext("c:v", namespaces=C) for pt in ser.iterfind("c:cat//c:pt", C)]
                assert names == [str(row[0]) for row in reversed(rows)]
                points = {int(pt.get("idx")) for pt in ser.iterfind("c:val//c:pt", C)}
                assert points == set(range(len(rows))), (path.name, number, header[column])
                shown = [row[column] for row in reversed(rows)]
                marks = {i: v for i, v in enumerate(shown) if not isinstance(v, int | float)}
                symbols = {i: t for i, t in labels(ser).items() if t in (":", "..")}
                assert symbols == marks, (path.name, number)
    assert bar_charts >= (3 if build == "nb" else 30)


def test_libreoffice_lists_the_key_as_the_bars_stand(tmp_path):
    """Troms 2024, Figur 2 in LibreOffice: the key reads «Troms», «Hele landet» left to
    right; Troms's bar of «Svært fornøyd» (58 %) stands above the country's (59 %); and
    the three categories where Troms's share is hidden show ":" beside the country's bar."""
    soffice = require_tool("soffice", "libreoffice-writer-nogui")
    pdftotext = require_tool("pdftotext", "poppler-utils")
    done = run(["memo", "--year", "2024", "--county", "55", "--formats", "docx"], tmp_path)
    assert done.returncode == 0, done.stderr
    docx_path = next((tmp_path / "output" / "2024" / "fylker").glob("*.docx"))
    convert = [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
    subprocess.run([*convert, str(docx_path)], check=True, capture_output=True, timeout=300)
    pdf = tmp_path / (docx_path.stem + ".pdf")
    page = subprocess.run(
        [pdftotext, "-f", "2", "-l", "2", "-bbox", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    words = [(m[3], float(m[1]), float(m[2])) for m in WORD.finditer(page)]
    top = next(y for text, _, y in words if text == "Svært")  # the first category
    key = [(x, text) for text, x, y in words if y < top and text in ("Troms", "Hele")]
    assert [text for _, text in sorted(key)][-2:] == ["Troms", "Hele"]
    y_of = {text: y for text, _, y in words if text in ("58", "59")}
    assert y_of["58"] < y_of["59"]
    assert [text for text, _, _ in words].count(":") >= 3
