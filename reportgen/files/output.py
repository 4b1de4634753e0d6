"""Writing output so that nothing is lost and nothing is half-written.

``atomic_write`` is the one way a file is written: the bytes go to a hidden temporary file
beside the target, ``.reportgen-PID-RANDOM.NAME.tmp`` (PID: the writing process, NAME: the
target's name), and renamed over it.

A memo's files are written through a ``Staging``: each under a temporary name of that
pattern (``staged``), and renamed to their own names together once all are written
(``commit``), or removed (``discard``). The commit holds the folder's lock (``locked``, a
hidden ``.reportgen.lock``), so ``manifest.json`` and ``index.json`` are read, changed and
written by one run at a time and concurrent runs into one folder never lose an entry. It
writes a journal before the first rename (``files.journal``); a run killed among the
renames is completed by the next run into the folder (``recover``), which also removes the
temporary files of runs that died (``sweep``: the writer's PID is gone, or the file is
older than a day). Recovery only ever touches files of the folder it owns.
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, wait
from contextlib import contextmanager, suppress
from pathlib import Path

import click
from filelock import FileLock

from reportgen.errors import OutputError, output_error
from reportgen.files.journal import SUFFIX, Untrusted, pairs

PREFIX = ".reportgen-"
_TEMP = re.compile(r"\.reportgen-(\d+)-[0-9a-z_]+\.(.+)\.tmp")
LOCK = ".reportgen.lock"
STALE_AFTER = 86400  # seconds: a temporary file this old is stale whoever wrote it


@contextmanager
def reported(path: Path) -> Iterator[None]:
    """Turn an OSError inside into the one-line OutputError or DiskError about ``path``
    (the target's own name where ``path`` is a temporary file)."""
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        raise output_error(exc, target_of(path)) from exc


def target_of(path: Path) -> Path:
    """The file a temporary file ``.reportgen-PID-RANDOM.NAME.tmp`` stands for; else ``path``."""
    match = _TEMP.fullmatch(path.name)
    return path.with_name(match.group(2)) if match else path


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` so it appears complete or not at all.

    The bytes go to a uniquely named temporary file in the target folder (so two runs
    into one folder never share one), which is renamed over ``path`` (atomic on POSIX and
    Windows): a kill, a fault or a concurrent run never leaves a partial file. The file
    is not synced to disk (``fsync`` waited on the disk for every file); a full disk shows
    itself on the write. On any failure the temporary file is removed; an OSError becomes
    OutputError or DiskError naming ``path`` (see ``reported``)."""
    raw = memoryview(data.encode("utf-8") if isinstance(data, str) else data)
    temp: Path | None = None
    try:
        with reported(path):
            handle, name = tempfile.mkstemp(
                dir=path.parent,
                prefix=f"{PREFIX}{os.getpid()}-",
                suffix=f".{target_of(path).name}.tmp",
            )
            temp = Path(name)
            try:
                while raw:
                    raw = raw[os.write(handle, raw) :]
            finally:
                os.close(handle)
            temp.chmod(0o644)
            os.replace(temp, path)
    except BaseException:
        if temp is not None:
            _remove(temp)
        raise


def _remove(temp: Path) -> None:
    """Remove a temporary file after a failure, if it can be: an error doing so (EROFS on
    a read-only disk, even for a file that is not there) must not hide the failure's own
    message; a file left behind is removed by the next run (``sweep``)."""
    with suppress(OSError):
        temp.unlink(missing_ok=True)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the lock of ``folder`` (made if missing): one run at a time changes its
    ``manifest.json`` and ``index.json``. Waits for another run's commit (milliseconds)."""
    with reported(folder):
        folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(folder / LOCK, mode=0o644)
        try:
            lock.acquire()
        except OSError as exc:  # a link planted as the lock is named; other faults the folder's
            if exc.errno == errno.ELOOP:
                raise output_error(exc, folder / LOCK) from exc
            raise
    try:
        yield
    finally:
        lock.release()


class Staging:
    """The files of one memo, written under temporary names beside their targets and
    renamed to them together (``commit``) or removed (``discard``). ``futures``: writes
    under way in a helper process, waited for before anything is removed."""

    def __init__(self) -> None:
        self.names: dict[Path, Path] = {}  # target → its temporary file
        self.futures: list[Future] = []
        self._token = secrets.token_hex(4)

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is not None:  # a failure, or Ctrl-C: remove what was written
            self.discard()

    def staged(self, target: Path) -> Path:
        """The temporary file to write ``target`` at (its folder is made). Raises
        OutputError or DiskError if the folder cannot be made."""
        if target not in self.names:
            with reported(target):
                target.parent.mkdir(parents=True, exist_ok=True)
            name = f"{PREFIX}{os.getpid()}-{self._token}.{target.name}.tmp"
            self.names[target] = target.with_name(name)
        return self.names[target]

    def write(self, target: Path, data: bytes) -> None:
        """Write ``data`` as ``target``'s temporary file (``staged``). Raises OutputError
        or DiskError if it cannot be written."""
        atomic_write(self.staged(target), data)

    def temp_of(self, target: Path) -> Path:
        """Where ``target`` is written until the commit (``target`` itself if not staged)."""
        return self.names.get(target, target)

    def discard(self) -> None:
        """Remove every temporary file, once the writes under way are done or cancelled."""
        for future in self.futures:
            future.cancel()
        wait(self.futures)
        for temp in self.names.values():
            _remove(temp)
        self.names.clear()

    def commit(self, folder: Path, extra: Callable[[], dict[Path, bytes]] | None = None) -> None:
        """Rename every staged file to its target, holding the lock of ``folder`` (the
        memo's folder, where the journal goes). ``extra()``, called under the lock, gives
        further files whose content depends on what is there (the merged manifest).
        Raises OutputError or DiskError; the staged files are removed then."""
        try:
            with locked(folder):
                recover(folder)
                for target, data in (extra() if extra else {}).items():
                    atomic_write(self.staged(target), data)
                _rename_all(folder, self._token, self.names)
            self.names.clear()
        finally:
            self.discard()


def _rename_all(folder: Path, token: str, names: dict[Path, Path]) -> None:
    """Rename each temporary file to its target, the journal listing them written first."""
    journal = folder / f"{PREFIX}{os.getpid()}-{token}{SUFFIX}"
    pairs = [(os.path.relpath(t, folder), os.path.relpath(f, folder)) for f, t in names.items()]
    atomic_write(journal, json.dumps(pairs))
    for target, temp in names.items():
        with reported(target):
            os.replace(temp, target)
    journal.unlink()


def recover(folder: Path) -> None:
    """Complete the commits of dead runs into ``folder`` from their journals, then remove
    the temporary files dead runs left in it and its subfolders (``tall/``). Call it while
    holding ``locked(folder)``. A journal that names anything but the folder's own files
    and their temporary files (``files.journal``) is removed with a warning on stderr,
    and no file it names is touched. Raises OutputError or DiskError."""
    for journal in sorted(folder.glob(f"{PREFIX}*{SUFFIX}")):
        if not journal.is_file() or _alive(journal):
            continue
        try:
            renames = pairs(folder, journal)
        except Untrusted as why:
            click.echo(
                f"Warning: {journal}: a journal reportgen cannot trust ({why}); it is "
                "removed, and no file it names was touched",
                err=True,
            )
            renames = []
        for temp, target in renames:
            if temp.exists():
                with reported(target):
                    os.replace(temp, target)
        journal.unlink(missing_ok=True)
    sweep(folder)


def sweep(folder: Path) -> list[Path]:
    """Remove the temporary files in ``folder`` and its subfolders whose writer is dead
    (or that are older than a day); returns them. Journals are left to ``recover``."""
    stale = [
        path
        for path in (*folder.glob(f"{PREFIX}*.tmp"), *folder.glob(f"*/{PREFIX}*.tmp"))
        if not path.name.endswith(SUFFIX) and _own(folder, path) and not _alive(path)
    ]
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def _own(folder: Path, path: Path) -> bool:
    """Whether ``path`` is really in ``folder`` (not in a subfolder linked to elsewhere)."""
    return path.parent.resolve().is_relative_to(folder.resolve())


def _alive(temp: Path) -> bool:
    """Whether the process that wrote ``temp`` may still be writing it: its PID (in the
    name) runs and the file is less than a day old. Where PIDs cannot be asked about
    without harm (Windows: ``os.kill`` ends the process), only the age counts."""
    match = re.match(r"\.reportgen-(\d+)-", temp.name)
    try:
        if not match or time.time() - temp.stat().st_mtime > STALE_AFTER:
            return False
    except FileNotFoundError:
        return True  # gone already: nothing to remove
    pid = int(match.group(1))
    return os.name == "nt" or pid == os.getpid() or _running(pid)


def _running(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, killed but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    try:  # Linux: field 3 of /proc/PID/stat is the state, Z for a zombie
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True
