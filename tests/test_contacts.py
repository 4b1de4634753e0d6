"""contacts.csv (issue 22): Karriereveiledning.no's inquiries and the centres' conversations
by channel, 2019–2024, as data/generate.py writes them: the published 2022 figures
(15 400 inquiries, 78 % chat, 22 % phone; the centres' 24 825 users) and 2021's, a file
without a service column read as the centres', and centres' contacts that do not add up
to centres.csv stopped by ``validate``."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA

from reportgen.dataset.load import load_dataset
from reportgen.findings.compute import compute

REPORTGEN = str(Path(sys.executable).parent / "reportgen")


def test_generate_writes_the_shipped_files(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("generate", DATA / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    monkeypatch.setattr(generate, "OUT", tmp_path)
    generate.main()
    for path in sorted(tmp_path.iterdir()):
        assert path.read_bytes() == (DATA / path.name).read_bytes(), path.name
    assert (tmp_path / "contacts.csv").exists()


@pytest.mark.parametrize(
    ("year", "inquiries", "chat", "phone", "users", "conversations"),
    [(2022, 15400, 78.0, 22.0, 24825, 40465), (2021, 17860, None, None, 23412, 37693)],
)
def test_published_figures(dataset, year, inquiries, chat, phone, users, conversations):
    found = compute(dataset, year)
    service = found.contacts["karriereveiledning_no"]
    assert service.total == inquiries
    assert [code for code, _ in service.counts] == ["chat", "phone", "email"]
    if chat is not None:
        assert (service.share("chat"), service.share("phone")) == (chat, phone)
    else:  # «nesten 18 000» inquiries, «over 2300» by phone
        assert 17500 <= service.total < 18000 and 2300 < service.count("phone") < 2400
    assert found.users.current == users
    assert found.contacts["centres"].total == found.conversations.current == conversations
    assert [code for code, _ in found.contacts["centres"].counts] == [
        "in_person",
        "video",
        "phone",
    ]


def test_county_memos_have_the_contacts_of_the_country_only(dataset):
    county = next(c for c in dataset.classification.valid_in(2022) if c.code == "46")
    from reportgen.findings.values import Unit

    found = compute(dataset, 2022, Unit(county))
    assert found.contacts == {} and found.national.contacts["centres"].total == 40465


def test_without_a_service_column_the_rows_are_the_centres(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    lines = (DATA / "contacts.csv").read_text(encoding="utf-8").splitlines()
    kept = ["year,channel,contacts"] + [
        f"{y},{c},{n}" for y, s, c, n in (line.split(",") for line in lines[1:]) if s == "centres"
    ]
    (tmp_path / "data" / "contacts.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    found = compute(load_dataset(tmp_path / "data"), 2022)
    assert list(found.contacts) == ["centres"] and found.contacts["centres"].total == 40465


def test_centres_contacts_must_add_up_to_their_conversations(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "contacts.csv"
    text = path.read_text(encoding="utf-8").replace(
        "2022,centres,video,4856", "2022,centres,video,4800"
    )
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [REPORTGEN, "validate", "--data", "data"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 2
    row = text.splitlines().index("2022,centres,in_person,26707") + 1
    assert (
        f"  error: data/contacts.csv, row {row}, column 'contacts': the centres' contacts in "
        "2022 sum to 40409, but centres.csv reports 40465 individual conversations. Fix: "
        "correct the 2022 rows of the centres so they sum to 40465\n"
    ) in done.stdout
