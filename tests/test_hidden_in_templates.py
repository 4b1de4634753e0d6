"""Hidden values in a county template the analysts wrote (issue 22): a share or count
hidden for confidentiality is none, so arithmetic with it stops ``check`` with a message
saying so (not Python's), ``share_of`` gives a combined share that is none when a part is
hidden, and ``chart:age_group`` draws a hidden age group as ":" in the chart, its table,
the HTML page, the DOCX's native chart, the XLSX and the CSV: never as 0 %."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import DATA
from lxml import etree

REPORTGEN = str(Path(sys.executable).parent / "reportgen")
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
AGE = """
# Alder

![Stolpediagram over brukerne etter alder](chart:age_group "Brukere etter alder i {{ year }}")

{% set young = f.age_group.share_of(["under_20", "20_29"]) -%}
{% if young is none %}Andelen under 30 år vises ikke.{% else %}Under 30 år: {{ young|pct }}.
{%- endif %}
"""
SUM = '{{ f.age_group.share("under_20") + f.age_group.share("20_29") }}\n'
# The age groups as the county memos show them (percent of users; ":" hidden)
AGES = {
    "20": [["Under 20 år", ":"], ["20–29 år", "32"], ["30–39 år", "27"], ["40–49 år", "23"],
           ["50 år og over", ":"]],
    "03": [["Under 20 år", ":"], ["20–29 år", "34"], ["30–39 år", "29"], ["40–49 år", "17"],
           ["50 år og over", ":"]],
}  # fmt: skip


def _reportgen(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([REPORTGEN, *args], cwd=cwd, capture_output=True, text=True)


def _templates(folder: Path, extra: str) -> Path:
    folder.mkdir()
    text = (TEMPLATES / "county.nb.md").read_text(encoding="utf-8")
    (folder / "county.nb.md").write_text(text + extra, encoding="utf-8")
    return folder


def test_adding_a_hidden_share_is_a_template_message_not_a_python_error(tmp_path):
    folder = _templates(tmp_path / "mine", AGE + SUM)
    line = len((folder / "county.nb.md").read_text(encoding="utf-8").splitlines())
    done = _reportgen("check", "--year", "2019", "--data", str(DATA), "--templates", "mine",
                      cwd=tmp_path)  # fmt: skip
    assert done.returncode == 2
    assert done.stdout == (
        "Checked 38 memos: 1 problem(s).\n"
        f"- {folder / 'county.nb.md'}, line {line}: a number on this line is none: hidden "
        "for confidentiality (:) or not in the data, so it cannot be added, subtracted or "
        "compared\n"
        "  Fix: test each number with 'is none' first, or add shares with share_of, e.g. "
        'f.age_group.share_of(["under_20", "20_29"]), which is none when one is hidden\n'
        "  (memos: 2019 nb 03, 2019 nb 20)\n"
    )
    assert "NoneType" not in done.stdout + done.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Finnmark's and Oslo's 2019 memos with the age chart, in every format."""
    root = tmp_path_factory.mktemp("ages")
    _templates(root / "mine", AGE)
    for code in AGES:
        done = _reportgen("memo", "--year", "2019", "--county", code, "--data", str(DATA),
                          "--templates", "mine", "-o", "out", cwd=root)  # fmt: skip
        assert done.returncode == 0, done.stderr
    return root / "out" / "2019" / "fylker"


def _path(built: Path, code: str, suffix: str) -> Path:
    return next(built.glob(f"{code}-*-2019-nb{suffix}"))


@pytest.mark.parametrize("code", AGES)
def test_hidden_age_groups_are_a_colon_in_csv_and_xlsx(built, code):
    figure = sorted((built / "tall").glob(f"{code}-*-figur-*.csv"))[-1]
    rows = list(csv.reader(figure.open(encoding="utf-8-sig"), delimiter=";"))
    assert rows == [["Alder", "Andel"], *AGES[code]]
    sheet = openpyxl.load_workbook(_path(built, code, "-tall.xlsx")).worksheets[-1]
    values = [list(r) for r in sheet.iter_rows(min_row=5, max_row=9, values_only=True)]
    # the workbook keeps a share to one decimal, which rounds to the whole percent shown
    # one decimal in the workbook (23.5 where the memo, rounding the exact share, shows 23)
    assert [name for name, _ in values] == [name for name, _ in AGES[code]]
    for (_, kept), (_, shown) in zip(values, AGES[code]):
        assert kept == ":" if shown == ":" else abs(Decimal(str(kept)) - Decimal(shown)) <= 0.5
    assert any(isinstance(s, float) and s != int(s) for _, s in values)  # one decimal kept
    assert sheet.cell(11, 1).value.startswith("Tegnforklaring: : = vises ikke av personvern")


def _percent(share: str) -> str:
    return share if share == ":" else f"{share}\xa0%"


@pytest.mark.parametrize("code", AGES)
def test_hidden_age_groups_are_a_colon_in_the_drawn_chart_and_the_page(built, code):
    page = _path(built, code, ".html").read_text(encoding="utf-8")
    figure = page[page.index("<h2>Alder</h2>") :]
    labels = re.findall(r"<text [^>]*>([^<]*)</text>", figure[: figure.index("</svg>")])
    assert labels[:5] == [_percent(share) for _, share in AGES[code][::-1]]
    cells = re.findall(r'<td class="num">([^<]*)</td>', figure)
    assert cells == [_percent(share) for _, share in AGES[code]]
    assert "<p>Andelen under 30\xa0år vises ikke.</p>" in page


@pytest.mark.parametrize("code", AGES)
def test_hidden_age_groups_are_a_colon_without_a_bar_in_the_word_chart(built, code):
    """The chart's cache holds 0 (no bar) where a share is hidden, labelled ":" as in the
    drawn chart; Office stores a bar chart bottom-up, so its points are read backwards."""
    with zipfile.ZipFile(_path(built, code, ".docx")) as docx:
        parts = sorted(n for n in docx.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n))
        chart = etree.fromstring(docx.read(parts[-1]))
    c = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
    ser, last = chart.find(".//c:ser", c), len(AGES[code]) - 1
    values = {
        last - int(pt.get("idx")): pt.findtext("c:v", namespaces=c)
        for pt in ser.iterfind("c:val//c:pt", c)
    }
    marks = {
        last - int(label.find("c:idx", c).get("val")): "".join(label.find("c:tx", c).itertext())
        for label in ser.iterfind("c:dLbls/c:dLbl", c)
    }
    hidden = {i for i, (_, share) in enumerate(AGES[code]) if share == ":"}
    shown = {i: int(share) for i, (_, share) in enumerate(AGES[code]) if share != ":"}
    assert marks == dict.fromkeys(hidden, ":")
    assert {i: round(float(v)) for i, v in values.items()} == {**shown, **dict.fromkeys(hidden, 0)}
