"""Same data, templates and SOURCE_DATE_EPOCH ⇒ the same bytes; an interrupted batch
leaves only complete files; the manifest and explain trace every key figure."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pypdf
from click.testing import CliRunner
from conftest import DATA, EPOCH

from reportgen import workers
from reportgen.cli import main
from reportgen.config import Settings
from reportgen.files.output import LOCK
from reportgen.pipeline import build_memo

REPORTGEN = str(Path(sys.executable).parent / "reportgen")


def _build_all(out: Path, dataset) -> dict[str, str]:
    settings = Settings(year=2019, data=DATA, output=out, language="nb")
    with workers.start() as pool:
        files = [*build_memo(settings, dataset, workers=pool).files]
    for county in ("20", "12"):
        files += build_memo(settings, dataset, county=county).files
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def test_byte_identical_twice(tmp_path, dataset, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = _build_all(tmp_path / "a", dataset)
    second = _build_all(tmp_path / "b", dataset)
    # each memo: DOCX, PDF, HTML, article, XLSX, and a CSV file per table and chart
    # (national: 1 table, 5 charts, the yearly table being Figur 2's numbers again;
    # Hordaland: 1 table, 3 charts; Finnmark: 1 table, 2 charts, its survey hidden: it has
    # the fewest «svært fornøyd», the partner of Oslo's 6 answers in that column)
    assert len(first) == (5 + 6) + (5 + 4) + (5 + 3) and first == second


def test_other_build_date_changes_only_the_dates(tmp_path, dataset, monkeypatch):
    texts = []
    for epoch, folder in ((EPOCH, "a"), (str(int(EPOCH) + 86400 * 40), "b")):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        path = build_memo(
            Settings(year=2019, data=DATA, output=tmp_path / folder),
            dataset,
        ).files[0]
        texts.append([p.text for p in docx.Document(str(path)).paragraphs])
    changed = [(a, b) for a, b in zip(*texts) if a != b]
    # no publication date is given: the build date is printed, marked as a draft
    assert changed == [("Utkast, 1. januar 2020", "Utkast, 10. februar 2020")]


def test_manifest_and_explain(tmp_path, dataset):
    build_memo(Settings(year=2019, data=DATA, output=tmp_path), dataset)
    manifest = json.loads((tmp_path / "2019" / "manifest.json").read_text(encoding="utf-8"))
    record = manifest["memos"]["karriereveiledning-2019-nb"]
    inputs = {Path(i["path"]).name: i["sha256"] for i in record["inputs"]}
    assert record["inputs"][1]["read_as"] == "UTF-8, comma-separated"
    assert inputs["centres.csv"] == hashlib.sha256((DATA / "centres.csv").read_bytes()).hexdigest()
    names = {Path(t["path"]).name for t in record["templates"]}
    assert {"national.nb.md", "labels.nb.toml", "theme.toml", "reference.docx"} <= names
    figures = {f["figure"]: f for f in record["key_figures"]}
    assert figures["unique_users"]["value"] == 20958
    assert figures["unique_users_change"]["operation"] == "20958 − 19604"
    result = CliRunner().invoke(main, ["explain", "--year", "2019", "--data", str(DATA)])
    assert "unique_users_change_pct = 6.9068\n  from centres.csv" in result.output


def _complete(path: Path) -> bool:
    if path.is_dir():  # tall/: the CSV files
        return all(p.read_bytes().endswith(b"\r\n") for p in path.iterdir())
    if path.suffix in (".docx", ".xlsx"):
        part = "word/document.xml" if path.suffix == ".docx" else "xl/workbook.xml"
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None and part in archive.namelist()
    if path.suffix == ".html":
        return path.read_bytes().endswith(b"</html>\n")
    if path.suffix == ".json":  # manifest.json: each memo's record as it is published
        return bool(json.loads(path.read_text(encoding="utf-8"))["memos"])
    data = path.read_bytes()
    return (
        data.startswith(b"%PDF")
        and data.rstrip().endswith(b"%%EOF")
        and len(pypdf.PdfReader(str(path)).pages) > 0
    )


def _interrupt_batch(out: Path, sig: int) -> str:
    """Send ``sig`` to the whole batch (as Ctrl-C does) once 3 PDFs are written; its stderr."""
    process = subprocess.Popen(
        [
            REPORTGEN,
            "batch",
            "--year",
            "2019",
            "--data",
            str(DATA),
            "--output",
            str(out),
            "--jobs",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    folder = out / "2019" / "fylker"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(folder.glob("*.pdf"))) < 3:
        time.sleep(0.05)
    os.killpg(process.pid, sig)
    _, err = process.communicate(timeout=30)
    return err.decode()


def test_killed_batch_leaves_no_truncated_file(tmp_path):
    _interrupt_batch(tmp_path, signal.SIGKILL)
    memos = [p for p in (tmp_path / "2019" / "fylker").iterdir() if p.suffix in (".docx", ".pdf")]
    assert 3 <= len(memos) < 36
    assert all(_complete(p) for p in memos)


def test_ctrl_c_leaves_no_temporary_files_or_helpers(tmp_path):
    err = _interrupt_batch(tmp_path, signal.SIGINT)
    assert err.rstrip().endswith("Aborted!") and "Traceback" not in err
    assert _processes_mentioning(str(tmp_path)) == []
    leftovers = [
        p.name
        for p in (tmp_path / "2019" / "fylker").rglob("*")
        if (p.name.startswith(".") or p.suffix == ".tmp") and p.name != LOCK
    ]  # the folder's lock file stays (deleting it would let two runs hold the lock)
    assert leftovers == []
    assert all(_complete(p) for p in (tmp_path / "2019" / "fylker").iterdir() if p.name != LOCK)


def _processes_mentioning(text: str) -> list[str]:
    """Command lines of running processes that contain ``text`` (Linux /proc)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            line = cmdline.read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if text in line:
            found.append(line)
    return found
