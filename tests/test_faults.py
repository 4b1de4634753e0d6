"""Ordinary faults while writing (a full disk, a read-only disk, no permission, --output
naming a file) are one line with the path, what happened and what to do, never a
traceback; exit code 2 for the user's choice of folder, 1 for the machine's. A memo whose
writing fails leaves none of its files; a batch leaves no file of a county that failed."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA

from reportgen.cli import main
from reportgen.files.output import LOCK

NATIONAL = "karriereveiledning-2019-nb"


def _fail_write(monkeypatch, pattern: str, number: int) -> None:
    """Make writing to any file whose path matches ``pattern`` fail with ``number`` (ENOSPC
    shows itself on the write); the helper processes forked later inherit the fault."""
    real = os.write

    def write(fd: int, data) -> int:
        if re.search(pattern, os.readlink(f"/proc/self/fd/{fd}")):
            raise OSError(number, os.strerror(number))
        return real(fd, data)

    monkeypatch.setattr(os, "write", write)


def _fail_create(monkeypatch, folder: Path, number: int) -> None:
    """Make creating any file under ``folder`` fail with ``number`` (a read-only disk, a
    folder without write permission)."""
    real = os.open

    def fake_open(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and str(path).startswith(str(folder)):
            raise OSError(number, os.strerror(number), str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)


def _memo(out: Path, *extra: str):
    args = ["memo", "--year", "2019", "--data", str(DATA), "--output", str(out), *extra]
    return CliRunner().invoke(main, args)


def _files(folder: Path) -> list[str]:
    """Every file under ``folder`` (relative), the folder's lock file aside."""
    if not folder.exists():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
                  and p.name != LOCK)  # fmt: skip


def _error_line(result) -> str:
    """The last line of what the command printed, after checking it printed no traceback
    and ended as a command does (SystemExit), not with an exception."""
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    return result.output.splitlines()[-1]


@pytest.mark.parametrize("suffix", ["pdf", "docx"])  # the DOCX is written after the PDF
def test_disk_full_while_writing_the_pdf_or_docx_leaves_no_file(tmp_path, monkeypatch, suffix):
    _fail_write(monkeypatch, rf"\.{suffix}\.tmp$", errno.ENOSPC)
    result = _memo(tmp_path)
    path = tmp_path / "2019" / f"{NATIONAL}.{suffix}"
    assert _error_line(result) == (
        f"Error: {path}: the disk is full; free some space on it, or write elsewhere with --output"
    )
    assert result.exit_code == 1
    assert _files(tmp_path) == []


def test_disk_full_while_writing_a_csv_file_leaves_no_memo(tmp_path, monkeypatch):
    _fail_write(monkeypatch, r"-figur-2\.csv\.tmp$", errno.ENOSPC)
    result = _memo(tmp_path)
    csv = tmp_path / "2019" / "tall" / f"{NATIONAL}-figur-2.csv"
    assert _error_line(result).startswith(f"Error: {csv}: the disk is full;")
    assert result.exit_code == 1
    assert _files(tmp_path) == []


def test_disk_full_while_writing_the_manifest_leaves_no_memo(tmp_path, monkeypatch):
    _fail_write(monkeypatch, r"manifest\.json\.tmp$", errno.ENOSPC)
    result = _memo(tmp_path, "--formats", "pdf,docx")
    assert _error_line(result).startswith(f"Error: {tmp_path / '2019' / 'manifest.json'}: the disk")
    assert result.exit_code == 1
    assert _files(tmp_path) == []


