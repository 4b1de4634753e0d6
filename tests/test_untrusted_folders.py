"""Folders the tool runs on that others can write to (issue 25): a journal planted in the
output folder, a county template folder that is a link out of the template folder, a
corrupt manifest.json or index.json, a malformed about.toml or quote.toml. Each ends in a
message naming the file and the fix (exit 2), or in a warning and a memo; never a
traceback, and never a file touched outside the folders the run owns."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA
from test_faults import _fail_write

from reportgen.cli import main
from reportgen.dataset.about import read_about
from reportgen.errors import DataError
from reportgen.files import SearchPath
from reportgen.files.records import read_or_set_aside

REPORTGEN = Path(sys.executable).parent / "reportgen"
NATIONAL = "karriereveiledning-2019-nb"


def _run(cwd: Path, command: str, *args: str, data: Path = DATA, formats: str = "html"):
    """``reportgen COMMAND --year 2019 --data DATA --output out --formats FORMATS ARGS`` as
    a user runs it, in ``cwd``; the CompletedProcess."""
    options = ["--year", "2019", "--data", str(data), "--output", "out", "--formats", formats]
    return subprocess.run(
        [str(REPORTGEN), command, *options, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _said(done: subprocess.CompletedProcess) -> list[str]:
    """What the run printed on stderr, without the lines saying what was read."""
    assert "Traceback" not in done.stderr
    return [line for line in done.stderr.splitlines() if not line.startswith("read ")]


def test_a_planted_journal_moves_and_overwrites_nothing(tmp_path):
    """The review's reproduction (B34): a journal of a dead PID naming files outside."""
    out, elsewhere = tmp_path / "out" / "2019", tmp_path / "elsewhere"
    out.mkdir(parents=True), elsewhere.mkdir()
    (elsewhere / "victim.txt").write_text("ORIGINAL\n")
    (elsewhere / "secret.txt").write_text("SECRET\n")
    (out / "planted").write_text("ATTACKER\n")
    journal = ".reportgen-4190001-dead.~journal.tmp"
    (out / journal).write_text(
        '[["planted","../../elsewhere/victim.txt"],["../../elsewhere/secret.txt","stolen.txt"]]'
    )
    (out / ".reportgen-4190002-dead.~journal.tmp").write_text('{"broken')
    done = _run(tmp_path, "memo")
    assert done.returncode == 0
    assert _said(done) == [
        f"Warning: out/2019/{journal}: a journal reportgen cannot trust "
        "('../../elsewhere/victim.txt' is not a file of out/2019); it is removed, and no "
        "file it names was touched",
        "Warning: out/2019/.reportgen-4190002-dead.~journal.tmp: a journal reportgen cannot "
        "trust (not valid JSON); it is removed, and no file it names was touched",
    ]
    assert (elsewhere / "victim.txt").read_text() == "ORIGINAL\n"
    assert (elsewhere / "secret.txt").read_text() == "SECRET\n"
    assert sorted(p.name for p in out.iterdir()) == [
        ".reportgen.lock", f"{NATIONAL}.html", "manifest.json", "planted"
    ]  # fmt: skip


@pytest.mark.parametrize("target", ["system", "elsewhere"])
def test_a_county_folder_linked_out_of_the_template_folder_is_refused(tmp_path, target):
    """B11: counties/03 → /etc with {% include "passwd" %}, or → a folder elsewhere whose
    intro.nb.md would be used as it is."""
    templates = tmp_path / "tpl"
    (templates / "counties").mkdir(parents=True)
    (templates / "intro.nb.md").write_text('{% include "passwd" %}\n')
    linked = Path("/etc") if target == "system" else tmp_path / "elsewhere"
    if target == "elsewhere":
        linked.mkdir()
        (linked / "intro.nb.md").write_text("Hemmelig\n")
    (templates / "counties" / "03").symlink_to(linked)
    done = _run(tmp_path, "memo", "--county", "03", "--templates", "tpl")
    assert done.returncode == 2
    assert _said(done) == [
        f"Error: {templates / 'counties' / '03'}: leads to a folder outside the template "
        f"folders ({linked}); reportgen reads templates, fonts and pictures only from inside "
        "them",
        "  Fix: copy the folder into your template folder (not a link to it)",
    ]
    assert not (tmp_path / "out").exists()


