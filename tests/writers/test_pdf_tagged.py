"""Every PDF is a tagged PDF/UA-1 and PDF/A-2a file: the checkers find nothing, every text
operator is tagged or an artifact, and the structure tree reads as the memo's model.

Built here: the 2019 national memo (nb, nn) and the 2024 Nordland memo in process, with
their models kept, and every 2019 and 2024 county memo through ``reportgen batch``.
Rules: ISO 14289-1 (PDF/UA-1) 7.1-7.5, PDF 32000-1 14.6-14.8 (marked content, structure),
ISO 19005-2 6.6 (XMP).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pytest
from conftest import DATA, EPOCH, assert_outloud_clean, require_tool
from pdf_structure import kids, marked_text, model_text, structure, structure_text, words
from pikepdf.models.metadata import decode_pdf_date
from printing import write_pdf
from pypdf import PdfReader

from reportgen import model as m
from reportgen import pipeline
from reportgen.config import Settings
from reportgen.pdf_writer.archive import SRGB
from reportgen.theme import Theme

BIN = Path(sys.executable).parent
TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}


@pytest.fixture(scope="module")
def national(tmp_path_factory, dataset) -> dict[Path, m.Memo]:
    """PDF path → the model it was written from, for the 2019 national memo in bokmål and
    nynorsk and the 2024 Nordland memo (a county name in two languages, a centre table)."""
    out, models = tmp_path_factory.mktemp("national"), {}
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    write_formats = pipeline.write_formats

    def keep(memo, theme, job, *rest):
        models[job.folder / f"{job.stem}.pdf"] = memo
        return write_formats(memo, theme, job, *rest)

    mp.setattr(pipeline, "write_formats", keep)
    try:
        for language in ("nb", "nn"):
            settings = Settings(year=2019, data=DATA, output=out, language=language)
            pipeline.build_memo(settings, dataset).pending.result()
        settings = Settings(year=2024, data=DATA, output=out, language="nb")
        pipeline.build_memo(settings, dataset, county="18").pending.result()
    finally:
        mp.undo()
    return models


@pytest.fixture(scope="module")
def counties(tmp_path_factory) -> list[Path]:
    """Every county memo of 2019 and 2024, built by the batch command."""
    out = tmp_path_factory.mktemp("counties")
    for year in ("2019", "2024"):
        subprocess.run(
            [str(BIN / "reportgen"), "batch", "--year", year, "-o", str(out)],
            check=True,
            capture_output=True,
            cwd=DATA.parent,
            env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        )
    return sorted(out.rglob("*.pdf"))


@pytest.fixture(scope="module")
def pdfs(national, counties) -> list[Path]:
    assert len(counties) >= 30  # 18 counties in 2019, 11 (+ Oslo) in 2024
    return [*national, *counties]


def test_pdfinfo_says_tagged(pdfs):
    pdfinfo = require_tool("pdfinfo", "poppler-utils")
    for path in pdfs:
        info = subprocess.run([pdfinfo, str(path)], capture_output=True, text=True).stdout
        assert "Tagged:          yes" in info, path


def test_outloud_finds_nothing(pdfs):
    assert_outloud_clean(pdfs)


def test_pdfua_finds_nothing(pdfs):
    done = subprocess.run(
        [str(BIN / "pdfua"), "check", *map(str, pdfs)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout
    assert done.stdout.count("result: PASS (no findings)") == len(pdfs)
    assert "not evaluated" not in done.stdout  # every rule ran


def test_every_text_operator_is_tagged_or_an_artifact(pdfs):
    for path in pdfs:
        with pikepdf.open(path) as pdf:
            reached = {mark for _, _, own in structure(pdf) for mark in own}
            for index, page in enumerate(pdf.pages):
                stack, loose, shown = [], [], 0
                for operands, operator in pikepdf.parse_content_stream(page):
                    name = str(operator)
                    if name in ("BDC", "BMC"):
                        props = operands[1] if name == "BDC" else None
                        mcid = int(props.MCID) if props is not None and "/MCID" in props else None
                        stack.append((str(operands[0]), mcid))
                    elif name == "EMC":
                        stack.pop()
                    elif name in TEXT_OPERATORS:
                        shown += 1
                        if not any(
                            tag == "/Artifact" or (index, mcid) in reached for tag, mcid in stack
                        ):
                            loose.append(operands)
                assert stack == [] and shown > 0 and loose == [], (path.name, index, loose)


def test_every_figure_has_alt_text_and_a_box(pdfs):
    for path in pdfs:
        with pikepdf.open(path) as pdf:
            figures = [element for role, element, _ in structure(pdf) if role == "Figure"]
            assert figures, path.name
            for figure in figures:
                assert len(str(figure.Alt)) > 20
                assert len(figure.A.BBox) == 4 and figure.A.O == "/Layout"


def test_every_table_starts_with_a_header_row(pdfs):
    for path in pdfs:
        with pikepdf.open(path) as pdf:
            tables = [element for role, element, _ in structure(pdf) if role == "Table"]
            assert tables, path.name
            for table in tables:
                roles = [str(kid.S) for kid in kids(table)]
                assert roles == ["/Caption", "/THead", "/TBody"]
                first_row = kids(kids(table)[1])[0]
                cells = kids(first_row)
                assert cells and all(
                    cell.S == "/TH" and cell.A.Scope == "/Column" for cell in cells
                )


def test_text_in_structure_order_is_the_model_text(national):
    for path, memo in national.items():
        assert structure_text(path) == model_text(memo)


def test_headings_skip_no_level_and_bookmarks_land_on_their_page(pdfs):
    for path in pdfs:
        with pikepdf.open(path) as pdf:
            pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
            elements = structure(pdf)
            levels = [int(role[1]) for role, _, _ in elements if role in ("H1", "H2", "H3")]
            assert all(b <= a + 1 for a, b in zip([1, *levels], levels))
            texts = marked_text(path)
            headings = [
                (words(texts[own[0]]), own[0][0])
                for role, _, own in elements
                if role in ("H1", "H2", "H3")
            ][1:]  # the first is the title
            with pdf.open_outline() as outline:
                marks = []
                stack = list(reversed(outline.root))
                while stack:
                    item = stack.pop()
                    marks.append((item.title, pages[item.destination[0].objgen]))
                    stack += reversed(item.children)
            assert marks == headings and len(marks) > 3, path.name


def test_catalog_and_xmp_claim_pdf_ua_1_and_pdf_a_2a(national):
    for path, memo in national.items():
        meta = memo.metadata
        with pikepdf.open(path) as pdf:
            root, info = pdf.Root, pdf.docinfo
            assert root.Lang == meta.language and root.MarkInfo.Marked is True
            assert root.ViewerPreferences.DisplayDocTitle is True
            assert [page.StructParents for page in pdf.pages] == list(range(len(pdf.pages)))
            intent = root.OutputIntents[0]
            profile = intent.DestOutputProfile.read_bytes()
            assert intent.S == "/GTS_PDFA1" and intent.OutputConditionIdentifier == SRGB
            assert intent.DestOutputProfile.N == 3 and profile[12:20] == b"mntrRGB "
            assert "/Filter" not in root.Metadata  # ISO 19005-2 6.6.2.1
            xmp = pdf.open_metadata()
            assert (xmp["pdfuaid:part"], xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == (
                "1",
                "2",
                "A",
            )
            # the title as a property has plain spaces (no-break spaces are for the page)
            assert xmp["dc:title"] == str(info.Title) == meta.title.replace("\u00a0", " ")
            assert xmp["dc:language"] == {meta.language}
            assert xmp["dc:creator"] == [str(info.Author)]
            assert xmp["dc:description"] == str(info.Subject)
            assert xmp["pdf:Keywords"] == str(info.Keywords)
            assert xmp["pdf:Producer"] == str(info.Producer)
            assert xmp["pdf:Trapped"] == str(info.Trapped)[1:] == "False"
            assert xmp["xmp:CreatorTool"] == str(info.Creator)
            created = decode_pdf_date(str(info.CreationDate))
            assert datetime.fromisoformat(xmp["xmp:CreateDate"]) == created
            assert datetime.fromisoformat(xmp["xmp:ModifyDate"]) == created


def test_a_table_and_a_list_across_pages_read_once_in_order(tmp_path):
    rows = tuple((f"Rad {i}", f"{i * 7}") for i in range(90))
    table = m.Table(("Navn", "Tall"), rows, "Tabell 1", "Lang tabell", ("left", "right"))
    items = tuple((m.Run(f"Punkt {i}: " + "karriereveiledning " * 60),) for i in range(6))
    memo = m.Memo(
        m.Metadata(title="Prøve", created=datetime(2025, 3, 15, 8, 30, tzinfo=UTC)),
        (m.Heading(1, "Tabell"), table, m.Heading(2, "Liste"), m.BulletList(items, True)),
    )
    path = tmp_path / "lang.pdf"
    write_pdf(memo, Theme(header_text="Notat", footer_text="HK-dir"), path)
    assert structure_text(path) == model_text(memo)  # the repeated header row is not read
    reader = PdfReader(path)
    assert len(reader.pages) >= 4
    assert sum(page.extract_text().count("Navn") for page in reader.pages) >= 3
    with pikepdf.open(path) as pdf:
        elements = structure(pdf)
    labels = [own for role, _, own in elements if role == "Lbl"]
    bodies = [own for role, _, own in elements if role == "LBody"]
    assert len(labels) == 6 and all(len(own) == 1 for own in labels)
    assert any(len({page for page, _ in own}) == 2 for own in bodies)  # an item split
    done = subprocess.run(
        [str(BIN / "outloud"), "--fail-on", "warning", "-q", str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout


def language_spans(path: Path) -> list[tuple[str, str, int]]:
    """(language, the tag of the sequence it stands in (a row's name is a TD), how many
    glyph runs it draws) of each marked-content sequence with a /Lang, in drawing order."""
    spans: list[tuple[str, str, int]] = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            stack: list[tuple[str, str | None]] = []
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name == "BDC" and "/Lang" in operands[1]:
                    spans.append((str(operands[1].Lang), stack[-1][0], 0))
                if name in ("BDC", "BMC"):
                    lang = (
                        str(operands[1].Lang) if name == "BDC" and "/Lang" in operands[1] else None
                    )
                    stack.append((str(operands[0]), lang))
                elif name == "EMC":
                    stack.pop()
                elif name in TEXT_OPERATORS and stack and stack[-1][1] is not None:
                    lang, tag, runs = spans[-1]
                    spans[-1] = (lang, tag, runs + 1)
    return spans


def test_sami_and_kven_name_forms_are_drawn_in_their_language(national):
    """Each Sami or Kven form of a county's name stands in a /Lang span inside its
    paragraph's or cell's marked content, as the DOCX and HTML mark it: the 2024 Nordland
    title «Nordland – Nordlánnda», and the forms in Tabell 1 of the 2019 memo."""
    paths = {path.name: path for path in national}
    assert language_spans(paths["18-nordland-2024-nb.pdf"]) == [("smj", "/H1", 1)]
    assert language_spans(paths["karriereveiledning-2019-nb.pdf"]) == [
        ("smj", "/TD", 1),  # Nordland – Nordlánnda
        ("se", "/TD", 1),  # Troms – Romsa
        ("se", "/TD", 1),  # Finnmark – Finnmárku
        ("sma", "/TD", 1),  # Trøndelag – Trööndelage
    ]
