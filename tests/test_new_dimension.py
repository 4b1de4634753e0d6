"""A dimension neither the code nor the shipped labels know (issue 22): a copy of the data
gets a ``channel`` dimension in users.csv (four categories; Hordaland 2019 has 3 users by
e-mail), the analyst adds its names to labels.nb.toml and the chart and table to the
county template, and the memo shows both in PDF, DOCX, HTML, XLSX and CSV with no code
change; the small count is ":" everywhere (and a second count with it, so the first
cannot be computed back). A dimension or category the labels do not name, or a misspelt
dimension, stops ``check`` with the file, the value and the entry to add."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import DATA, require_tool
from lxml import etree

REPORTGEN = str(Path(sys.executable).parent / "reportgen")
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
CHANNELS = {"in_person": 75, "video": 15, "phone": 20, "email": 5}  # percent of users
LABELS = """[channel]
in_person = "Oppmøte"
video = "Video"
phone = "Telefon"
email = "E-post"

[data]
category_channel = "Kanal"
"""
LINES = """
![Stolpediagram over brukerne etter kanal](chart:distribution?dimension=channel "Brukere etter \
kanal i {{ year }}")

{{ table("distribution?dimension=channel", "Brukere etter kanal i " ~ year) }}
"""
# Hordaland 2019: 2 140 users, 1 388 in person, 321 by video, 428 by phone, 3 by e-mail
FIGURE = [["Kanal", "Andel"], ["Oppmøte", "65"], ["Video", ":"], ["Telefon", "20"],
          ["E-post", ":"]]  # fmt: skip
TABLE = [["Kanal", "Unike brukere", "Andel"], ["Oppmøte", "1388", "65"], ["Video", ":", ":"],
         ["Telefon", "428", "20"], ["E-post", ":", ":"]]  # fmt: skip


def with_channels(folder: Path) -> Path:
    """A copy of the shipped data whose users.csv has a channel row per county-year and
    category, summing to the county's users (in person takes the rest)."""
    shutil.copytree(DATA, folder)
    path = folder / "users.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    users: dict[tuple[str, str], int] = {}
    for year, county, dimension, _, persons, *_service in rows[1:]:
        if dimension == "gender" and county:  # the centres' rows (a service's have no county)
            users[year, county] = users.get((year, county), 0) + int(persons)
    for (year, county), n in users.items():
        counts = {c: n * p // 100 for c, p in CHANNELS.items()}
        counts["email"] = 3 if (year, county) == ("2019", "12") else counts["email"]
        counts["in_person"] = n - sum(counts.values()) + counts["in_person"]
        rows += [[year, county, "channel", c, str(k)] for c, k in counts.items()]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return folder


def _reportgen(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([REPORTGEN, *args], cwd=cwd, capture_output=True, text=True)


def _templates(folder: Path, labels: str = LABELS) -> Path:
    folder.mkdir()
    text = (TEMPLATES / "county.nb.md").read_text(encoding="utf-8")
    (folder / "county.nb.md").write_text(text + LINES, encoding="utf-8")
    (folder / "labels.nb.toml").write_text(labels, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hordaland(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("channel")
    with_channels(root / "data")
    _templates(root / "mine")
    done = _reportgen("validate", "--data", "data", cwd=root)
    assert done.returncode == 0 and done.stdout.endswith("No problems found.\n"), done.stdout
    done = _reportgen("memo", "--year", "2019", "--county", "12", "--language", "nb",
                      "--templates", "mine", "-o", "out", cwd=root)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return root / "out" / "2019" / "fylker"


def test_the_templates_readme_gives_these_labels_and_lines():
    readme = (TEMPLATES / "README.md").read_text(encoding="utf-8")
    assert f"```toml\n{LABELS}```" in readme
    assert f"```markdown{LINES}```" in readme


def test_csv_files_hold_the_chart_and_the_table(hordaland):
    def rows(name: str) -> list[list[str]]:
        path = hordaland / "tall" / f"12-hordaland-2019-nb-{name}.csv"
        return list(csv.reader(path.open(encoding="utf-8-sig"), delimiter=";"))

    assert rows("figur-4") == FIGURE
    assert rows("tabell-2") == TABLE


def test_workbook_holds_the_chart_and_the_table(hordaland):
    book = openpyxl.load_workbook(hordaland / "12-hordaland-2019-nb-tall.xlsx")
    figure = [list(r) for r in book["Figur 4"].iter_rows(min_row=4, max_row=8, values_only=True)]
    table = [list(r) for r in book["Tabell 2"].iter_rows(min_row=4, max_row=8, values_only=True)]
    # the workbook keeps a share to one decimal (64.9 for 1 388 of 2 139), which rounds to
    # the whole percent the memo shows
    assert figure[1][1] == 64.9
    assert [[_whole(c) for c in row] for row in figure] == FIGURE
    assert [[_whole(c) for c in row] for row in table] == TABLE
    assert book["Figur 4"]["A1"].value == "Figur 4 Brukere etter kanal i 2019"


def _whole(cell) -> str:
    """A workbook cell as the memo prints it: a number rounded half up to a whole."""
    if isinstance(cell, float | int):
        return str(int(Decimal(str(cell)).quantize(Decimal(1), ROUND_HALF_UP)))
    return cell


def test_pdf_shows_the_chart_and_the_table(hordaland):
    pdftotext = require_tool("pdftotext", "poppler-utils")
    path = hordaland / "12-hordaland-2019-nb.pdf"
    text = subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True, text=True)
    text = text.stdout
    assert "Figur 4: Brukere etter kanal i 2019" in text
    assert "Tabell 2: Brukere etter kanal i 2019" in text
    rows = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
    assert ["Oppmøte 1 388 65 %", "Video : :", "Telefon 428 20 %", "E-post : :"] == [
        row for row in rows if row.split(" ")[0] in ("Oppmøte", "Video", "Telefon", "E-post")
    ]


def test_docx_has_the_native_chart_and_the_table(hordaland):
    path = hordaland / "12-hordaland-2019-nb.docx"
    table = [[c.text for c in row.cells] for row in docx.Document(str(path)).tables[1].rows]
    assert [[c.replace("\u00a0", " ") for c in row] for row in table] == [
        ["Kanal", "Unike brukere", "Andel"], ["Oppmøte", "1 388", "65 %"], ["Video", ":", ":"],
        ["Telefon", "428", "20 %"], ["E-post", ":", ":"],
    ]  # fmt: skip
    with zipfile.ZipFile(path) as package:
        chart = etree.fromstring(package.read("word/charts/chart4.xml"))
    c = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
    names = [pt.findtext("c:v", namespaces=c) for pt in chart.iterfind(".//c:cat//c:pt", c)]
    values = {
        int(pt.get("idx")): float(pt.findtext("c:v", namespaces=c))
        for pt in chart.iterfind(".//c:val//c:pt", c)
    }
    # bottom-up, as Office draws a bar chart; the hidden shares are 0 (no bar) labelled ":"
    assert names == ["E-post", "Telefon", "Video", "Oppmøte"]
    assert values == {0: 0.0, 1: 20.0, 2: 0.0, 3: 65.0}


def test_web_page_shows_the_chart_and_the_table(hordaland):
    page = (hordaland / "12-hordaland-2019-nb.html").read_text(encoding="utf-8")
    figure = page[page.index("Figur 4") :]
    svg = figure[: figure.index("</svg>")]
    labels = re.findall(r"<text [^>]*>([^<]*)</text>", svg)
    assert labels[:4] == [":", "20\u00a0%", ":", "65\u00a0%"]  # bottom to top
    assert labels[4:8] == ["E-post", "Telefon", "Video", "Oppmøte"]
    cells = re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", page[page.index("Tabell 2") :])
    assert cells[:15] == [
        "Kanal", "Unike brukere", "Andel", "Oppmøte", "1\u00a0388", "65\u00a0%", "Video", ":",
        ":", "Telefon", "428", "20\u00a0%", "E-post", ":", ":",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("labels", "line", "message"),
    [
        (
            LABELS.replace('email = "E-post"\n', ""),
            "",
            "users.csv has the category 'email' of 'channel', which labels.nb.toml does not "
            'name\n  Fix: add email = "…" under [channel] in labels.nb.toml in your '
            "templates folder",
        ),
        (
            "",
            "",
            "users.csv has the dimension 'channel', which labels.nb.toml does not name\n"
            "  Fix: add to labels.nb.toml in your templates folder a section [channel] with a "
            'line per category (in_person = "…"), and category_channel = "…" under [data]',
        ),
        (
            LABELS,
            '\n![Kanal](chart:distribution?dimension=chanel "Kanal")\n',
            "users.csv has no dimension 'chanel'\n  Fix: did you mean 'channel'? the "
            "dimensions in the data are: education, age_group, gender, work_situation, channel",
        ),
    ],
)
def test_what_the_labels_lack_is_named_by_check(tmp_path, labels, line, message):
    with_channels(tmp_path / "data")
    folder = _templates(tmp_path / "mine", labels)
    with (folder / "county.nb.md").open("a", encoding="utf-8") as handle:
        handle.write(line)
    done = _reportgen("check", "--year", "2019", "--data", "data", "--templates", "mine",
                      cwd=tmp_path)  # fmt: skip
    assert done.returncode == 2
    lines = (folder / "county.nb.md").read_text(encoding="utf-8").splitlines()
    needle = "dimension=chanel" if line else "dimension=channel"
    number = next(i for i, text in enumerate(lines, 1) if needle in text)
    assert f"- {folder / 'county.nb.md'}, line {number}: {message}\n" in done.stdout


def test_validate_wants_codes_and_warns_of_a_near_twin(tmp_path):
    data = with_channels(tmp_path / "data")
    text = (data / "users.csv").read_text(encoding="utf-8")
    text = text.replace("2019,12,channel,email,3", "2019,12,channel,E-post,3")
    text = text.replace("2015,01,gender,male,", "2015,01,gendr,male,")
    (data / "users.csv").write_text(text, encoding="utf-8")
    done = _reportgen("validate", "--data", "data", cwd=tmp_path)
    assert done.returncode == 2
    row = text.splitlines().index("2019,12,channel,E-post,3") + 1
    assert (
        f"  error: data/users.csv, row {row}, column 'category': is not a code (lowercase "
        "letters a-z, digits and _) (value 'E-post'). Fix: write 'e_post'\n"
    ) in done.stdout
    assert (
        "column 'dimension': is a dimension of its own, but close to 'gender' (value 'gendr')."
        " Fix: write 'gender' if it is the same dimension\n"
    ) in done.stdout