def test_a_county_folder_linked_inside_the_template_folder_is_used(tmp_path):
    shared = tmp_path / "tpl" / "counties" / "shared"
    shared.mkdir(parents=True)
    (tmp_path / "tpl" / "counties" / "03").symlink_to(shared)
    assert SearchPath(tmp_path / "tpl", county="03").folders[0] == shared


def test_an_empty_manifest_is_kept_aside_and_the_memo_is_written(tmp_path):
    """C11: an empty manifest.json stopped every later run with a traceback."""
    out = tmp_path / "out" / "2019"
    out.mkdir(parents=True)
    (out / "manifest.json").write_text("")
    done = _run(tmp_path, "memo")
    assert done.returncode == 0
    assert _said(done) == [
        "Warning: out/2019/manifest.json cannot be read (it is empty); a new one is written, "
        "and the old one is kept as manifest.json.broken (check it, then delete it)"
    ]
    assert (out / "manifest.json.broken").read_text() == ""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["memos"]) == [NATIONAL]
    assert manifest["memos"][NATIONAL]["files"] == [f"{NATIONAL}.html"]


def test_a_broken_index_and_manifest_do_not_stop_a_batch(tmp_path):
    """C11 in a batch: a cut-short fylker/index.json, and a year manifest whose memos are
    not records (read for index.html)."""
    year = tmp_path / "out" / "2019"
    (year / "fylker").mkdir(parents=True)
    (year / "fylker" / "index.json").write_text('{"year": 2019, "coun')
    (year / "manifest.json").write_text('{"memos": {"x": 3}}')
    done = _run(tmp_path, "batch", "--county", "03", "--jobs", "1")
    assert done.returncode == 0
    assert _said(done) == [  # index.json is written first, index.html from it
        "Warning: out/2019/fylker/index.json cannot be read (it is not valid JSON); a new one "
        "is written, and the old one is kept as index.json.broken (check it, then delete it)",
        'Warning: out/2019/manifest.json cannot be read (its "memos" is not an object of '
        "records); index.html lists no national memo until 'reportgen memo' writes a new "
        "manifest",
    ]
    index = json.loads((year / "fylker" / "index.json").read_text(encoding="utf-8"))
    assert [c["code"] for c in index["counties"]] == ["03"]
    assert (year / "fylker" / "index.json.broken").read_text() == '{"year": 2019, "coun'
    assert (year / "manifest.json").read_text() == '{"memos": {"x": 3}}'  # left for memo


@pytest.mark.parametrize(
    "content, why",
    [
        ("", "it is empty"),
        ('{"broken": ', "it is not valid JSON"),
        (b"\xff\xfe", "it is not valid JSON"),
        ("[]", 'its "memos" is not an object of records'),
        ('"x"', 'its "memos" is not an object of records'),
        ('{"memos": 5}', 'its "memos" is not an object of records'),
        ('{"memos": {"m": [1]}}', 'its "memos" is not an object of records'),
    ],
)
def test_a_manifest_that_cannot_be_read_is_kept_aside(tmp_path, capsys, content, why):
    path = tmp_path / "manifest.json"
    (tmp_path / "manifest.json.broken").write_text("an earlier one")
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert read_or_set_aside(path, "memos", dict) == {}
    assert capsys.readouterr().err == (
        f"Warning: {path} cannot be read ({why}); a new one is written, and the old one is "
        "kept as manifest.json.broken-2 (check it, then delete it)\n"
    )
    assert not path.exists()
    assert (tmp_path / "manifest.json.broken").read_text() == "an earlier one"
    kept = content if isinstance(content, bytes) else content.encode()
    assert (tmp_path / "manifest.json.broken-2").read_bytes() == kept


def test_an_index_without_county_codes_is_kept_aside(tmp_path, capsys):
    path = tmp_path / "index.json"
    path.write_text('{"counties": [{"name": "Oslo"}]}')
    assert read_or_set_aside(path, "counties", list, "code") == []
    assert 'its "counties" is not a list of records' in capsys.readouterr().err


