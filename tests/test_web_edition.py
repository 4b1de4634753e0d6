"""The web edition of the 2019 memo: the HTML memo, the article, the data companion."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import DATA, EPOCH

from reportgen.cli import main
from reportgen.config import Settings
from reportgen.pipeline import build_memo

NBSP = "\u00a0"
KEY_FIGURES = [
    f"20{NBSP}958",
    f"1{NBSP}354",
    f"nesten 30{NBSP}prosent",  # a no-break space before the unit (Språkrådet)
    f"41{NBSP}sentre",
    f"1{NBSP}062",
    f"95{NBSP}prosent",
]


class _Text(HTMLParser):
    """The text of a page (without style and script) and its tags, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"[ \t\n]+", " ", "".join(self.parts))


def read_page(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def web_2019(tmp_path_factory, dataset, monkeypatch_module):
    """Every file of the 2019 national memo (bokmål): name → path."""
    out = tmp_path_factory.mktemp("web")
    result = build_memo(Settings(year=2019, data=DATA, output=out), dataset)
    return {p.name: p for p in result.files}


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    yield mp
    mp.undo()


def test_all_five_outputs_by_default(web_2019):
    stem = "karriereveiledning-2019-nb"
    assert {
        f"{stem}.docx",
        f"{stem}.pdf",
        f"{stem}.html",
        f"{stem}-artikkel.html",
        f"{stem}-tall.xlsx",
    } <= set(web_2019)
    csv_names = sorted(n for n in web_2019 if n.endswith(".csv"))
    assert csv_names == sorted(
        f"{stem}-{label}.csv"
        for label in ("tabell-1", "figur-1", "figur-2", "figur-3", "figur-4", "figur-5")
    )
    assert web_2019[f"{stem}-tabell-1.csv"].parent.name == "tall"


def test_html_memo_holds_the_key_figures(web_2019):
    text = read_page(web_2019["karriereveiledning-2019-nb.html"]).text
    for figure in KEY_FIGURES:
        assert figure in text
    assert (
        f"I{NBSP}2019 hadde 20{NBSP}958{NBSP}personer én eller flere samtaler med et "
        f"karrieresenter. Det er 1{NBSP}354 flere personer enn året før, en økning på syv prosent."
    ) in text


def test_html_memo_is_semantic_and_self_contained(web_2019):
    html = web_2019["karriereveiledning-2019-nb.html"].read_text(encoding="utf-8")
    page = read_page(web_2019["karriereveiledning-2019-nb.html"])
    tags = [tag for tag, _ in page.tags]
    assert html.startswith('<!DOCTYPE html>\n<html lang="nb-NO">')
    assert "<title>Landsdekkende tilbud om karriereveiledning</title>" in html
    assert tags.count("main") == 1 and tags.count("h1") == 1
    assert tags.count("figure") == tags.count("figcaption") == 5
    assert tags.count("svg") == 5 and tags.count("details") == 5
    # one table (the yearly numbers are Figur 2's, not a table of their own) and five charts
    assert tags.count("table") == 1 + 5 and tags.count("caption") == 6
    assert tags.count("thead") == 6
    assert all(attrs.get("scope") in ("col", "row") for tag, attrs in page.tags if tag == "th")
    svgs = [attrs for tag, attrs in page.tags if tag == "svg"]
    assert all(a["role"] == "img" and len(a["aria-label"]) > 40 for a in svgs)
    assert "Akershus hadde flest brukere" in svgs[0]["aria-label"]
    assert "<text" in html and ">2\u00a0257</text>" in html  # chart text is real text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing fetched
    assert "url(data:font/woff;base64," in html
    assert "@media print" in html


def test_chart_numbers_table_equals_the_chart(web_2019):
    html = web_2019["karriereveiledning-2019-nb.html"].read_text(encoding="utf-8")
    details = html.split("<summary>Tallene i figuren</summary>")[1].split("</details>")[0]
    caption = f"<caption>Tallene i figuren: Figur 1 Unike brukere per fylke i{NBSP}2019</caption>"
    assert caption in details
    assert f'<th scope="row">Akershus</th><td class="num">2{NBSP}257</td>' in details


def test_xlsx_sheet_per_table_and_chart_with_numbers(web_2019):
    book = openpyxl.load_workbook(web_2019["karriereveiledning-2019-nb-tall.xlsx"])
    assert book.sheetnames == [
        "Innhold",
        "Tabell 1",
        "Figur 1",
        "Figur 2",
        "Figur 3",
        "Figur 4",
        "Figur 5",
    ]
    contents = [[c.value for c in row] for row in book["Innhold"].iter_rows(min_row=5)]
    assert contents[0] == ["Tabell 1", f"Karrieresentre og unike brukere per fylke i{NBSP}2019"]
    sheet = book["Tabell 1"]
    assert sheet["A1"].value == f"Tabell 1 Karrieresentre og unike brukere per fylke i{NBSP}2019"
    assert sheet["A2"].value == "Antall personer og prosent"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4, max_row=23)]
    assert rows[0] == [
        "Fylke",
        "Sentre",
        "Unike brukere",
        "Endring fra 2018",
        "Andel av alle brukere",
    ]
    assert rows[1] == ["Østfold", 3, 1638, 9.7, 7.8]
    assert rows[3] == ["Oslo", 1, 361, ".", 1.7]
    assert rows[-1] == ["Hele landet", 41, 20958, 6.9, 100]
    assert sheet["C23"].number_format == "#,##0"
    assert sheet["D23"].number_format == '+0.0" %";\u22120.0" %";0.0" %"'
    assert book["Figur 5"]["A1"].value.startswith("Figur 5 Hvor fornøyde")
    assert book["Figur 5"]["A2"].value == "Prosent av dem som svarte"


