"""Names and texts from the data never act in the web pages and the data companion, and
read back as written (issue 25, the reliability review's B1–B5). Over generated county
names, centre names and key findings (Markdown, HTML, formulas, quotes): the county memo's
HTML pages hold no script, event handler or javascript: address and show each text as
it is; its XLSX has no formula cell and holds each text as a string cell; its CSV cells
start as no formula. Then the review's own payloads, run as users run reportgen."""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from pathlib import Path

import lxml.html
from conftest import DATA
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from test_hostile_text import _data, _run

from reportgen.config import Settings
from reportgen.data_writer.sheets import looks_like_formula
from reportgen.dataset.load import load_dataset
from reportgen.language.base import NBSP
from reportgen.pipeline import build_memo

# Letters of the shipped fonts, with what Markdown, HTML, TOML and spreadsheets read as code.
LETTERS = "abcxyzæøåÆØÅáčđŋšŧžÁ019" + "<>&\"'`*_[](){}#|!\\/=+-@%$;:,.?~^"
WORD = st.text(st.sampled_from(LETTERS), min_size=1, max_size=12)
NAME = st.lists(WORD, min_size=1, max_size=4).map(" ".join)
PAYLOADS = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "</title><svg onload=alert(1)>",
        "]]><script>x</script>",
        "[lenke](javascript:alert(1))",
        "**fet** og _kursiv_",
        '=HYPERLINK("http://evil.example","Oslo")',
        "{{ 7 * 7 }}",
    ]
)
TEXT = st.one_of(NAME, st.tuples(NAME, PAYLOADS, NAME).map(" ".join), PAYLOADS)
NUMBER = re.compile(r"-?\d+(,\d+)?")  # a number as the CSV files write it: a value, not code
ACTIVE = ("script", "iframe", "object", "embed", "form")


def _flat(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split())


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _build(folder: Path, county: str, centre: str, finding: str) -> dict[str, list[Path]]:
    """The 2019 national memo and Oslo's (HTML, article, XLSX and CSV), with Oslo's name,
    its one centre's and a national key finding as given."""
    data = Path(shutil.copytree(DATA, folder / "data"))
    counties = (data / "counties.csv").read_text(encoding="utf-8")
    counties = counties.replace("03,Oslo,Oslo,", f"03,{_quoted(county)},{_quoted(county)},")
    (data / "counties.csv").write_text(counties, encoding="utf-8")
    centres = (data / "centres.csv").read_text(encoding="utf-8")
    (data / "centres.csv").write_text(centres.replace("Karriere Oslo", _quoted(centre)))
    with open(data / "key_findings.csv", "a", encoding="utf-8") as handle:
        handle.write(f"2019;nb;;{_quoted(finding)}\n")
    wanted = Settings(year=2019, data=data, output=folder, formats=("html", "article", "xlsx"))
    dataset = load_dataset(data)
    return {
        "national": build_memo(wanted, dataset).files,
        "county": build_memo(wanted, dataset, county="03").files,
    }


def _live(page: str) -> list[str]:
    """What a browser would run in ``page``: active elements, on* attributes, javascript:."""
    tree = lxml.html.fromstring(page)
    elements = [e for e in tree.iter() if isinstance(e.tag, str)]
    found = [e.tag for e in elements if e.tag in ACTIVE]
    found += [name for e in elements for name in e.attrib if name.lower().startswith("on")]
    found += [v for e in elements for v in e.attrib.values() if "javascript:" in v.lower()]
    return found


def _read_back(files: list[Path]) -> tuple[str, set[str], set[str]]:
    """The text of the memo's web page, with the string cells of its workbook and the cells
    of its CSV files; asserts that no page runs anything and no cell is a formula."""
    pages = [p.read_text(encoding="utf-8") for p in files if p.suffix == ".html"]
    assert len(pages) == 2 and [_live(page) for page in pages] == [[], []]
    (book,) = [load_workbook(p) for p in files if p.suffix == ".xlsx"]
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    rows = [
        row
        for p in files
        if p.suffix == ".csv"
        for row in csv.reader(io.StringIO(p.read_text(encoding="utf-8-sig")), delimiter=";")
    ]
    formulas = [c for row in rows for c in row if looks_like_formula(c) and not NUMBER.fullmatch(c)]
    assert formulas == []
    text = _flat(lxml.html.fromstring(pages[0]).text_content())
    return text, {c.value for c in cells if c.data_type == "s"}, {c for r in rows for c in r}


@settings(
    max_examples=10,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a memo takes seconds: no shrinking
    suppress_health_check=[HealthCheck.too_slow],
)
@given(NAME, NAME, TEXT)
def test_generated_names_and_findings_never_act_and_read_back(county, centre, finding):
    with tempfile.TemporaryDirectory() as folder:
        built = _build(Path(folder), county, centre, finding)
        text, strings, cells = _read_back(built["national"])
        assert _flat(county) in text and _flat(finding) in text
        assert county in strings and _inert(county) in cells
        text, strings, cells = _read_back(built["county"])
        assert _flat(county) in text and _flat(centre) in text
        assert centre in strings and _inert(centre) in cells