def test_a_malformed_about_toml_is_exit_2_with_file_line_and_fix(tmp_path):
    """C35: `synthetic = maybe` was a TOMLDecodeError traceback."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "about.toml").write_text("synthetic = maybe\n")
    done = _run(tmp_path, "memo", data=Path("data"))
    assert done.returncode == 2
    assert _said(done) == [
        "Error: data/about.toml, line 1: is not valid TOML: Invalid value",
        "  Fix: write synthetic = true or false, and each year's date under [published] as "
        '2019 = 2020-06-15 or 2019 = "juni 2020"',
    ]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "text, line, message",
    [
        ('synthetic = "yes"\n', 1, "synthetic is 'yes', not true or false"),
        ("# about\npublished = 5\n", 2, "published is 5, not a section [published]"),
        ("[published]\n2019 = 2020-06-15\n2020 = 5\n", 3,
         "[published] 2020 = 5 is not a year's date"),
        ("[published]\n[published]\n", 2,
         "the section [published] is written twice (lines 1 and 2)"),
    ],
)  # fmt: skip
def test_about_toml_values_of_the_wrong_kind_are_data_errors(tmp_path, text, line, message):
    (tmp_path / "about.toml").write_text(text)
    with pytest.raises(DataError) as raised:
        read_about(tmp_path)
    assert raised.value.message.startswith(
        f"{tmp_path / 'about.toml'}, line {line}: {message}\n  Fix: "
    )


def test_a_malformed_quote_toml_is_exit_2_with_file_line_and_fix(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "quote.toml").write_text('text = "Flere voksne\nperson = "Kari"\n')
    done = _run(tmp_path, "memo", data=Path("data"), formats="article")
    assert done.returncode == 2
    assert _said(done) == [
        "Error: data/quote.toml, line 1: is not valid TOML: Illegal character '\\n'",
        '  Fix: write text = "…", person = "…", role = "…"',
    ]
    assert not (tmp_path / "out").exists()


def test_a_batch_whose_index_cannot_be_written_still_says_which_counties_failed(
    tmp_path, monkeypatch
):
    """C3: on a full disk the batch said only that index.html could not be written."""
    _fail_write(monkeypatch, r"(46-vestland-2022-nn\.pdf|index\.html)\.tmp$", errno.ENOSPC)
    args = ["batch", "--year", "2022", "--data", str(DATA), "--output", str(tmp_path)]
    result = CliRunner().invoke(main, [*args, "--jobs", "1", "--county", "46", "--county", "03"])
    folder = tmp_path / "2022"
    full = "the disk is full; free some space on it, or write elsewhere with --output"
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert [line for line in result.output.splitlines() if not line.startswith("read ")] == [
        "wrote 1 county memo",
        f"FAILED 46 Vestland: {folder / 'fylker' / '46-vestland-2022-nn.pdf'}: {full}",
        f"Error: {folder / 'index.html'}: {full}",
    ]


def _read_only(monkeypatch, folder: Path) -> None:
    """Creating or removing any file under ``folder`` fails with EROFS, as on a disk
    mounted read-only (where removing a file that is not there fails so too)."""
    real_open, real_unlink = os.open, Path.unlink

    def fail(path) -> None:
        if str(path).startswith(str(folder)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    def fake_open(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            fail(path)
        return real_open(path, flags, *args, **kwargs)

    def fake_unlink(path, missing_ok=False):
        fail(path)
        return real_unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(Path, "unlink", fake_unlink)


def test_a_batch_on_a_read_only_disk_names_each_county_and_its_file(tmp_path, monkeypatch):
    """C4: the error named a hidden temporary file, and no county was named."""
    folder = tmp_path / "2022" / "fylker"
    folder.mkdir(parents=True)
    _read_only(monkeypatch, tmp_path)
    args = ["batch", "--year", "2022", "--data", str(DATA), "--output", str(tmp_path)]
    result = CliRunner().invoke(main, [*args, "--jobs", "1", "--county", "03"])
    read_only = "the disk is read-only; write elsewhere with --output, or mount it writable"
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert [line for line in result.output.splitlines() if not line.startswith("read ")] == [
        "wrote 0 county memos",
        f"FAILED 03 Oslo: {folder / '03-oslo-2022-nb-artikkel.html'}: {read_only}",
        f"Error: {tmp_path / '2022' / 'fylker'}: {read_only}",  # index.json, then index.html
    ]


def test_a_memo_on_a_read_only_disk_names_its_file(tmp_path, monkeypatch):
    (tmp_path / "2019").mkdir()
    _read_only(monkeypatch, tmp_path)
    args = ["memo", "--year", "2019", "--data", str(DATA), "--output", str(tmp_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.splitlines()[-1] == (
        f"Error: {tmp_path / '2019' / f'{NATIONAL}-artikkel.html'}: the disk is read-only; "
        "write elsewhere with --output, or mount it writable"
    )
