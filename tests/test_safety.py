"""Names from the data are text, never paths or markup: safe file names, literal output."""

from __future__ import annotations

import re
import shutil

import docx
import pypdf
from conftest import DATA
from hypothesis import given
from hypothesis import strategies as st

from reportgen.config import Settings
from reportgen.dataset.load import load_dataset
from reportgen.files import slug
from reportgen.pipeline import build_memo

NBSP = "\u00a0"


def test_slug_examples():
    assert slug("Møre og Romsdal") == "more-og-romsdal"
    assert (
        slug("Troms og Finnmark – Romsa ja Finnmárku – Tromssa ja Finmarkku")
        == "troms-og-finnmark-romsa-ja-finnmarku-tromssa-ja-finmarkku"
    )
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("C:\\Windows:NUL") == "c-windows-nul"
    assert slug("Guovdageaidnu – Kárášjohka ŋ đ ŧ") == "guovdageaidnu-karasjohka-n-d-t"
    assert slug("///") == "x"


@given(st.text())
def test_any_name_gives_one_safe_ascii_file_name_part(name):
    part = slug(name)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|x", part)
    assert len(part) <= 60


def _data_with(tmp_path, county_name: str, centre_name: str):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    counties = (data / "counties.csv").read_text(encoding="utf-8")
    counties = counties.replace("46,Vestland,Vestland,", f'46,"{county_name}","{county_name}",')
    (data / "counties.csv").write_text(counties, encoding="utf-8")
    centres = (data / "centres.csv").read_text(encoding="utf-8")
    centres = centres.replace("Karriere Bergen", f'"{centre_name}"')
    (data / "centres.csv").write_text(centres, encoding="utf-8")
    return data


def test_hostile_names_from_the_data(tmp_path):
    county = "../Vest/land: *Várjjat* <b>"
    centre = "Jordbruk, skogbruk & fiske <5"
    data = _data_with(tmp_path, county, centre)
    out = tmp_path / "out"
    settings = Settings(year=2020, data=data, output=out, language="nb")
    files = build_memo(settings, load_dataset(data), county="46").files
    folder = (out / "2020" / "fylker").resolve()
    stem = "46-vest-land-varjjat-b-2020-nb"
    assert [p.name for p in files][:5] == [
        f"{stem}.docx",
        f"{stem}.pdf",
        f"{stem}.html",
        f"{stem}-artikkel.html",
        f"{stem}-tall.xlsx",
    ]
    assert all(p.resolve().parent in (folder, folder / "tall") for p in files)
    document = docx.Document(str(files[0]))
    text = " ".join(p.text for p in document.paragraphs)
    assert f"med et karrieresenter i {county}." in text
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert centre in cells
    pdf = " ".join(page.extract_text() for page in pypdf.PdfReader(str(files[1])).pages)
    pdf = " ".join(pdf.replace(NBSP, " ").split())
    assert f"karrieresenter i {county}." in pdf and centre in pdf
