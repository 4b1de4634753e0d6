"""Disclosure control end to end (review turn 3, C14 and C15): the CLI is run as a user
runs it on the edited data of ``disclosure_cases``, and every file it writes is read back
as text: PDF (pypdf), DOCX (python-docx), HTML, XLSX (openpyxl), CSV, index.json,
index.html and manifest.json. No hidden count is printed, and none can be computed from
what is printed (a total less the shown parts, a share of a shown total)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import docx
import numpy as np
import openpyxl
import pypdf
import pytest
from disclosure_cases import (
    county_survey_of_37,
    exposed_cells,
    national_survey_of_six,
    one_user_county,
)

from reportgen.language.base import round_half_up

REPORTGEN = str(Path(sys.executable).parent / "reportgen")
SMALL = range(1, 5)
NUMBER = re.compile(r"(?<![\d,])(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,\d+)?(?!\d)")
ONE_PERSON = re.compile(r"\bhadde\s+(1|én|en|ein|éin)\s+person\b", re.IGNORECASE)


def run(*args: str) -> None:
    done = subprocess.run([REPORTGEN, *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def build(tmp_path_factory, make, *commands) -> Path:
    """The output folder of ``commands`` (each a list of CLI arguments) on ``make``'s data."""
    folder = tmp_path_factory.mktemp("disclosure")
    data = make(folder)
    for command in commands:
        run(*command, "--data", str(data), "--output", str(folder / "out"))
    return folder / "out" / "2019"


class _Text(HTMLParser):
    """The text of an HTML page (SVG <text> included; no style, script or attributes)."""

    INLINE = ("span", "a", "b", "i", "em", "strong", "abbr")  # text runs on through these

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip, self._glue = 0, False

    def handle_starttag(self, tag, attrs) -> None:
        self._skip += tag in ("style", "script")
        self._glue = self._glue and tag in self.INLINE

    def handle_endtag(self, tag) -> None:
        self._skip -= tag in ("style", "script")
        self._glue = self._glue and tag in self.INLINE

    def handle_data(self, data) -> None:
        if self._skip:
            return
        if self._glue and self.parts:
            self.parts[-1] += data
        else:
            self.parts.append(data)
        self._glue = True  # text after it runs on, unless a tag other than INLINE comes


