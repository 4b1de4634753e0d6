"""County memos: counties per reform period, sums, comparisons across reforms, batch."""

from __future__ import annotations

import json

import docx
import pytest
from click.testing import CliRunner
from conftest import DATA

from reportgen.batch import plan_batch
from reportgen.cli import main
from reportgen.config import Settings
from reportgen.findings.compute import compute
from reportgen.findings.values import Unit
from reportgen.pipeline import build_memo

NBSP = "\u00a0"


@pytest.mark.parametrize("year, count", [(2017, 19), (2019, 18), (2022, 11), (2024, 15)])
def test_batch_plans_every_county_valid_that_year(year, count):
    assert len(plan_batch(Settings(year=year, data=DATA))[0]) == count


@pytest.mark.parametrize("year", [2015, 2019, 2020, 2022, 2024])
def test_county_figures_sum_to_the_national_ones(dataset, year):
    national = compute(dataset, year)
    counties = [compute(dataset, year, Unit(c)) for c in dataset.classification.valid_in(year)]
    assert sum(f.users.current for f in counties) == national.users.current
    assert sum(f.conversations.current for f in counties) == national.conversations.current
    assert sum(f.group_sessions.current for f in counties) == national.group_sessions.current
    assert sum(f.centres for f in counties) == national.centres


def test_2020_compares_with_the_summed_2019_predecessors(dataset):
    vestland = compute(dataset, 2020, Unit(dataset.classification.get("46", 2020)))
    hordaland = compute(dataset, 2019, Unit(dataset.classification.get("12", 2019)))
    sogn = compute(dataset, 2019, Unit(dataset.classification.get("14", 2019)))
    assert vestland.users.status == "merged"
    assert vestland.users.previous == hordaland.users.current + sogn.users.current
    oslo = compute(dataset, 2020, Unit(dataset.classification.get("03", 2020)))
    assert oslo.users.status == "ok"


@pytest.mark.parametrize("code", ["31", "32", "33", "39", "40", "55", "56"])
def test_2024_split_counties_have_no_comparison(dataset, code):
    f = compute(dataset, 2024, Unit(dataset.classification.get(code, 2024)))
    assert f.users.status == "split" and f.users.previous is None and f.users.percent is None


def _paragraphs(path) -> str:
    return " ".join(p.text for p in docx.Document(str(path)).paragraphs).replace(NBSP, " ")


def test_county_memo_texts_across_reforms(dataset, tmp_path):
    settings = Settings(year=2020, data=DATA, output=tmp_path, language="nb")
    text = _paragraphs(build_memo(settings, dataset, county="46").files[0])
    assert (
        "Vestland ble opprettet 1. januar 2020 da Hordaland og Sogn og Fjordane ble slått "
        "sammen. For årene før 2020 viser vi summen av de to fylkene, slik at tallene kan "
        "sammenlignes over tid."
    ) in text
    assert "brudd i tidsserien" not in text
    settings = Settings(year=2024, data=DATA, output=tmp_path, language="nb")
    text = _paragraphs(build_memo(settings, dataset, county="55").files[0])
    assert (
        "Troms ble gjenopprettet som eget fylke da Troms og Finnmark ble delt 1. januar 2024. "
        "Tallene for 2023 gjelder hele Troms og Finnmark, så vi sammenligner ikke med 2023."
    ) in text
    assert "ikke tilgjengelig" not in text and "delingen av et fylke" not in text
    assert "økning" not in text and "nedgang" not in text


def test_official_sami_kven_label_in_title(dataset, tmp_path):
    settings = Settings(year=2022, data=DATA, output=tmp_path, language="nb")
    path = build_memo(settings, dataset, county="54").files[0]
    title = docx.Document(str(path)).core_properties.title
    assert title == (
        "Karriereveiledning i Troms og Finnmark – Romsa ja Finnmárku – Tromssa ja Finmarkku"
    )


def test_batch_writes_every_county_and_an_index(tmp_path):
    result = CliRunner().invoke(
        main,
        ["batch", "--year", "2022", "--data", str(DATA), "--output", str(tmp_path), "--jobs", "2"],
    )
    assert result.exit_code == 0, result.output
    folder = tmp_path / "2022" / "fylker"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    assert [c["code"] for c in index["counties"]] == [
        "03",
        "11",
        "15",
        "18",
        "30",
        "34",
        "38",
        "42",
        "46",
        "50",
        "54",
    ]
    assert sum(c["unique_users"] for c in index["counties"]) == 24825
    for county in index["counties"]:
        assert county["error"] is None
        memos = [name for name in county["files"] if name.endswith((".docx", ".pdf", ".html"))]
        assert len(memos) == 4  # DOCX, PDF, HTML and the article
        assert all((folder / name).stat().st_size > 10_000 for name in memos)
        assert all((folder / name).is_file() for name in county["files"])
        assert all(name.isascii() for name in county["files"])


