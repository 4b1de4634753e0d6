"""The journal of a commit (see ``files.output``), and whether a journal can be trusted.

A commit writes ``.reportgen-PID-TOKEN.~journal.tmp`` in the memo's folder before its
first rename: a JSON list of ``[temporary file, file]`` pairs, each relative to that
folder, where the file is a name in the folder or in one subfolder of it (``tall/``) and
its temporary file is ``.reportgen-PID-TOKEN.NAME.tmp`` beside it (the journal's own
PID and TOKEN). ``pairs`` gives back only such pairs: anyone who can write into a shared
output folder can plant a journal, and the next run replays it with its own rights.
"""

from __future__ import annotations

import json
from pathlib import Path

SUFFIX = ".~journal.tmp"  # no output file is called "~journal"


class Untrusted(Exception):
    """A journal that reportgen did not write (or not whole): ``str()`` says why."""


def pairs(folder: Path, journal: Path) -> list[tuple[Path, Path]]:
    """The (temporary file, file) pairs of ``journal`` in ``folder``, as paths. An empty
    file (a run killed while writing its journal, before any rename) gives none.

    Raises Untrusted if the journal cannot be read as JSON, is not a list of pairs of
    names, or names a file outside ``folder`` (a "../" or absolute path, a subfolder that
    is a link leading out of it) or a temporary file not of the pattern above."""
    try:
        text = journal.read_text(encoding="utf-8")
        listed = json.loads(text) if text else []
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise Untrusted("not valid JSON") from None
    if not isinstance(listed, list) or not all(_is_pair(pair) for pair in listed):
        raise Untrusted("not a list of [temporary file, file] pairs")
    own = journal.name.removesuffix(SUFFIX)
    return [_checked(folder, own, temp, target) for temp, target in listed]


def _is_pair(pair: object) -> bool:
    return isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)


def _checked(folder: Path, own: str, temp: str, target: str) -> tuple[Path, Path]:
    """(folder / temp, folder / target) if ``target`` is a file of ``folder`` (or of one
    subfolder of it) and ``temp`` is its temporary file of this journal; else Untrusted."""
    relative = Path(target)
    plain = all(part not in ("", ".", "..") for part in relative.parts)
    if relative.anchor or not plain or not 1 <= len(relative.parts) <= 2:
        raise Untrusted(f"{target!r} is not a file of {folder}")
    file = folder / relative
    if not file.parent.resolve().is_relative_to(folder.resolve()):
        raise Untrusted(f"{target!r} is in a link leading out of {folder}")
    expected = file.with_name(f"{own}.{relative.name}.tmp")
    if Path(temp) != expected.relative_to(folder) or expected.is_symlink():
        raise Untrusted(f"{temp!r} is not the temporary file of {target!r}")
    return expected, file