def test_xlsx_numbers_equal_the_memo_tables(web_2019):
    """Every numeric cell of every sheet is the number the HTML memo's table shows; a
    whole percent is there to one decimal, which rounds to it."""
    html = web_2019["karriereveiledning-2019-nb.html"].read_text(encoding="utf-8")
    book = openpyxl.load_workbook(web_2019["karriereveiledning-2019-nb-tall.xlsx"])
    tables = re.findall(r"<table>(.*?)</table>", html)
    assert len(tables) == len(book.sheetnames) - 1
    order = ["Tabell 1", "Figur 1", "Figur 2", "Figur 3", "Figur 4", "Figur 5"]
    for name, table in zip(order, tables):
        shown = [
            re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
            for row in re.findall(r"<tbody>.*", table)[0].split("</tr>")
            if row
        ]
        sheet = book[name]
        for r, cells in enumerate(shown):
            for c, text in enumerate(cells):
                text = re.sub(r"<[^>]+>", "", text)  # a Sami name's <span lang>
                value = sheet.cell(5 + r, 1 + c).value
                if isinstance(value, int | float) and re.fullmatch(r"\d+\xa0%", text):
                    assert abs(_number(text) - value) <= 0.5, (name, r, c, text, value)
                elif isinstance(value, int | float):
                    assert _number(text) == value, (name, r, c, text, value)
                else:
                    assert text == value, (name, r, c, text, value)


def _number(text: str) -> float:
    plain = text.replace(NBSP, "").replace("%", "").replace("\u2212", "-").replace(",", ".")
    return float(plain)


def test_csv_files(web_2019):
    path = web_2019["karriereveiledning-2019-nb-tabell-1.csv"]
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines(), delimiter=";"))
    assert rows[0] == [
        "Fylke",
        "Sentre",
        "Unike brukere",
        "Endring fra 2018",
        "Andel av alle brukere",
    ]
    assert rows[1] == ["Østfold", "3", "1638", "9,7", "7,8"]
    assert rows[3] == ["Oslo", "1", "361", ".", "1,7"]
    assert rows[-1] == ["Hele landet", "41", "20958", "6,9", "100"]


