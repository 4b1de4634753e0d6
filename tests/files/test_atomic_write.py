"""files.atomic_write: the one way a file is written; two writers never share a temp file."""

from __future__ import annotations

import threading
from pathlib import Path

from reportgen.files import atomic_write


def test_text_is_written_as_utf8_and_no_temporary_file_stays(tmp_path: Path) -> None:
    atomic_write(tmp_path / "manifest.json", "æøå\n")
    assert (tmp_path / "manifest.json").read_bytes() == "æøå\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]


def test_concurrent_writers_into_one_file_never_collide(tmp_path: Path) -> None:
    target, errors = tmp_path / "manifest.json", []

    def write(number: int) -> None:
        try:
            for _ in range(50):
                atomic_write(target, f"{number}\n" * 1000)
        except OSError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    lines = set(target.read_text().splitlines())
    assert len(lines) == 1  # one writer's whole content, never a mix
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]
