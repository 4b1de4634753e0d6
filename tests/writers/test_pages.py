"""Pages a designer signs off: the survey section is never cut from its chart, every figure
and table has its source line, and page 1 identifies the publication."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from chart_labels import chart_labels, missing_labels
from conftest import DATA, ROOT, require_tool, run_cli

from reportgen.config import Settings
from reportgen.pipeline import build_memo

SURVEY = {"nb": ("Brukerundersøkelsen", "Hvor fornøyde"), "nn": ("Brukarundersøkinga", "Kor nøgde")}


def _pages(pdf: Path) -> list[str]:
    pdftotext = require_tool("pdftotext", "poppler-utils")
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True)
    return text.stdout.split("\f")[:-1]


YEARS = (2019, 2020, 2024)


def _run(args: list[str], cwd: Path) -> None:
    """``reportgen ARGS`` as a user runs it, from ``cwd``, writing only DOCX and PDF."""
    run_cli(*args, "--data", str(DATA), "--formats", "docx,pdf", cwd=cwd)


@pytest.fixture(scope="module", params=["clone", "templates-init"])
def memos(request, tmp_path_factory) -> list[tuple[str, Path]]:
    """(målform, PDF) of the 2019 national memos and every county memo of 2019, 2020, 2024
    (each with its DOCX beside it), built by the command line as a user builds them: from
    the clone's root (its ./templates on the search path), or from another folder with a
    fresh ``reportgen templates init`` folder; the county memos by ``batch``."""
    work = tmp_path_factory.mktemp(request.param)
    out, cwd, extra = work / "out", ROOT, []
    if request.param == "templates-init":
        cwd, extra = work, ["--templates", "mine"]
        run_cli("templates", "init", "mine", cwd=cwd)
    for language in ("nb", "nn"):
        _run(["memo", "--year", "2019", "--language", language, "-o", str(out), *extra], cwd)
    for year in YEARS:
        _run(["batch", "--year", str(year), "-o", str(out), *extra], cwd)
    national = sorted((out / "2019").glob("*.pdf"))
    counties = [pdf for year in YEARS for pdf in sorted((out / str(year) / "fylker").glob("*.pdf"))]
    return [("nn" if "-nn." in pdf.name else "nb", pdf) for pdf in [*national, *counties]]


def test_survey_heading_and_sentence_stand_on_the_page_of_their_chart(memos):
    """On the page of their chart, or at the foot of the page before it where keeping
    them with it would leave a hole over 3 cm (five short 2024 county memos, and four of
    2020 whose chart waits past «Om tallene» for the top of page 3)."""
    checked = apart = 0
    for language, pdf in memos:
        heading, caption = SURVEY[language]
        pages = _pages(pdf)
        for number, page in enumerate(pages):
            if re.search(rf"^\s*{heading}\s*$", page, re.M) and caption in "".join(pages):
                following = pages[number + 1] if number + 1 < len(pages) else ""
                assert caption in page + following, f"{pdf.name}: «{heading}» without its chart"
                checked, apart = checked + 1, apart + (caption not in page)
    assert checked >= 40 and apart <= 9  # the two national memos and nearly every county memo


def test_every_figure_and_table_has_a_source_line(memos):
    for _, pdf in memos:
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


def test_county_names_break_only_between_the_words_of_a_form(memos):
    """«Troms – Romsa –» / «Tromssa» broke inside a name: no line starts with a dash, and
    none ends with a dash after a word of a county's name (Norwegian, Sami or Kven)."""
    labels = (DATA / "counties.csv").read_text(encoding="utf-8").splitlines()[1:]
    forms = {word for line in labels for word in line.split(",")[2].split() if word != "-"}
    assert {"Troms", "Romsa", "Tromssa", "Finnmárku", "Trööndelage"} <= forms
    for _, pdf in memos:
        for line in "".join(_pages(pdf)).splitlines():
            assert not re.match(r"\s*\u2013", line), f"{pdf.name}: {line!r}"
            ends = re.search(r"(\w+)\s\u2013\s*$", line)
            assert not (ends and ends.group(1) in forms), f"{pdf.name}: {line!r}"