def test_article_title_lead_and_links(web_2019):
    page = read_page(web_2019["karriereveiledning-2019-nb-artikkel.html"])
    html = web_2019["karriereveiledning-2019-nb-artikkel.html"].read_text(encoding="utf-8")
    assert "<h1>Karrieresentrene opplever økning i brukere</h1>" in html
    lead = (
        f"I{NBSP}2019 hadde 20{NBSP}958{NBSP}personer én eller flere samtaler med et "
        f"karrieresenter. Det er 1{NBSP}354 flere personer enn året før, en økning på syv prosent."
    )
    assert f'<p class="lead">{lead}</p>' in html
    assert html.count(lead) == 1  # the memo's first key finding is the lead, not a bullet too
    assert "<h2>Hovedfunn</h2>" in html
    assert f"Nesten 95{NBSP}prosent av dem som svarte på brukerundersøkelsen" in page.text
    links = [a["href"] for tag, a in page.tags if tag == "a"]
    assert links == [
        "karriereveiledning-2019-nb.pdf",
        "karriereveiledning-2019-nb.docx",
        "karriereveiledning-2019-nb.html",
        "karriereveiledning-2019-nb-tall.xlsx",
    ]


def fallen_data(tmp_path: Path) -> Path:
    """A copy of the data where 2018 had twice the users (and breakdowns, and the
    conversations, which are at least the users): 2019 fell."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    doubled = {
        "centres.csv": ("unique_users", "individual_conversations"),
        "users.csv": ("persons",),
    }
    for name, columns in doubled.items():
        lines = (data / name).read_text(encoding="utf-8").splitlines()
        header = lines[0].split(",")
        out = [lines[0]]
        for line in lines[1:]:
            cells = line.split(",")
            for at in (header.index(c) for c in columns):
                if cells[0] == "2018":
                    cells[at] = str(int(cells[at]) * 2)
            out.append(",".join(cells))
        (data / name).write_text("\n".join(out) + "\n", encoding="utf-8")
    return data


def test_article_title_when_users_fell(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    settings = Settings(
        year=2019, data=fallen_data(tmp_path), output=tmp_path / "out", formats=("article",)
    )
    result = build_memo(settings)
    assert result.findings.users.difference < 0
    html = result.files[0].read_text(encoding="utf-8")
    assert "<h1>Færre brukere hos karrieresentrene</h1>" in html
    assert "<title>Færre brukere hos karrieresentrene</title>" in html
    assert "økning" not in html.split("<main>")[1].split("Hovedfunn")[0]
    assert (
        f"I{NBSP}2019 hadde 20{NBSP}958{NBSP}personer én eller flere samtaler med et "
        "karrieresenter. Det er "
    ) in html
    assert "færre personer enn året før, en nedgang på " in html


@pytest.fixture(scope="module")
def site_2019(tmp_path_factory, monkeypatch_module):
    """OUTPUT/2019 after the national memos (nb, nn) and the 2019 batch, HTML only."""
    out = tmp_path_factory.mktemp("site")
    common = ["--year", "2019", "--data", str(DATA), "--output", str(out), "--formats", "html"]
    for args in (["memo"], ["memo", "--language", "nn"], ["batch", "--jobs", "1"]):
        result = CliRunner().invoke(main, args + common)
        assert result.exit_code == 0, result.output
    return out / "2019"


def test_index_links_the_national_and_every_county_memo(site_2019, dataset):
    page = read_page(site_2019 / "index.html")
    links = [(attrs["href"], attrs.get("lang")) for tag, attrs in page.tags if tag == "a"]
    counties = dataset.classification.valid_in(2019)
    assert len(counties) == 18
    assert links[:2] == [
        ("karriereveiledning-2019-nb.html", None),
        ("karriereveiledning-2019-nn.html", "nn"),
    ]
    assert len(links) == 2 + 18
    assert all((site_2019 / href).is_file() for href, _ in links)
    assert [href.split("/")[1][:3] for href, _ in links[2:]] == [f"{c.code}-" for c in counties]
    text = page.text
    assert (
        f"Landsdekkende tilbud om karriereveiledning: 20{NBSP}958 unike brukere, "
        f"+6,9{NBSP}% fra 2018"
    ) in text
    assert f"Østfold: 1{NBSP}638 unike brukere, +9,7{NBSP}% fra 2018" in text
    assert "Oslo: 361 unike brukere" in text and "Oslo: 361 unike brukere," not in text


def test_quote_from_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "quote.toml").write_text(
        'text = "Flere voksne søker veiledning."\nperson = "Kari Nordmann"\nrole = "direktør"\n',
        encoding="utf-8",
    )
    settings = Settings(year=2019, data=data, output=tmp_path / "out", formats=("article",))
    html = build_memo(settings).files[0].read_text(encoding="utf-8")
    assert (
        '<figure class="quote"><blockquote><p>Flere voksne søker veiledning.</p>'
        "</blockquote><figcaption>\u2013 Kari Nordmann, direktør</figcaption></figure>"
    ) in html
    assert html.index("Flere voksne") < html.index("<h2>Hovedfunn</h2>")


def test_manifest_lists_every_output_with_its_hash(web_2019):
    folder = web_2019["karriereveiledning-2019-nb.html"].parent
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    record = manifest["memos"]["karriereveiledning-2019-nb"]
    outputs = {o["file"]: o["sha256"] for o in record["outputs"]}
    assert set(outputs) == {p.relative_to(folder).as_posix() for p in web_2019.values()}
    for name, digest in outputs.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    assert record["contents"]["xlsx"] == [
        "Tabell 1",
        "Figur 1",
        "Figur 2",
        "Figur 3",
        "Figur 4",
        "Figur 5",
    ]
    assert record["contents"]["article"] == ["key findings"]
    assert record["headline"] == f"20{NBSP}958 unike brukere, +6,9{NBSP}% fra 2018"


def test_explain_names_the_files_and_what_they_hold():
    result = CliRunner().invoke(main, ["explain", "--year", "2019", "--data", str(DATA)])
    assert result.exit_code == 0, result.output
    assert "karriereveiledning-2019-nb-tall.xlsx: the numbers of every table and chart" in (
        result.output
    )
    assert "karriereveiledning-2019-nb-artikkel.html: the news article" in result.output


def test_unknown_format_is_a_user_error(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "memo",
            "--year",
            "2019",
            "--data",
            str(DATA),
            "--output",
            str(tmp_path),
            "--formats",
            "pdf,odt",
        ],
    )
    assert result.exit_code == 2
    assert "--formats: unknown format odt" in result.output
    assert "docx,pdf,html,article,xlsx" in result.output
    assert not (tmp_path / "2019").exists()


def test_companion_hides_what_the_memo_hides(tmp_path, dataset, monkeypatch):
    """Finnmark 2018: the centres with fewer than five users are ":" in the HTML memo, the
    workbook and the CSV file, and no numeric cell of the table holds their users."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    settings = Settings(year=2018, data=DATA, output=tmp_path, formats=("html", "xlsx"))
    result = build_memo(settings, dataset, county="20")
    hidden = [row.name for row in result.findings.centre_rows if row.users is None]
    assert len(hidden) >= 2
    html, xlsx = result.files[0].read_text(encoding="utf-8"), result.files[1]
    sheet = openpyxl.load_workbook(xlsx)["Tabell 1"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]}
    csv_rows = {
        r[0]: r for r in csv.reader(result.files[2].read_text("utf-8").splitlines(), delimiter=";")
    }
    for name in hidden:
        shown = name.replace(" – ", "\u00a0–\u00a0")  # a name breaks only between its words
        assert f'<th scope="row">{shown}</th><td class="num">:</td>' in html
        assert rows[shown][1] == ":" and csv_rows[shown][1] == ":"
    assert any("vises ikke av personvernhensyn" in str(r[0]) for r in rows.values())
    shown = [r[1] for r in rows.values() if isinstance(r[1], int)]
    total = rows["Sum fylket"][1]
    assert total == result.findings.users.current and total - sum(shown[:-1]) > 0