@pytest.mark.parametrize(
    "number, said, code",
    [
        (
            errno.EROFS,
            "the disk is read-only; write elsewhere with --output, or mount it writable",
            1,
        ),
        (
            errno.EACCES,
            "permission denied; choose a folder you may write to with --output, "
            "or change its permissions",
            2,  # the user's choice of folder
        ),
    ],
    ids=["read-only disk: the machine's fault", "permission denied: the user's"],
)
def test_a_folder_that_cannot_be_written_is_one_line(tmp_path, monkeypatch, number, said, code):
    _fail_create(monkeypatch, tmp_path, number)
    result = _memo(tmp_path, "--formats", "pdf")
    pdf = tmp_path / "2019" / f"{NATIONAL}.pdf"
    assert _error_line(result) == f"Error: {pdf}: {said}"
    assert result.exit_code == code
    assert _files(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_folder_without_write_permission(tmp_path):
    (tmp_path / "2019").mkdir()
    (tmp_path / "2019").chmod(0o555)
    try:
        result = _memo(tmp_path, "--formats", "pdf")
    finally:
        (tmp_path / "2019").chmod(0o755)
    assert _error_line(result).endswith(
        "permission denied; choose a folder you may write to with --output, "
        "or change its permissions"
    )
    assert result.exit_code == 2 and _files(tmp_path) == []


def test_a_lock_file_linked_elsewhere_is_not_followed_and_named(tmp_path):
    """B33: ``.reportgen.lock`` planted as a link to a file elsewhere; the message blamed
    the folder and the disk («Too many levels of symbolic links»)."""
    victim = tmp_path / "victim.txt"
    victim.write_text("ORIGINAL")
    (tmp_path / "out" / "2019").mkdir(parents=True)
    (tmp_path / "out" / "2019" / LOCK).symlink_to(victim)
    result = _memo(tmp_path / "out", "--formats", "pdf")
    assert _error_line(result) == (
        f"Error: {tmp_path / 'out' / '2019' / LOCK}: is a symbolic link, which reportgen does "
        "not follow; delete the link (reportgen makes the file anew), or write elsewhere "
        "with --output"
    )
    assert result.exit_code == 2 and victim.read_text() == "ORIGINAL"
    assert [p.name for p in (tmp_path / "out" / "2019").iterdir()] == [LOCK]


def test_output_naming_a_file(tmp_path):
    (tmp_path / "memo.pdf").write_bytes(b"mine")
    result = _memo(tmp_path / "memo.pdf")
    assert _error_line(result) == (
        f"Error: {tmp_path / 'memo.pdf'}: is a file, not a folder; "
        "give --output a folder, or a new name"
    )
    assert result.exit_code == 2
    assert (tmp_path / "memo.pdf").read_bytes() == b"mine"


def test_the_year_folder_being_a_file(tmp_path):
    (tmp_path / "2019").write_text("")
    result = _memo(tmp_path)
    assert _error_line(result) == (
        f"Error: {tmp_path / '2019'}: is a file, not a folder; "
        "give --output a folder, or a new name"
    )
    assert result.exit_code == 2 and _files(tmp_path) == ["2019"]


def test_debug_shows_the_traceback_too(tmp_path):
    (tmp_path / "memo.pdf").write_bytes(b"")
    message = "Error: memo.pdf: is a file, not a folder; give --output a folder, or a new name"
    for args, env in (("--debug",), {}), ((), {"REPORTGEN_DEBUG": "1"}):
        command = [*args, "memo", "--year", "2019", "--data", str(DATA), "-o", "memo.pdf"]
        done = subprocess.run(
            [str(Path(sys.executable).parent / "reportgen"), *command],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={**os.environ, **env},
        )
        assert done.returncode == 2
        assert "Traceback (most recent call last)" in done.stderr
        assert "NotADirectoryError: [Errno 20] Not a directory" in done.stderr
        assert done.stderr.splitlines()[-1] == message


def test_without_debug_there_is_no_traceback(tmp_path):
    (tmp_path / "memo.pdf").write_bytes(b"")
    done = subprocess.run(
        [str(Path(sys.executable).parent / "reportgen"), "memo", "--year", "2019"]
        + ["--data", str(DATA), "-o", "memo.pdf"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "REPORTGEN_DEBUG"},
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1] == (
        "Error: memo.pdf: is a file, not a folder; give --output a folder, or a new name"
    )


def _batch(out: Path, *counties: str):
    args = ["batch", "--year", "2022", "--data", str(DATA), "--output", str(out), "--jobs", "1"]
    for county in counties:
        args += ["--county", county]
    return CliRunner().invoke(main, args)


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_batch_leaves_no_file_of_a_county_that_failed(tmp_path, monkeypatch, suffix):
    _fail_write(monkeypatch, rf"\.46-vestland-2022-nn\.{suffix}\.tmp$", errno.ENOSPC)
    result = _batch(tmp_path, "46", "03")
    folder = tmp_path / "2022" / "fylker"
    assert result.exit_code == 1
    assert (
        f"FAILED 46 Vestland: {folder / f'46-vestland-2022-nn.{suffix}'}: the disk is full; "
        "free some space on it, or write elsewhere with --output"
    ) in result.output
    assert [name for name in _files(folder) if "vestland" in name] == []
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    failed = {c["code"]: (c["files"], c["error"] is not None) for c in index["counties"]}
    assert failed["46"] == ([], True) and failed["03"][1] is False
    assert all((folder / name).is_file() for name in failed["03"][0])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["memos"]) == ["03-oslo-2022-nb"]