def _inert(text: str) -> str:
    """``text`` as a CSV cell holds it (OWASP: an apostrophe before a formula's start)."""
    return f"'{text}" if looks_like_formula(text) else text


def test_the_reviews_payloads_in_names_findings_and_quote_do_not_run(tmp_path):
    """B2 and B3: payloads in county and centre names, a key finding and quote.toml; the
    memo and a batch; no page runs anything, and alt text shows the names unescaped."""
    _data(
        tmp_path,
        "counties.csv",
        "03,Oslo,Oslo,",
        f"03,{_quoted('Oslo<script>alert(1)</script>')},Oslo,",
    )
    _data(
        tmp_path,
        "counties.csv",
        "11,Rogaland,",
        f"11,{_quoted('Roga</title><svg onload=alert(1)>')},",
    )
    data = _data(
        tmp_path, "centres.csv", "Karriere Bergen", _quoted("]]><script>alert(2)</script>")
    )
    with open(data / "key_findings.csv", "a", encoding="utf-8") as handle:
        handle.write('2019;nb;;"<script>alert(3)</script> og ""><img src=x onerror=alert(4)>"\n')
    (data / "quote.toml").write_text(
        'text = "</p><script>alert(5)</script>"\nperson = "<img src=x onerror=alert(6)>"\n'
        'role = "]]><script>x</script>"\n'
    )
    assert _run(tmp_path, "memo", "--year", "2019").returncode == 0
    done = _run(tmp_path, "batch", "--year", "2019", "--formats", "html,article")
    assert (done.returncode, done.stderr.count("Traceback")) == (0, 0)
    pages = {p.name: p.read_text(encoding="utf-8") for p in Path("output").rglob("*.html")}
    assert len(pages) == 2 + 2 * 18 + 1
    assert {name: _live(page) for name, page in pages.items() if _live(page)} == {}
    (oslo,) = [
        page for name, page in pages.items() if name.startswith("03-") and "artikkel" not in name
    ]
    labels = [
        e.get("aria-label") for e in lxml.html.fromstring(oslo).iter("svg") if e.get("aria-label")
    ]
    assert any(
        "i Oslo<script>alert(1)</script> og i hele landet i 2019" in label for label in labels
    )
    assert not [label for label in labels if "\\" in label]


def test_html_and_links_written_in_a_template_print_as_text(tmp_path):
    """B4: raw HTML blocks and inline HTML, and javascript: links in a template."""
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "intro.nb.md").write_text(
        "<div><script>alert(1)</script></div>\n\nTekst <iframe src=x></iframe> og "
        "<b onmouseover=alert(1)>x</b>\n\n[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) "
        "<javascript:alert(1)>\n\n![x](javascript:alert(1))\n",
        encoding="utf-8",
    )
    args = ("--data", str(DATA), "--templates", "tpl", "--formats", "html")
    done = _run(tmp_path, "memo", "--year", "2019", *args)
    assert (done.returncode, done.stderr.count("Traceback")) == (0, 0)
    (page,) = [p.read_text(encoding="utf-8") for p in Path("output").rglob("*.html")]
    assert _live(page) == []
    assert "<p>&lt;div&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/div&gt;</p>" in page
    assert (
        "<p>[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) &lt;javascript:alert(1)&gt;</p>"
        in page
    )
    assert "<p>![x](javascript:alert(1))</p>" in page


def test_markup_in_a_template_title_is_text_in_the_pages(tmp_path):
    """B5: ``</title><script>`` in the front matter's title."""
    national = (DATA.parent / "templates" / "national.nb.md").read_text(encoding="utf-8")
    title = 'title = "Landsdekkende tilbud om karriereveiledning"'
    (tmp_path / "tpl").mkdir()
    hostile = 'title = "Landsdekkende </title><script>alert(1)</script>"'
    (tmp_path / "tpl" / "national.nb.md").write_text(national.replace(title, hostile))
    args = ("--data", str(DATA), "--templates", "tpl", "--formats", "html,article")
    done = _run(tmp_path, "memo", "--year", "2019", *args)
    assert (done.returncode, done.stderr.count("Traceback")) == (0, 0)
    pages = [p.read_text(encoding="utf-8") for p in Path("output").rglob("*.html")]
    assert len(pages) == 2 and [_live(page) for page in pages] == [[], []]
    memo = Path("output/2019/karriereveiledning-2019-nb.html").read_text(encoding="utf-8")
    shown = "Landsdekkende &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert f"<title>{shown}</title>" in memo and f"<h1>{shown}" in memo