TOP, BOTTOM = 2.5 / 2.54 * 72, 841.89 - 2.5 / 2.54 * 72  # the text area of A4 with 2.5 cm
CM = 72 / 2.54


def _lowest(page) -> float:
    """The bottom of the lowest text line or picture inside the text area (not the footer)."""
    bottoms = [w["bottom"] for w in page.extract_words() if w["bottom"] <= BOTTOM + 1]
    bottoms += [i["bottom"] for i in page.images]
    return max(bottoms)


def test_no_page_ends_in_a_hole_over_3_cm_before_more_text(memos):
    """The review measured 3.5–7.1 cm on page 1 of nine county memos and 5.5 cm in the 2019
    national memo: a figure pushed to the next page. Now the text after it fills the page."""
    import pdfplumber

    holes = {}
    for _, pdf in memos:
        with pdfplumber.open(pdf) as document:
            for page in document.pages[:-1]:
                hole = (BOTTOM - _lowest(page)) / CM
                if hole > 3.0:
                    holes[f"{pdf.name} p. {page.page_number}"] = round(hole, 1)
    assert set(holes) <= OPEN_HOLES, holes


#: Still open (issue 24): in these two no move the page search may make in its tries
#: keeps the page full (Vestland 2024's «Om tala» would run on above Figur 3). Viken,
#: Innlandet, Vestland and Troms og Finnmark 2020 are full now: their survey chart waits
#: for page 3, «Om tallene» fills page 2. Any other hole fails.
OPEN_HOLES = {"18-nordland-2024-nb.pdf p. 1", "46-vestland-2024-nn.pdf p. 2"}


def test_every_chart_is_drawn_at_one_scale(memos):
    """No chart is drawn smaller to make a page fit (the review found Figur 1 at 88–97 %):
    every chart of the 46 memos is as wide as the text and drawn at one resolution."""
    import pdfplumber

    widths, resolutions = set(), set()
    for _, pdf in memos:
        with pdfplumber.open(pdf) as document:
            for page in document.pages:
                for image in page.images:
                    widths.add(round(image["width"] / CM, 2))
                    resolutions.add(round(image["srcsize"][0] / (image["width"] / 72)))
    assert widths == {16.0} and len(resolutions) == 1, (widths, resolutions)


def test_number_headings_of_tabell_1_stay_on_one_line(memos):
    """The 2024 Tabell 1 gave «Fylke» 55 % of the width and broke every number heading:
    the caption is followed by one heading line, then the first row."""
    for _, pdf in memos:
        lines = [line for line in "".join(_pages(pdf)).splitlines() if line.strip()]
        at = next(i for i, line in enumerate(lines) if line.startswith("Tabell 1:"))
        heading, row = lines[at + 1], lines[at + 2]
        assert re.match(r"\s*(Senter|Fylke)\s{2,}\S", heading), f"{pdf.name}: {heading!r}"
        assert re.search(r"\d", row), f"{pdf.name}: {row!r}"


def test_libreoffice_sets_every_docx_on_as_many_pages_as_its_pdf(memos, tmp_path):
    """LibreOffice also draws every native chart with its value labels."""
    from pypdf import PdfReader

    soffice = require_tool("soffice", "libreoffice-writer-nogui")
    docx = [pdf.with_suffix(".docx") for _, pdf in memos]
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, docx),
        ],
        check=True,
        capture_output=True,
        timeout=900,
    )
    differ = [
        path.name
        for (_, pdf), path in zip(memos, docx)
        if len(PdfReader(tmp_path / f"{path.stem}.pdf").pages) != len(PdfReader(pdf).pages)
    ]
    assert len(docx) == 46 and differ == []
    pdftotext = require_tool("pdftotext", "poppler-utils")
    for (_, pdf), path in zip(memos, docx):
        _assert_same_columns(pdf, tmp_path / f"{path.stem}.pdf")
        # each native chart drawn, its values labelled in Norwegian ("20 958", "22 %")
        assert chart_labels(path) and not missing_labels(
            tmp_path / f"{path.stem}.pdf", path, pdftotext
        ), path.name


TOLERANCE = 0.01 * (21.0 - 5.0) / 2.54 * 72  # 1 % of the A4 text width, in points


