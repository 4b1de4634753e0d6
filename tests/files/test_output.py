"""files.output: staged files appear together or not at all; the temporary files and the
half-done commit of a dead run are cleaned up by the next; errors are one line."""

from __future__ import annotations

import errno
import json
import os
import pickle
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from reportgen.errors import DiskError, OutputError, output_error
from reportgen.files.output import LOCK, Staging, atomic_write, locked, recover, sweep, target_of


def _dead_pid() -> int:
    """The PID of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _names(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_staged_files_appear_together_with_the_extra_file(tmp_path):
    staging = Staging()
    memo, csv = tmp_path / "memo.pdf", tmp_path / "tall" / "memo-tabell-1.csv"
    atomic_write(staging.staged(memo), b"%PDF")
    atomic_write(staging.staged(csv), "a;b\r\n")
    assert _names(tmp_path) == sorted(p.relative_to(tmp_path).as_posix()
                                      for p in staging.names.values())  # fmt: skip
    assert not memo.exists()
    staging.commit(tmp_path, lambda: {tmp_path / "manifest.json": b"{}\n"})
    assert _names(tmp_path) == [LOCK, "manifest.json", "memo.pdf", "tall/memo-tabell-1.csv"]
    assert memo.read_bytes() == b"%PDF" and csv.read_bytes() == b"a;b\r\n"


def test_discard_removes_every_staged_file_and_keeps_the_old_version(tmp_path):
    (tmp_path / "memo.pdf").write_bytes(b"old")
    staging = Staging()
    atomic_write(staging.staged(tmp_path / "memo.pdf"), b"new")
    atomic_write(staging.staged(tmp_path / "memo.docx"), b"new")
    staging.discard()
    assert _names(tmp_path) == ["memo.pdf"] and (tmp_path / "memo.pdf").read_bytes() == b"old"


def _write_slowly(path: Path) -> None:
    time.sleep(0.3)
    atomic_write(path, b"late")


def test_discard_waits_for_a_write_under_way_in_a_helper(tmp_path):
    staging = Staging()
    with ProcessPoolExecutor(1) as pool:
        staging.futures.append(pool.submit(_write_slowly, staging.staged(tmp_path / "m.docx")))
        time.sleep(0.1)  # the write has started: it cannot be cancelled, only waited for
        staging.discard()
    assert _names(tmp_path) == []


def test_the_temporary_names_say_whose_and_what(tmp_path):
    staged = Staging().staged(tmp_path / "karriereveiledning-2019-nb.pdf")
    assert staged.name.startswith(f".reportgen-{os.getpid()}-")
    assert staged.name.endswith(".karriereveiledning-2019-nb.pdf.tmp")
    assert target_of(staged) == tmp_path / "karriereveiledning-2019-nb.pdf"
    assert target_of(tmp_path / "manifest.json") == tmp_path / "manifest.json"


def test_sweep_removes_the_temporary_files_of_dead_and_old_runs_only(tmp_path):
    dead, alive = _dead_pid(), subprocess.Popen(["sleep", "30"])
    (tmp_path / "tall").mkdir()
    names = {
        "dead": f".reportgen-{dead}-f80eb71f.memo.pdf.tmp",
        "dead_csv": f"tall/.reportgen-{dead}-abc_12.memo-figur-1.csv.tmp",
        "alive": f".reportgen-{alive.pid}-f80eb71f.memo.pdf.tmp",
        "old": f".reportgen-{alive.pid}-00000000.memo.docx.tmp",
        "mine": ".memo.pdf.f80eb71f.tmp",  # not ours: never touched
    }
    for name in names.values():
        (tmp_path / name).write_bytes(b"half")
    long_ago = time.time() - 2 * 86400
    os.utime(tmp_path / names["old"], (long_ago, long_ago))
    try:
        removed = sweep(tmp_path)
    finally:
        alive.kill()
        alive.wait()
    expected = {tmp_path / names[key] for key in ("dead", "dead_csv", "old")}
    assert set(removed) == expected
    assert _names(tmp_path) == sorted([names["alive"], names["mine"]])


def test_recover_completes_the_commit_of_a_run_killed_among_the_renames(tmp_path):
    dead = _dead_pid()
    temp = {name: f".reportgen-{dead}-0badf00d.{name}.tmp" for name in ("m.pdf", "manifest.json")}
    (tmp_path / temp["m.pdf"]).write_bytes(b"%PDF")  # not yet renamed
    (tmp_path / "manifest.json").write_text("{}")  # renamed before the kill
    (tmp_path / f".reportgen-{dead}-0badf00d.~journal.tmp").write_text(
        json.dumps([[temp["m.pdf"], "m.pdf"], [temp["manifest.json"], "manifest.json"]])
    )
    (tmp_path / f".reportgen-{dead}-deadbeef.m.docx.tmp").write_bytes(b"PK")  # never committed
    with locked(tmp_path):
        recover(tmp_path)
    assert _names(tmp_path) == [LOCK, "m.pdf", "manifest.json"]
    assert (tmp_path / "m.pdf").read_bytes() == b"%PDF"


@pytest.mark.parametrize(
    "number, kind, text",
    [
        (errno.ENOSPC, DiskError, "the disk is full; free some space on it, or write "
         "elsewhere with --output"),
        (errno.EDQUOT, DiskError, "your disk quota is used up; free some space, or write "
         "elsewhere with --output"),
        (errno.EROFS, DiskError, "the disk is read-only; write elsewhere with --output, or "
         "mount it writable"),
        (errno.EACCES, OutputError, "permission denied; choose a folder you may write to "
         "with --output, or change its permissions"),
        (errno.EIO, DiskError, "cannot be written (Input/output error); check the disk, or "
         "write elsewhere with --output"),
    ],
)  # fmt: skip
def test_an_os_error_is_one_line_with_the_path_and_what_to_do(tmp_path, number, kind, text):
    error = output_error(OSError(number, os.strerror(number)), tmp_path / "m.pdf")
    assert type(error) is kind and error.message == f"{tmp_path / 'm.pdf'}: {text}"
    assert error.exit_code == (1 if kind is DiskError else 2)
    again = pickle.loads(pickle.dumps(error))  # as it comes back from a helper process
    assert type(again) is kind and again.message == error.message


def test_atomic_write_names_the_target_not_its_temporary_file(tmp_path, monkeypatch):
    def full(_fd: int, _data) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    staged = Staging().staged(tmp_path / "m.pdf")
    with pytest.raises(DiskError) as raised:
        atomic_write(staged, b"%PDF")
    assert raised.value.message.startswith(f"{tmp_path / 'm.pdf'}: the disk is full;")
    assert _names(tmp_path) == []


def _planted(folder: Path, pairs: object, token: str = "0badf00d") -> Path:
    """A journal of a dead run in ``folder`` listing ``pairs`` (JSON, or text as it is)."""
    journal = folder / f".reportgen-{_dead_pid()}-{token}.~journal.tmp"
    journal.write_text(pairs if isinstance(pairs, str) else json.dumps(pairs))
    return journal


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.name != LOCK}  # fmt: skip


@pytest.mark.parametrize(
    "pairs, why",
    [
        ([["planted", "../elsewhere/victim.txt"]], "'../elsewhere/victim.txt' is not a file of"),
        ([["../elsewhere/secret.txt", "stolen.txt"]],
         "'../elsewhere/secret.txt' is not the temporary file of 'stolen.txt'"),
        ([["x", "/tmp/victim.txt"]], "'/tmp/victim.txt' is not a file of"),
        ([[".reportgen-1-0badf00d.m.pdf.tmp", "a/b/m.pdf"]], "'a/b/m.pdf' is not a file of"),
        ([["planted", "m.pdf"]], "'planted' is not the temporary file of 'm.pdf'"),
        ([[".reportgen-1-deadbeef.m.pdf.tmp", "m.pdf"]],  # another run's temporary file
         "'.reportgen-1-deadbeef.m.pdf.tmp' is not the temporary file of 'm.pdf'"),
        ('{"broken', "not valid JSON"),
        ('"x"', "not a list of [temporary file, file] pairs"),
        ([["a", "b", "c"]], "not a list of [temporary file, file] pairs"),
        ([[1, "m.pdf"]], "not a list of [temporary file, file] pairs"),
    ],
)  # fmt: skip
def test_recover_ignores_a_journal_it_cannot_trust(tmp_path, capsys, pairs, why):
    folder, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    folder.mkdir(), elsewhere.mkdir()
    (elsewhere / "victim.txt").write_text("ORIGINAL")
    (elsewhere / "secret.txt").write_text("SECRET")
    (folder / "planted").write_text("ATTACKER")
    (folder / "m.pdf").write_text("%PDF old")
    before = _tree(tmp_path)
    journal = _planted(folder, pairs)
    with locked(folder):
        recover(folder)
    assert _tree(tmp_path) == before  # every file as it was; the journal is gone
    assert capsys.readouterr().err == (
        f"Warning: {journal}: a journal reportgen cannot trust ({why}"
        + (f" {folder})" if why.endswith(" of") else ")")
        + "; it is removed, and no file it names was touched\n"
    )


def test_recover_refuses_a_subfolder_that_links_out_of_the_folder(tmp_path, capsys):
    folder, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    folder.mkdir(), elsewhere.mkdir()
    (folder / "tall").symlink_to(elsewhere)
    (elsewhere / "victim.csv").write_text("ORIGINAL")
    dead = _dead_pid()
    temp = f".reportgen-{dead}-0badf00d.victim.csv.tmp"
    (elsewhere / temp).write_text("ATTACKER")
    (folder / f".reportgen-{dead}-0badf00d.~journal.tmp").write_text(
        json.dumps([[f"tall/{temp}", "tall/victim.csv"]])
    )
    with locked(folder):
        recover(folder)
    assert (elsewhere / "victim.csv").read_text() == "ORIGINAL"
    assert (elsewhere / temp).read_text() == "ATTACKER"  # not swept either: not the folder's
    assert f"('tall/victim.csv' is in a link leading out of {folder})" in capsys.readouterr().err


def test_recover_removes_an_empty_journal_in_silence(tmp_path, capsys):
    """A run killed while writing its journal leaves it empty, before any rename."""
    (tmp_path / "m.pdf").write_text("%PDF old")
    _planted(tmp_path, "")
    with locked(tmp_path):
        recover(tmp_path)
    assert _names(tmp_path) == [LOCK, "m.pdf"] and capsys.readouterr().err == ""


def test_on_a_read_only_disk_the_error_names_the_target(tmp_path, monkeypatch):
    """On a read-only disk even removing a file that is not there fails (EROFS): the
    clean-up must not hide the error about the file that could not be written."""

    def read_only(*_args, **_kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), "/somewhere/.reportgen-1-x.a.tmp")

    monkeypatch.setattr(os, "open", read_only)
    monkeypatch.setattr(Path, "unlink", read_only)
    with pytest.raises(DiskError) as raised, Staging() as staging:
        staging.write(tmp_path / "m.html", b"<html>")
    assert raised.value.message.startswith(f"{tmp_path / 'm.html'}: the disk is read-only;")
