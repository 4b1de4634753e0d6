"""Pages hold any theme the schema accepts, or the theme is refused before a page is drawn
(issue 25; the review's #19–#21: N24, N14d-b, B07): a footer beside the page number, a
logo within the text width, numbers whole in table cells; in the PDF and, as
LibreOffice lays it out, in the DOCX. Run as users run it: the CLI in a subprocess."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from conftest import DATA, require_tool
from PIL import Image

REPORTGEN = Path(sys.executable).parent / "reportgen"
CM = 72 / 2.54
FOOTER = (
    "Landsdekkende tilbud om karriereveiledning · Karrieresentrenes rapportering og "
    "brukerundersøkelsen for 2019 · 2019"
)
THEMES = {  # each case of the review in a theme, two to a theme to build fewer memos
    "large": '[fonts]\nsize_pt = 24\n[page]\nfooter_text = "{title} · {subtitle} · {year}"\n',
    "narrow": '[page]\nmargin_left_cm = 6\nmargin_right_cm = 6\n[logo]\nfile = "logo.png"\n'
    "width_cm = 16\n",
    "large_narrow": "[fonts]\nsize_pt = 24\n[page]\nmargin_left_cm = 6\nmargin_right_cm = 6\n",
}
# cells of Tabell 1 of the 2019 national memo that the review saw split (B07)
NUMBERS = ("1 638", "+27,5 %", "+9,7 %", "7,8 %", "10,8 %", "2 257", "20 958", "100,0 %")


def _templates(root: Path, name: str, theme: str) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "theme.toml").write_text(theme, encoding="utf-8")
    Image.new("RGB", (1600, 300), "#7a1f5c").save(folder / "logo.png", dpi=(300, 300))
    return folder


def _reportgen(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(REPORTGEN), *map(str, args)], cwd=cwd, capture_output=True, text=True, check=False
    )


def _memo(root: Path, name: str, theme: str) -> subprocess.CompletedProcess:
    templates = _templates(root, name, theme)
    out = root / f"out-{name}"
    return _reportgen(
        "memo", "--year", "2019", "--data", DATA, "--templates", templates, "-o", out,
        "--formats", "pdf,docx", cwd=root,
    )  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The 2019 national memo's PDF (its DOCX beside it) for each of THEMES."""
    root = tmp_path_factory.mktemp("themes")
    pdfs = {}
    for name, theme in THEMES.items():
        done = _memo(root, name, theme)
        assert done.returncode == 0, done.stderr
        pdfs[name] = root / f"out-{name}" / "2019" / "karriereveiledning-2019-nb.pdf"
    return pdfs


@pytest.fixture(scope="module")
def libreoffice(built, tmp_path_factory) -> dict[str, Path]:
    """The DOCX of each of THEMES as LibreOffice lays it out (PDF)."""
    soffice = require_tool("soffice", "libreoffice-writer-nogui")
    out = tmp_path_factory.mktemp("libreoffice")
    chosen = {
        name: built[name].with_suffix(".docx") for name in ("large", "narrow", "large_narrow")
    }
    copies = []
    for name, docx in chosen.items():
        copies.append(out / f"{name}.docx")
        copies[-1].write_bytes(docx.read_bytes())
    profile = f"-env:UserInstallation=file://{out / 'profile'}"
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), *copies],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return {name: out / f"{name}.pdf" for name in chosen}


def _lines(pdf: Path) -> list[list[str]]:
    """Each page's text lines (pdftotext -layout), runs of spaces and no-break spaces as one."""
    pdftotext = require_tool("pdftotext", "poppler-utils")
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True)
    pages = text.stdout.replace("\u00a0", " ").split("\f")[:-1]
    return [[re.sub(r" +", " ", line).strip() for line in page.splitlines()] for page in pages]


def _footer_words(page) -> tuple[list[dict], list[dict]]:
    """The footer's words and the page number's («Side 2 av 4») on a PDF page."""
    words = [w for w in page.extract_words() if w["top"] > page.height - 2.5 * CM]
    start = next(i for i, w in enumerate(words) if w["text"] == "Side")
    return words[:start], words[start:]


def test_a_long_footer_is_set_smaller_beside_the_page_number(built):
    with pdfplumber.open(built["large"]) as pdf:
        total = str(len(pdf.pages))
        for page in pdf.pages:
            footer, number = _footer_words(page)
            assert " ".join(w["text"] for w in footer) == FOOTER
            assert [w["text"] for w in number] == ["Side", str(page.page_number), "av", total]
            assert footer[0]["x0"] == pytest.approx(2.5 * CM, abs=0.5)
            assert footer[-1]["x1"] + 12 <= number[0]["x0"]  # two em at 6 pt apart, at least
            assert number[-1]["x1"] == pytest.approx(page.width - 2.5 * CM, abs=0.5)
        sizes = {round(c["size"], 2) for c in pdf.pages[1].chars if c["top"] > 29.7 * CM - 2.5 * CM}
    assert sizes == {7.5}  # 19.2 pt (the house's at 24 pt) would not fit, nor 8.4 at 10.5
    with zipfile.ZipFile(built["large"].with_suffix(".docx")) as docx:
        footer_xml = docx.read("word/footer1.xml").decode()
    assert set(re.findall(r'<w:sz w:val="(\d+)"/>', footer_xml)) == {"15"}  # 7.5 pt


