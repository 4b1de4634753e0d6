"""The 2019 national memo end to end: exact Hovedfunn, DOCX and PDF read back."""

from __future__ import annotations

import docx
import pypdf
from conftest import list_items_after

from reportgen.language import get_language
from reportgen.language.typeset import typeset

NBSP = "\u00a0"


def _set(sentences: list[str]) -> list[str]:
    """The sentences as the memo sets them: no-break spaces after a number before its noun
    and between a preposition and a year (rules tested in tests/language)."""
    return [typeset(s, get_language("nb")) for s in sentences]


HOVEDFUNN_2019 = _set(
    [
        f"I 2019 hadde 20{NBSP}958 personer én eller flere samtaler med et karrieresenter. "
        f"Det er 1{NBSP}354 flere personer enn året før, en økning på syv prosent.",
        "Antallet unike brukere har økt med nesten 30 prosent fra 2015 til 2019.",
        f"Karrieresentrene gjennomførte 1{NBSP}062 kurs og gruppeveiledninger i 2019. "
        f"Det er flere enn i 2018 (948) og om lag like mange som i 2017 (1{NBSP}049).",
        "Oslo åpnet sitt første offentlige karrieresenter i 2019. "
        "Nå har alle fylker minst ett senter.",
        "Sogn og Fjordane hadde flest brukere i forhold til folketallet, 6,3 per "
        f"1{NBSP}000 innbyggere, og Oslo færrest, 0,5.",
        "Over halvparten av brukerne (57 prosent) hadde grunnskole eller videregående skole som "
        "høyeste utdanning.",
        "Nesten 95 prosent av dem som svarte på brukerundersøkelsen, er ganske eller svært "
        "fornøyde med veiledningen.",
        "Partnerskapene for karriereveiledning i fylkene går inn i en ny fase fra 2020, når "
        "fylkeskommunene får et større ansvar for karriereveiledning gjennom regionreformen.",
    ]
)

KEY_FIGURES = [
    "20 958",
    "1 354",
    "syv prosent",
    "nesten 30 prosent",
    "1 062",
    "nesten 95 prosent",
    "41 sentre",
]


def test_docx_hovedfunn_exact(memo_2019):
    document = docx.Document(str(memo_2019[0]))
    assert list_items_after(document, "Hovedfunn") == HOVEDFUNN_2019


def test_docx_structure(memo_2019):
    document = docx.Document(str(memo_2019[0]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Hovedfunn",
        "Bakgrunn og datagrunnlag",
        "Karrieresentrene og brukerne i fylkene",
        "Utviklingen over tid",
        "Hvem er brukerne?",
        "Gruppeveiledning og kurs",
        "Brukerundersøkelsen",
        "Om tallene",
    ]
    assert document.core_properties.title == "Landsdekkende tilbud om karriereveiledning"
    assert document.core_properties.language == "nb-NO"


def test_docx_pictures_have_alt_text(memo_2019):
    document = docx.Document(str(memo_2019[0]))
    doc_prs = document.element.body.findall(".//" + docx.oxml.ns.qn("wp:docPr"))
    assert len(doc_prs) >= 4
    for doc_pr in doc_prs:
        assert len(doc_pr.get("descr", "")) > 40
    assert "Oslo hadde færrest" not in doc_prs[0].get("descr")  # states the real message
    assert "Akershus hadde flest brukere" in doc_prs[0].get("descr")


def test_docx_county_table(memo_2019):
    document = docx.Document(str(memo_2019[0]))
    table = document.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0][0] == "Fylke" and len(rows) == 1 + 18 + 1
    assert rows[-1] == ["Hele landet", "41", f"20{NBSP}958", f"+6,9{NBSP}%", f"100,0{NBSP}%"]
    oslo = next(r for r in rows if r[0] == "Oslo")
    assert oslo[3] == "."  # no centre in 2018: no base to compare with
    assert sum(int(r[2].replace(NBSP, "")) for r in rows[1:-1]) == 20958


def _pdf_text(path) -> str:
    reader = pypdf.PdfReader(str(path))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace(NBSP, " ").split())


def test_pdf_has_the_same_key_figures(memo_2019):
    pdf_text = _pdf_text(memo_2019[1]).lower()
    document = docx.Document(str(memo_2019[0]))
    docx_text = " ".join(p.text for p in document.paragraphs).replace(NBSP, " ").lower()
    for figure in KEY_FIGURES:
        assert figure in pdf_text, figure
        assert figure in docx_text, figure


def test_pdf_metadata_and_outline(memo_2019):
    reader = pypdf.PdfReader(str(memo_2019[1]))
    assert reader.metadata.title == "Landsdekkende tilbud om karriereveiledning"
    assert reader.trailer["/Root"]["/Lang"] == "nb-NO"
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Hovedfunn" in titles and "Om tallene" in titles
    assert "Side 1 av" in reader.pages[0].extract_text()


def test_memo_says_the_detail_is_synthetic(memo_2019):
    assert (
        "Alle andre tall, blant annet fordelingen på fylker, sentre og brukergrupper, er syntetiske"
    ) in _pdf_text(memo_2019[1])


def _shipped_data_without(tmp_path, year: str):
    """A copy of the shipped data with every row of ``year`` removed."""
    import csv
    import shutil

    from conftest import DATA

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for name in ("centres", "users", "survey", "population"):
        path = data / f"{name}.csv"
        rows = list(csv.reader(path.open(encoding="utf-8")))
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(
                [rows[0]] + [row for row in rows[1:] if row[0] != year]
            )
    return data


def test_a_missing_year_is_shown_as_missing_and_not_compared(tmp_path):
    from reportgen.config import Settings
    from reportgen.dataset.load import load_dataset
    from reportgen.pipeline import build_memo

    data = _shipped_data_without(tmp_path, "2018")
    dataset = load_dataset(data, year=2019)
    assert [w.rule for w in dataset.warnings if "2018" in w.rule]
    docx_path = build_memo(
        Settings(year=2019, data=data, output=tmp_path / "out"),
        dataset,
    ).files[0]
    document = docx.Document(str(docx_path))
    first = list_items_after(document, "Hovedfunn")[0]
    assert first == typeset(
        f"I 2019 hadde 20{NBSP}958 personer én eller flere samtaler med et karrieresenter.",
        get_language("nb"),
    )
    # the yearly numbers are Figur 2's (no table of their own): «..» over 2018, explained
    notes = [p.text for p in document.paragraphs if p.style.name == "Note"]
    assert (
        "Tegnforklaring: .. = tall mangler (året finnes ikke i datagrunnlaget). "
        "Antall personer. Kilde: karrieresentrenes rapportering for 2019."
    ) in notes


def test_validate_warns_about_a_year_missing_inside_the_range(tmp_path):
    from click.testing import CliRunner

    from reportgen.cli import main

    data = _shipped_data_without(tmp_path, "2018")
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert result.exit_code == 0
    assert (
        f"{data / 'centres.csv'}, column 'year': has no rows for 2018, between 2015 and "
        "2024. Fix: add the 2018 rows, or accept memos that show 2018 as missing"
    ) in result.output


def test_memo_command_states_what_it_read(tmp_path):
    from click.testing import CliRunner
    from conftest import DATA

    from reportgen.cli import main

    result = CliRunner().invoke(
        main, ["memo", "--year", "2019", "--data", str(DATA), "--output", str(tmp_path)]
    )
    assert result.exit_code == 0
    assert f"read {DATA / 'centres.csv'} (UTF-8, comma-separated)\n" in result.stderr
    assert result.stdout.startswith(f"wrote {tmp_path / '2019'}")