@pytest.mark.parametrize(
    ("county", "title"),
    [
        ("03", "Karrieresenteret i Oslo hadde 361 brukere i 2019"),  # one centre, no base
        ("20", "Karrieresentrene i Finnmark opplever økning i brukere"),
    ],
)
def test_county_article_titles(tmp_path, dataset, monkeypatch, county, title):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    settings = Settings(year=2019, data=DATA, output=tmp_path, formats=("article",), language="nb")
    html = build_memo(settings, dataset, county=county).files[0].read_text(encoding="utf-8")
    assert f"<h1>{title}</h1>" in html


def test_xlsx_reads_and_prints_as_a_finished_table(web_2019):
    """Every sheet in the theme's font (named, so LibreOffice sets no serif), bold title
    and header, the header row and the names frozen, columns as wide as the longest name,
    printed one A4 page wide; a whole percent of a chart to one decimal (0.0 %)."""
    book = openpyxl.load_workbook(web_2019["karriereveiledning-2019-nb-tall.xlsx"])
    for sheet in book.worksheets:
        fonts = {(c.font.name, c.font.sz) for row in sheet.iter_rows() for c in row if c.value}
        assert fonts == {("Arial", 10)}, sheet.title
        assert sheet["A1"].font.b and all(c.font.b for c in sheet[4] if c.value)
        assert sheet.page_setup.paperSize == 9  # A4
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        last = openpyxl.utils.get_column_letter(sheet.max_column)
        assert sheet.print_area == f"'{sheet.title}'!$A$1:${last}${sheet.max_row}"
    assert book["Innhold"].freeze_panes == "A5"
    table = book["Tabell 1"]
    assert table.freeze_panes == "B5" and table.print_title_rows == "$4:$4"
    assert table.column_dimensions["A"].width == len("Trøndelag – Trööndelage") + 2
    assert [c.font.b for c in table[23]] == [True] * 5  # «Hele landet», the total
    assert [c.value for c in table[23]][:3] == ["Hele landet", 41, 20958]
    age = book["Figur 4"]  # Brukere etter alder: 30 % of 20–29 year olds in the memo
    assert age["A6"].value == "20–29 år"
    assert age["B6"].number_format == '0.0" %"'
    assert round(age["B6"].value) == 30 and age["B6"].value != 30