def text_of(path: Path) -> str:
    """The text a reader gets from ``path``, by its kind."""
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    if path.suffix == ".docx":
        document = docx.Document(str(path))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        rows = (row for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
        return "\n".join(";".join("" if v is None else str(v) for v in row) for row in rows)
    if path.suffix == ".html":
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8"))
        return "\n".join(parser.parts)
    return path.read_text(encoding="utf-8")


def published(folder: Path) -> dict[str, str]:
    """Every file written under ``folder`` (but the lock) as text, by relative path."""
    return {
        str(p.relative_to(folder)): text_of(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def numbers(text: str) -> list[Decimal]:
    """Every number in ``text`` as printed in Norwegian ("20 598", "9,7") or by a machine."""
    found = [
        Decimal(re.sub(r"[ \u00a0\u202f]", "", n).replace(",", ".")) for n in NUMBER.findall(text)
    ]
    return found + [Decimal(n) for n in re.findall(r"(?<![\d.])\d+\.\d+(?![\d.])", text)]


def csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter=";"))


def cells(text: str) -> str:
    """``text`` as ";cell;cell;…;": a piece per line or CSV cell, blanks dropped, a no-break
    space read as a space (a county's name keeps its forms together with them)."""
    pieces = (piece.strip() for piece in re.split(r"[\n;|\t]", text.replace("\u00a0", " ")))
    return ";" + ";".join(piece for piece in pieces if piece) + ";"


# C15 ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def one_user(tmp_path_factory) -> Path:
    """Oslo with 1 user (Finnmark, 149, hidden beside it): the national memo, and the
    batch of Oslo's and Finnmark's memos with index.json and index.html."""
    return build(
        tmp_path_factory,
        one_user_county,
        ["memo", "--year", "2019"],
        ["batch", "--year", "2019", "--county", "03", "--county", "20"],
    )


def test_no_format_prints_the_hidden_counts(one_user):
    """Finnmark's 149 (hidden so that the national total does not give Oslo's 1 back)
    appears in no file, and no text says «1 person»; Oslo's share (0,0 %) and rate
    (0,0 per 1 000) are not printed either."""
    files = published(one_user)
    assert len([f for f in files if f.endswith((".pdf", ".docx", ".xlsx", ".csv"))]) >= 9
    for name, text in files.items():
        assert Decimal(149) not in numbers(text), name
        assert not ONE_PERSON.search(text), name
        assert "0,0" not in NUMBER.findall(text), name


@pytest.mark.parametrize(
    "name",
    ["karriereveiledning-2019-nb.pdf", "karriereveiledning-2019-nb.docx",
     "karriereveiledning-2019-nb.html", "karriereveiledning-2019-nb-tall.xlsx",
     "tall/karriereveiledning-2019-nb-tabell-1.csv"],
)  # fmt: skip
def test_national_table_hides_oslo_and_its_partner(one_user, name):
    """«Tabell 1»: users, change and share are ":" for Oslo and Finnmark in every format."""
    text = cells(text_of(one_user / name))
    assert ";Oslo;1;:;:;:;" in text
    assert ";Finnmark – Finnmárku;3;:;:;:;" in text


def test_national_table_gives_no_hidden_count_back(one_user):
    """The national total less the shown counties leaves two hidden counties (no single
    one follows), and the shown shares of the shown total give only shown counts."""
    rows = csv_rows(one_user / "tall" / "karriereveiledning-2019-nb-tabell-1.csv")[1:]
    counties, total = rows[:-1], rows[-1]
    hidden = np.array([[row[2] == ":"] for row in counties])
    assert hidden.sum() == 2 and exposed_cells(hidden, row_totals=False) == []
    for row in counties:
        assert (row[2] == ":") == (row[3] == ":") == (row[4] == ":")
    shown = sum(int(row[2]) for row in counties if row[2] != ":")
    assert int(total[2]) - shown == 1 + 149  # Oslo and Finnmark together, neither alone


@pytest.mark.parametrize("form", ["csv", "xlsx", "html", "docx", "pdf"])
def test_county_table_hides_the_sum_too(one_user, form):
    """Oslo's «Tabell 1»: the centre and «Sum fylket» both ":" (the sum gave it back)."""
    stem = "03-oslo-2019-nb"
    path = {
        "csv": one_user / "fylker" / "tall" / f"{stem}-tabell-1.csv",
        "xlsx": one_user / "fylker" / f"{stem}-tall.xlsx",
    }.get(form, one_user / "fylker" / f"{stem}.{form}")
    text = cells(text_of(path))
    assert ";Karriere Oslo;:;608;32;" in text and ";Sum fylket;:;608;32;" in text


def test_indexes_and_manifest_hide_the_counts(one_user):
    """index.json has no figure of the hidden counties, index.html says why, and the
    manifest's key figures say «not shown»."""
    counties = {
        c["code"]: c
        for c in json.loads((one_user / "fylker" / "index.json").read_text())["counties"]
    }
    for code in ("03", "20"):
        figures = counties[code]
        assert figures["error"] is None and figures["comparison"] in ("hidden", "missing")
        for key in ("unique_users", "change_from_previous_year_pct", "share_of_country_pct",
                    "users_per_1000"):  # fmt: skip
            assert figures[key] is None, (code, key)
    page = text_of(one_user / "index.html")
    assert "Oslo: antallet brukere vises ikke av personvernhensyn (:)" in page
    assert "Finnmark: antallet brukere vises ikke av personvernhensyn (:)" in page
    memos = json.loads((one_user / "fylker" / "manifest.json").read_text())["memos"]
    for stem in ("03-oslo-2019-nb", "20-finnmark-2019-nb"):
        figures = {r["figure"]: r for r in memos[stem]["key_figures"]}
        assert figures["unique_users"]["value"] is None
        assert figures["unique_users"]["operation"].startswith("not shown: hidden for")


def test_county_text_and_article_say_the_count_is_hidden(one_user):
    for name in ("03-oslo-2019-nb.html", "03-oslo-2019-nb-artikkel.html"):
        text = text_of(one_user / "fylker" / name)
        assert "Antallet brukere det første året vises ikke av personvernhensyn." in text


def test_a_template_that_prints_a_hidden_count_stops_with_a_message(one_user, tmp_path):
    """A template that prints Oslo's hidden count without testing it: exit 2, the file and
    line, and why; nothing written."""
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "county.nb.md").write_text("# Hovedfunn\n\n{{ f.users.current|num }} brukere.\n")
    data, out = one_user.parent.parent / "data", tmp_path / "out"
    done = subprocess.run(
        [REPORTGEN, "memo", "--year", "2019", "--county", "03", "--data", str(data),
         "--templates", str(folder), "--output", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and not out.exists()
    why = "there is no number to write here: it is hidden for confidentiality (:)"
    assert f"Error: {folder / 'county.nb.md'}, line 3: {why}" in done.stderr


# C14 ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def six_answers(tmp_path_factory) -> Path:
    """The 2019 survey of only Oslo's 6 answers: the national memo and Oslo's."""
    return build(
        tmp_path_factory,
        national_survey_of_six,
        ["memo", "--year", "2019"],
        ["memo", "--year", "2019", "--county", "03"],
    )


def test_a_national_survey_of_six_answers_is_not_shown(six_answers):
    """No share, no chart and no N from 6 answers nationally; the memo says why."""
    files = published(six_answers)
    for name, text in files.items():
        assert "Svært fornøyd" not in text and "N = 6" not in text, name
        assert "seks personer" not in text and "100 prosent" not in text, name
    national = text_of(six_answers / "karriereveiledning-2019-nb.pdf")
    assert "Færre enn ti personer svarte på brukerundersøkelsen i 2019" in national
    memos = json.loads((six_answers / "manifest.json").read_text())["memos"]
    figures = {r["figure"]: r["value"] for r in memos["karriereveiledning-2019-nb"]["key_figures"]}
    assert figures["satisfied_share_pct"] is None


@pytest.fixture(scope="module")
def answers_37(tmp_path_factory) -> Path:
    """Finnmark's 37 answers (21, 13, 2, 1, 0): its memo."""
    return build(
        tmp_path_factory, county_survey_of_37, ["memo", "--year", "2019", "--county", "20"]
    )


def _survey_rows(folder: Path, form: str) -> list[list[str]]:
    """The rows of the survey chart's numbers (answer, Finnmark, Hele landet)."""
    stem = folder / "fylker" / "20-finnmark-2019-nb"
    if form == "csv":
        found = [csv_rows(p) for p in sorted(folder.glob("fylker/tall/*-figur-*.csv"))]
        return next(rows for rows in found if rows[0][0] == "Svar")[1:]
    if form == "xlsx":
        books = openpyxl.load_workbook(stem.with_name(stem.name + "-tall.xlsx"))
        sheet = next(s for s in books.worksheets if s["A4"].value == "Svar")
        return [
            [str(v) for v in row[:3]]
            for row in sheet.iter_rows(min_row=5, values_only=True)
            if row[1] is not None
        ]
    text = text_of(stem.with_suffix(".html"))
    start = text.index("Svar\n")  # the numbers' table, its notes stand under the chart
    cells = [c.strip() for c in text[start : text.index("\n\n", start)].split("\n")]
    return [cells[i : i + 3] for i in range(3, len(cells), 3)]


@pytest.mark.parametrize("form", ["csv", "xlsx", "html"])
def test_county_shares_of_few_answers_are_hidden(answers_37, form):
    """The answers of 2 and 1 persons (5 % and 3 % of 37) are ":", and no shown share of
    the 37 gives back a count of 1–4, nor does 100 % less the shown shares (two hidden)."""
    rows = {row[0]: row[1] for row in _survey_rows(answers_37, form)}
    assert rows["Verken fornøyd eller misfornøyd"] == rows["Ganske misfornøyd"] == ":"
    shown = {
        k: Decimal(v.replace(",", ".").rstrip(" %\u00a0")) for k, v in rows.items() if v != ":"
    }
    assert set(shown) == {"Svært fornøyd", "Ganske fornøyd", "Svært misfornøyd"}
    for share in shown.values():
        places = -int(share.as_tuple().exponent)  # 0 as printed, 1 in the workbook
        counts = {k for k in range(38) if round_half_up(Decimal(100 * k) / 37, places) == share}
        assert not counts <= set(SMALL), f"{share} % of 37 gives a count of {counts} back"
    assert len(rows) - len(shown) >= 2


def test_county_survey_chart_explains_the_hidden_answers(answers_37):
    """Under the chart, in every edition: the legend of ":" (in print beside N = 37)."""
    legend = "Tegnforklaring: : = vises ikke av personvernhensyn (færre enn fem personer"
    for suffix in (".pdf", ".docx", ".html"):
        text = " ".join(text_of(answers_37 / "fylker" / f"20-finnmark-2019-nb{suffix}").split())
        assert "I Finnmark svarte 37 personer på brukerundersøkelsen." in text
        after = text[text.index("Hvor fornøyde brukerne var") :]
        assert legend in after, suffix
        assert suffix == ".html" or "N = 37 i fylket" in after, suffix
