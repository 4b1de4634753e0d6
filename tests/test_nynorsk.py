"""The 2019 national memo in nynorsk from the same data: exact Hovudfunn, headings, language."""

from __future__ import annotations

import docx
import pypdf
import pytest
from conftest import DATA, EPOCH

from reportgen.config import Settings

NBSP = "\u00a0"

HOVUDFUNN_2019 = [
    (f"I 2019 hadde 20{NBSP}958 personar éin eller fleire samtalar med eit karrieresenter. "
     f"Det er ein auke på sju prosent frå 2018, eller 1{NBSP}354 fleire personar enn i 2018."),
    "Talet på unike brukarar har auka med nesten 30 prosent frå 2015 til 2019.",
    (f"Karrieresentera gjennomførte 1{NBSP}062 kurs og grupperettleiingar i 2019. "
     "Det er ein auke frå 2018, og meir på linje med tala frå 2017."),
    "Oslo opna sitt første offentlege karrieresenter i 2019. No har alle fylka minst eitt senter.",
    ("Personar med lågare utdanning nyttar seg i størst grad av tilbodet: 57 prosent av "
     "brukarane."),
    ("Nesten 95 prosent av dei som svarte på brukarundersøkinga, er ganske eller svært nøgde "
     "med rettleiinga."),
    ("Partnerskapa for karriererettleiing i fylka går inn i ein ny fase frå 2020, når "
     "fylkeskommunane får eit større ansvar for karriererettleiing gjennom regionreforma."),
]

HEADINGS = ["Hovudfunn", "Bakgrunn og datagrunnlag", "Karrieresentera og brukarane i fylka",
            "Utviklinga over tid", "Kven er brukarane?", "Grupperettleiing og kurs",
            "Brukarundersøkinga", "Om tala"]

TITLE = "Landsdekkjande tilbod om karriererettleiing"

#: Bokmål words that must not appear anywhere in the nynorsk memo (whole words, lower case).
BOKMAAL = {"brukere", "brukerne", "veiledning", "karriereveiledning", "karrieresentrene",
           "flere", "antallet", "økning", "hovedfunn", "fornøyde", "ikke", "fra", "og mer",
           "tallene", "hele", "høyere", "lavere", "deltakere", "samtaler", "personer", "hvem",
           "brukerundersøkelsen", "en økning", "av dem", "Kompetanse Norge"}


def build_nn_2019(tmp_path_factory, dataset):
    """DOCX and PDF paths of the 2019 national memo in nynorsk from the shipped data."""
    from reportgen.pipeline import build_memo

    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path_factory.mktemp("memo_nn")
    try:
        docx_path, pdf_path = build_memo(
            Settings(year=2019, data=DATA, output=out, language="nn"), dataset).files
    finally:
        mp.undo()
    return docx_path, pdf_path


@pytest.fixture(scope="module")
def memo_nn(tmp_path_factory, dataset):
    return build_nn_2019(tmp_path_factory, dataset)


def _list_items_after(document, heading: str) -> list[str]:
    items, inside = [], False
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            inside = paragraph.text == heading
        elif inside and paragraph.style.name == "List Bullet":
            items.append(paragraph.text)
    return items


def _docx_text(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join([p.text for p in document.paragraphs] + cells)


def _pdf_text(path) -> str:
    reader = pypdf.PdfReader(str(path))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace(NBSP, " ").split())


def test_docx_hovudfunn_exact(memo_nn):
    document = docx.Document(str(memo_nn[0]))
    assert _list_items_after(document, "Hovudfunn") == HOVUDFUNN_2019


def test_docx_headings_title_and_language(memo_nn):
    document = docx.Document(str(memo_nn[0]))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == HEADINGS
    assert document.core_properties.title == TITLE
    assert document.core_properties.language == "nn-NO"
    assert memo_nn[0].name == "karriereveiledning-2019-nn.docx"


def test_docx_tables_in_nynorsk(memo_nn):
    document = docx.Document(str(memo_nn[0]))
    counties = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert counties[0] == ["Fylke", "Senter", "Unike brukarar", "Endring frå 2018",
                           "Del av alle brukarar"]
    assert counties[-1] == ["Heile landet", "41", f"20{NBSP}958", f"+6,9{NBSP}%", f"100{NBSP}%"]
    years = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert years[0] == ["År", "Unike brukarar", "Endring frå året før"]


def test_no_bokmaal_words_in_the_text(memo_nn):
    document = docx.Document(str(memo_nn[0]))
    text = " " + " ".join(_docx_text(document).replace(NBSP, " ").split()) + " "
    for sign in ".,:;?!()–":
        text = text.replace(sign, " ")
    text = " " + " ".join(text.split()) + " "
    found = [w for w in BOKMAAL if f" {w.lower()} " in text.lower()]
    assert found == []


def test_pdf_language_title_and_outline(memo_nn):
    reader = pypdf.PdfReader(str(memo_nn[1]))
    assert reader.trailer["/Root"]["/Lang"] == "nn-NO"
    assert reader.metadata.title == TITLE
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == HEADINGS


def test_pdf_has_the_key_figures_and_findings(memo_nn):
    text = _pdf_text(memo_nn[1])
    for sentence in HOVUDFUNN_2019:
        assert sentence.replace(NBSP, " ") in text, sentence
    assert "41 senter i 18 fylke" in text
    assert "Fordelinga på fylke, senter og brukargrupper er syntetisk" in text
    assert "sju prosent" in text and "syv" not in text


@pytest.mark.xfail(strict=True, reason="the footer text comes from theme.toml, which is "
                   "bokmål and shared by both målformer; remove this mark once the footer "
                   "follows the memo's language (e.g. defaults to the memo title)")
def test_footer_is_nynorsk(memo_nn):
    document = docx.Document(str(memo_nn[0]))
    footer = " ".join(p.text for p in document.sections[0].footer.paragraphs)
    assert TITLE in footer
    assert "Landsdekkende" not in _pdf_text(memo_nn[1])