def test_batch_reports_a_failing_county_and_writes_the_others(tmp_path, monkeypatch):
    import reportgen.batch as batch

    real = batch.finish_memo

    def failing(started, *options):
        if started.job.findings.unit.county.code == "46":
            raise RuntimeError("disk full")
        return real(started, *options)

    monkeypatch.setattr(batch, "finish_memo", failing)
    result = CliRunner().invoke(
        main,
        [
            "batch",
            "--year",
            "2022",
            "--data",
            str(DATA),
            "--output",
            str(tmp_path),
            "--county",
            "46",
            "--county",
            "03",
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 1
    assert "FAILED 46 Vestland: RuntimeError: disk full" in result.output
    assert (tmp_path / "2022" / "fylker" / "03-oslo-2022-nb.pdf").exists()


def test_explain_says_why_a_change_is_not_computed():
    oslo = (
        CliRunner()
        .invoke(main, ["explain", "--year", "2019", "--county", "03", "--data", str(DATA)])
        .output
    )
    assert (
        "unique_users_change_pct = None\n  from centres.csv where (as above)\n"
        "  not computed: the base is 0 (no users that year)"
    ) in oslo
    troms = (
        CliRunner()
        .invoke(main, ["explain", "--year", "2024", "--county", "55", "--data", str(DATA)])
        .output
    )
    assert (
        "unique_users_change = None\n  from centres.csv where (as above)\n"
        "  not computed: no comparable base (split)" in troms
    )


def test_a_broken_template_stops_the_batch_before_anything_is_written(tmp_path):
    templates = tmp_path / "mine"
    templates.mkdir()
    (templates / "county.nb.md").write_text("# {{ {{ county.label }}\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "batch",
            "--year",
            "2019",
            "--data",
            str(DATA),
            "--output",
            str(tmp_path / "out"),
            "--templates",
            str(templates),
        ],
    )
    assert result.exit_code == 2
    assert result.output.count("template syntax error") == 1
    assert (
        "(county memos 01, 02, 03, 04, 05, 06, 07, 08, 09, 10, 11, 18, 19, 20, 50)" in result.output
    )
    assert not (tmp_path / "out").exists()


def test_batch_without_helper_processes(tmp_path, monkeypatch):
    """Where no helper can be forked (one core, or no fork), everything runs in-process."""
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    result = CliRunner().invoke(
        main,
        [
            "batch",
            "--year",
            "2024",
            "--data",
            str(DATA),
            "--output",
            str(tmp_path),
            "--county",
            "55",
            "--county",
            "56",
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "2024" / "fylker").glob("5*.*")) == [
        f"{county}-2024-nb{end}"
        for county in ("55-troms", "56-finnmark")
        for end in ("-artikkel.html", "-tall.xlsx", ".docx", ".html", ".pdf")
    ]


def test_a_batch_of_one_county_keeps_the_others_on_the_index_page(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    reportgen = Path(sys.executable).parent / "reportgen"
    common = ["--year", "2019", "--data", str(DATA), "-o", str(tmp_path), "--formats", "html"]
    subprocess.run([str(reportgen), "batch", *common], check=True, capture_output=True)
    subprocess.run(
        [str(reportgen), "batch", *common, "--county", "Vestfold"], check=True, capture_output=True
    )
    page = (tmp_path / "2019" / "index.html").read_text(encoding="utf-8")
    listed = json.loads((tmp_path / "2019" / "fylker" / "index.json").read_text())["counties"]
    assert len(listed) == 18
    assert all(f'href="fylker/{c["files"][0]}"' in page for c in listed)


def test_batches_in_both_målformer_keep_both_in_the_index(tmp_path):
    """C10: the nynorsk batch after the bokmål one adds its memos to fylker/index.json
    beside the bokmål ones; index.html in bokmål links the bokmål memo of each county."""
    import subprocess
    import sys
    from pathlib import Path

    reportgen = Path(sys.executable).parent / "reportgen"
    common = ["--year", "2019", "--data", str(DATA), "-o", str(tmp_path), "--formats", "html"]
    for language in ("nb", "nn"):
        subprocess.run(
            [str(reportgen), "batch", *common, "--language", language, "--county", "Vestfold"],
            check=True,
            capture_output=True,
        )
    listed = json.loads((tmp_path / "2019" / "fylker" / "index.json").read_text())["counties"]
    assert [(c["code"], c["language"], c["files"]) for c in listed] == [
        ("07", "nb", ["07-vestfold-2019-nb.html"]),
        ("07", "nn", ["07-vestfold-2019-nn.html"]),
    ]
    page = (tmp_path / "2019" / "index.html").read_text(encoding="utf-8")
    assert 'href="fylker/07-vestfold-2019-nn.html"' in page  # the last batch's målform
    assert 'href="fylker/07-vestfold-2019-nb.html"' not in page
