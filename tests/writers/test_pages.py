"""Pages a designer signs off: the survey section is never cut from its chart, every figure
and table has its source line, and page 1 identifies the publication."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reportgen.config import Settings
from reportgen.pipeline import build_memo

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
DATA = Path(__file__).resolve().parents[2] / "data"
SURVEY = {"nb": ("Brukerundersøkelsen", "Hvor fornøyde"), "nn": ("Brukarundersøkinga", "Kor nøgde")}


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    return text.stdout.split("\f")[:-1]


@pytest.fixture(scope="module")
def memos(dataset, tmp_path_factory) -> list[tuple[str, Path]]:
    """(målform, PDF) of the 2019 national memos and every county memo of 2019, 2020, 2024."""
    out = tmp_path_factory.mktemp("pages")
    built = []
    for language in ("nb", "nn"):
        settings = Settings(year=2019, data=DATA, output=out, language=language, formats=("pdf",))
        built.append((language, build_memo(settings, dataset).files[0]))
    for year in (2019, 2020, 2024):
        for county in dataset.classification.valid_in(year):
            settings = Settings(year=year, data=DATA, output=out, formats=("pdf",))
            path = build_memo(settings, dataset, county=county.code).files[0]
            built.append(("nn" if "-nn." in path.name else "nb", path))
    return built


def test_survey_heading_and_sentence_stand_on_the_page_of_their_chart(memos):
    checked = 0
    for language, pdf in memos:
        heading, caption = SURVEY[language]
        for page in _pages(pdf):
            if re.search(rf"^\s*{heading}\s*$", page, re.M) and caption in "".join(_pages(pdf)):
                assert caption in page, f"{pdf.name}: «{heading}» without its chart"
                checked += 1
    assert checked >= 40  # the two national memos and nearly every county memo


def test_every_figure_and_table_has_a_source_line(memos):
    for language, pdf in memos:
        text = "".join(_pages(pdf))
        numbered = re.findall(r"(?:Figur|Tabell) \d+:", text)
        sources = re.findall(r"Kilde:|Kjelde:", text)
        assert numbered and len(sources) == len(numbered), pdf.name


def test_survey_charts_give_the_number_of_respondents(memos):
    language, pdf = memos[0]
    assert "Prosent av dem som svarte, N = 3 904. Kilde: brukerundersøkelsen 2019." in (
        "".join(_pages(pdf)).replace("\u00a0", " ")
    )


def test_page_one_names_the_series_the_publisher_of_the_year_and_the_issn(dataset, tmp_path):
    templates = tmp_path / "mine"
    templates.mkdir()
    shipped = Path(__file__).resolve().parents[2] / "templates" / "national.nb.md"
    text = shipped.read_text(encoding="utf-8").replace('issn = ""', 'issn = "1894-6844"', 1)
    (templates / "national.nb.md").write_text(text.replace('number = ""', 'number = "2020:3"', 1))
    for year, publisher in ((2019, "Kompetanse Norge"), (2024, "Direktoratet for høyere")):
        settings = Settings(
            year=year, data=DATA, output=tmp_path, templates=templates, formats=("pdf",)
        )
        page_one = _pages(build_memo(settings, dataset).files[0])[0]
        assert "Notat 2020:3" in page_one
        assert publisher in page_one
        assert "ISSN 1894-6844" in page_one
        assert "Utkast," in page_one  # no publication date given: the build date, as a draft


def test_footer_names_the_year(memos):
    _, pdf = memos[0]
    assert all("karriereveiledning · 2019" in page for page in _pages(pdf))


def test_county_names_break_only_after_a_dash(memos):
    for _, pdf in memos:
        for line in "".join(_pages(pdf)).splitlines():
            assert not re.match(r"\s*\u2013", line), (
                f"{pdf.name}: a line starts with a dash: {line!r}"
            )