@pytest.mark.parametrize("theme", ["narrow", "large_narrow"])
def test_the_default_footer_stays_beside_the_page_number_on_narrow_pages(built, theme):
    """The review's note to #21: at 9 cm of text «… · 2019» ran over «Side N av M»."""
    with pdfplumber.open(built[theme]) as pdf:
        for page in pdf.pages:
            footer, number = _footer_words(page)
            assert (
                " ".join(w["text"] for w in footer)
                == "Landsdekkende tilbud om karriereveiledning · 2019"
            )
            assert footer[-1]["x1"] + 12 <= number[0]["x0"]
            assert number[-1]["x1"] == pytest.approx(page.width - 6 * CM, abs=0.5)


def test_the_docx_footer_and_page_number_share_one_line(built, libreoffice):
    pages = _lines(libreoffice["large"])
    with pdfplumber.open(built["large"]) as pdf:
        assert len(pages) == len(pdf.pages) == 11  # 24 pt type, no figure drawn smaller
    for number, lines in enumerate(pages, 1):
        assert f"{FOOTER} Side {number} av {len(pages)}" in lines


@pytest.mark.parametrize(
    ("theme", "message"),
    [
        (
            '[page]\nfooter_text = "{title} · {subtitle} · {year} · {title}"\n',
            "theme.toml, line 2: [page] footer_text: the footer and the page number need more "
            "than the 16.0 cm between the margins, even at 6 pt\n"
            '  Fix: write a shorter footer_text (e.g. footer_text = "{year}") or make the '
            "margins narrower (margin_left_cm, margin_right_cm)",
        ),
        (
            '[page]\nmargin_left_cm = 8\nmargin_right_cm = 8\nfooter_text = "{year}"\n',
            "theme.toml, line 2: Tabell 1: its columns need more than the 5.0 cm between the "
            "margins to keep each number whole, even at 6 pt\n"
            "  Fix: make the margins narrower (margin_left_cm, margin_right_cm)",
        ),
    ],
    ids=["footer", "table"],
)
def test_what_no_size_can_fit_is_refused_by_memo_and_check(tmp_path, theme, message):
    done = _memo(tmp_path, "mine", theme)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-2:] == f"Error: {tmp_path}/mine/{message}".splitlines()
    assert not (tmp_path / "out-mine").exists() or not any((tmp_path / "out-mine").rglob("*.*"))
    checked = _reportgen(
        "check", "--year", "2019", "--data", DATA, "--templates", tmp_path / "mine", cwd=tmp_path
    )
    assert checked.returncode == 2
    assert f"- {tmp_path}/mine/{message}" in checked.stdout


def test_a_logo_wider_than_the_text_is_drawn_at_the_text_width(built, libreoffice):
    left, right = 6 * CM, 21 * CM - 6 * CM
    for pdf in (built["narrow"], libreoffice["narrow"]):
        with pdfplumber.open(pdf) as document:
            (image,) = document.pages[0].images
        assert (image["x0"], image["x1"]) == (
            pytest.approx(left, abs=0.5),
            pytest.approx(right, abs=0.5),
        )
        assert image["x1"] - image["x0"] == pytest.approx(9 * CM, abs=0.5)  # not 16 cm
        assert image["bottom"] - image["top"] == pytest.approx(9 * CM * 300 / 1600, abs=0.5)
    with zipfile.ZipFile(built["narrow"].with_suffix(".docx")) as docx:
        body = docx.read("word/document.xml").decode()
    assert re.search(r'<wp:extent cx="(\d+)"', body).group(1) == str(9 * 360000)


@pytest.mark.parametrize("theme", ["narrow", "large", "large_narrow"])
def test_numbers_in_table_cells_stay_whole(built, theme):
    text = "\n".join(line for page in _lines(built[theme]) for line in page)
    missing = [
        number for number in NUMBERS if not re.search(rf"(^| ){re.escape(number)}( |$)", text, re.M)
    ]
    assert missing == []


@pytest.mark.parametrize("theme", ["narrow", "large", "large_narrow"])
def test_numbers_in_docx_table_cells_stay_whole(libreoffice, theme):
    text = "\n".join(line for page in _lines(libreoffice[theme]) for line in page)
    missing = [
        number for number in NUMBERS if not re.search(rf"(^| ){re.escape(number)}( |$)", text, re.M)
    ]
    assert missing == []