def _table_rows(pdf: Path) -> dict[str, list[float]]:
    """The rows of the first table (the lines after the «Tabell 1» caption up to the note
    under it) as their text → the right edge of each word, in points."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            lines: dict[float, list] = {}
            for word in page.extract_words(keep_blank_chars=False):
                lines.setdefault(round(word["top"]), []).append(word)
            texts = [(" ".join(w["text"] for w in ws), ws) for _, ws in sorted(lines.items())]
            starts = [i for i, (text, _) in enumerate(texts) if text.startswith("Tabell 1")]
            if starts:
                rows = texts[starts[0] + 1 : starts[0] + 8]
                return {text: [w["x1"] for w in ws] for text, ws in rows if len(ws) > 2}
    return {}


def _assert_same_columns(pdf: Path, docx_pdf: Path) -> None:
    """Every row of Tabell 1 that reads the same in both has its words at the same places
    within 1 % of the text width: the DOCX's columns are the PDF's."""
    ours, theirs = _table_rows(pdf), _table_rows(docx_pdf)
    same = [text for text in ours if text in theirs]
    assert bool(ours) == bool(same), f"{pdf.name}: no row of Tabell 1 found in its DOCX"
    for text in same:
        apart = max(abs(a - b) for a, b in zip(ours[text], theirs[text]))
        assert apart <= TOLERANCE, f"{pdf.name}: «{text}» {apart:.1f} pt apart"


def _headings(pdf: Path) -> set[str]:
    """The memo's headings: the PDF's bookmarks."""
    from pypdf import PdfReader

    def titles(outline) -> list[str]:
        found: list[str] = []
        for item in outline:
            found += titles(item) if isinstance(item, list) else [item.title]
        return found

    return {" ".join(title.split()) for title in titles(PdfReader(pdf).outline)}


def test_no_page_ends_with_a_heading_and_at_most_a_line_after_it(memos):
    checked = 0
    for _, pdf in memos:
        headings, pages = _headings(pdf), _pages(pdf)
        for number, page in enumerate(pages[:-1], start=1):
            body = [" ".join(line.split()) for line in page.splitlines() if line.strip()][:-1]
            assert not headings & set(body[-2:]), f"{pdf.name} p. {number}: {body[-2:]}"
            checked += 1
    assert checked >= len(memos)  # every memo has at least two pages


CLOSING = re.compile(r"^\s*Om (tallene|tala)\s*$", re.M)


def _ends_on_the_closing_section_alone(pdf: Path) -> bool:
    """Whether the memo's last page holds nothing but (the rest of) «Om tallene»: its
    heading starts that page, or stands on an earlier page, and no figure or table (one
    that waited past «Om tallene» for the top of the last page) is on it."""
    pages = _pages(pdf)
    at = next(number for number, page in enumerate(pages) if CLOSING.search(page))
    first = next(line.strip() for line in pages[-1].splitlines() if line.strip())
    floats = re.search(r"^\s*(Figur|Tabell) \d+:", pages[-1], re.M)
    closing = at < len(pages) - 1 or CLOSING.match(first) is not None
    return len(pages) > 1 and closing and not floats


def test_om_tallene_is_small_print_and_rarely_alone_on_the_last_page(memos):
    """«Om tallene» is set in the note type (a methods box), so it takes about half the
    height it took in the body type. Issue 24 asks that no memo ends on a page holding only
    it: at the body type 30 of the 44 county memos did; now 16 do, each with 2.5–4 cm too
    much for two pages (the rest of the rule is open: this bound only keeps it from coming
    back)."""
    import pdfplumber

    alone = [pdf.name for _, pdf in memos[2:] if _ends_on_the_closing_section_alone(pdf)]
    assert len(memos[2:]) == 44 and len(alone) <= 16, alone
    for _, pdf in memos[2:]:
        with pdfplumber.open(pdf) as document:
            page = document.pages[-1]
            lines = page.extract_text_lines()
            heading = next((line for line in lines if CLOSING.match(line["text"])), None)
            after = [line for line in lines if heading and line["top"] > heading["bottom"]]
            sizes = {round(char["size"], 1) for line in after[:1] for char in line["chars"]}
            assert heading is None or sizes == {
                round(0.82 * 10.5, 1)
            }  # the theme's note type, (pdf.name, sizes)