def test_a_table_may_break_its_long_number_headings_where_a_phone_needs_it():
    """A number column's heading may break in its long words at nb/nn hyphenation points
    (soft hyphens; the stylesheet lets them act on a phone only), never the name column's."""
    from dataclasses import replace

    from reportgen.findings.values import NAME_DASH
    from reportgen.html_writer.blocks import table_html
    from reportgen.model import Table

    table = Table(
        header=("Senter", "Unike brukarar", "Individuelle samtalar", "Kurs og grupperettleiingar"),
        rows=((NAME_DASH.join(("Troms", "Romsa", "Tromssa")), "821", "1 310", "22"),),
        label="Tabell 1",
        caption="Karrieresentera i Troms",
        align=("left", "right", "right", "right"),
    )
    html = table_html(table, language="nn-NO")
    shy = "\u00ad"
    assert (
        '<th scope="col">Senter</th><th scope="col" class="num">Unike brukarar</th>'
        '<th scope="col" class="num">Individuelle samtalar</th>'
        f'<th scope="col" class="num">Kurs og gruppe{shy}rett{shy}leiingar</th>'
    ) in html
    assert f'<th scope="row">Troms{NBSP}\u2013{NBSP}Romsa{NBSP}\u2013{NBSP}Tromssa</th>' in html
    bokmål = replace(table, header=(*table.header[:-1], "Kurs og gruppeveiledninger"))
    assert f"Kurs og gruppe{shy}vei{shy}led{shy}ninger</th>" in table_html(bokmål, language="nb")