def test_batch_on_a_read_only_disk_exits_1(tmp_path, monkeypatch):
    (tmp_path / "2022" / "fylker").mkdir(parents=True)
    _fail_create(monkeypatch, tmp_path, errno.EROFS)
    result = _batch(tmp_path, "03")
    site = tmp_path / "2022" / "fylker"  # index.json's folder: written before index.html
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.splitlines()[-1] == (
        f"Error: {site}: the disk is read-only; write elsewhere with --output, or mount it writable"
    )
    assert _files(tmp_path) == []


def test_index_json_keeps_the_counties_of_an_earlier_batch(tmp_path):
    assert _batch(tmp_path, "03").exit_code == 0
    assert _batch(tmp_path, "46").exit_code == 0
    folder = tmp_path / "2022" / "fylker"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    assert [c["code"] for c in index["counties"]] == ["03", "46"]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["memos"]) == ["03-oslo-2022-nb", "46-vestland-2022-nn"]


def test_output_as_a_link_to_a_folder_writes_into_that_folder(tmp_path):
    """B29: --output names a link to a folder, as the user asked."""
    (tmp_path / "real").mkdir()
    (tmp_path / "out").symlink_to(tmp_path / "real")
    assert _memo(tmp_path / "out", "--formats", "html").exit_code == 0
    assert _files(tmp_path / "real") == [
        "2019/karriereveiledning-2019-nb.html",
        "2019/manifest.json",
    ]


def test_outputs_planted_as_links_are_replaced_and_their_targets_untouched(tmp_path):
    """B32: the PDF, a CSV file and manifest.json of an earlier run made links to files
    elsewhere; the next run replaces the links, and the files they pointed to stay."""
    assert _memo(tmp_path / "out", "--formats", "pdf,xlsx").exit_code == 0
    year = tmp_path / "out" / "2019"
    planted = [year / f"{NATIONAL}.pdf", year / "tall" / f"{NATIONAL}-figur-2.csv"]
    victims = []
    for n, path in enumerate([*planted, year / "manifest.json"]):
        victims.append(tmp_path / f"victim-{n}.txt")
        victims[-1].write_text("ORIGINAL")
        path.unlink()
        path.symlink_to(victims[-1])
    result = _memo(tmp_path / "out", "--formats", "pdf,xlsx")
    assert result.exit_code == 0, result.output
    assert [v.read_text() for v in victims] == ["ORIGINAL"] * 3
    assert [p.is_symlink() or not p.is_file() for p in planted] == [False, False]
    manifest = json.loads((year / "manifest.json").read_text(encoding="utf-8"))
    assert f"{NATIONAL}.pdf" in json.dumps(manifest)
    assert (year / "manifest.json.broken").is_symlink()  # kept aside, as any unreadable one
