"""``manifest.json`` next to the memos: version, inputs and templates with SHA-256, options,
and every key figure with how it was computed."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from . import __version__


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes (each file read once per process while unchanged:
    a batch records the same fonts, templates and inputs for every county)."""
    stat = Path(path).stat()
    return _sha256(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _sha256(path: str, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def files_used(paths, read_as: dict[str, str] | None = None) -> list[dict]:
    """[{"path", "sha256"(, "read_as")}] for each distinct existing file, in order given;
    ``read_as`` maps a path to how it was read (encoding and delimiter, or the sheet)."""
    seen, records = set(), []
    for path in paths:
        if path is None or str(path) in seen or not Path(path).is_file():
            continue
        seen.add(str(path))
        record = {"path": str(path), "sha256": sha256(path)}
        if read_as and str(path) in read_as:
            record["read_as"] = read_as[str(path)]
        records.append(record)
    return records


def entry(settings, files, inputs, templates, figures, built: str,
          read_as: dict[str, str] | None = None) -> dict:
    """One memo's record: its files, the inputs and templates read, options and figures."""
    options = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(settings).items()}
    return {"files": [Path(f).name for f in files], "built": built,
            "inputs": files_used(inputs, read_as), "templates": files_used(templates),
            "options": options, "key_figures": figures}


def write_manifest(folder: Path, entries: dict[str, dict]) -> Path:
    """Merge ``entries`` (memo name → record) into ``folder/manifest.json``, atomically."""
    path = folder / "manifest.json"
    memos = json.loads(path.read_text(encoding="utf-8"))["memos"] if path.exists() else {}
    memos.update(entries)
    document = {"reportgen": __version__, "memos": dict(sorted(memos.items()))}
    tmp = folder / ".manifest.json.tmp"
    tmp.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
