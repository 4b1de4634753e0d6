"""The JSON files reportgen keeps beside the memos, read back: ``manifest.json`` (its
``memos``: memo name → record) and ``fylker/index.json`` (its ``counties``: a list of
records, each with its ``code``).

A run merges its own records into what is there. A file someone emptied, cut short or
edited into another shape must not stop every later run: it is kept aside as
``NAME.broken`` (nothing is lost), a warning on stderr says so, and the run writes a new
one with its own records.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from reportgen.files.output import reported


class Broken(Exception):
    """A kept file that cannot be read: ``str()`` says what is wrong with it."""


def read_records(path: Path, key: str, kind: type[dict] | type[list], field: str | None = None):
    """``document[key]`` of the JSON file at ``path`` (a ``kind``, dict or list, of JSON
    objects, each with a text ``field`` if given); an empty ``kind`` if there is no file.
    Raises Broken if the file is not such a document, OutputError or DiskError if it
    cannot be read."""
    if not path.exists():
        return kind()
    with reported(path):
        raw = path.read_bytes()
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Broken("it is not valid JSON" if raw.strip() else "it is empty") from None
    part = document.get(key) if isinstance(document, dict) else None
    if not isinstance(part, kind) or not all(_record(r, field) for r in _items(part)):
        shape = "an object" if kind is dict else "a list"
        raise Broken(f'its "{key}" is not {shape} of records')
    return part


def _items(part: dict | list) -> list:
    return list(part.values()) if isinstance(part, dict) else part


def _record(record: object, field: str | None) -> bool:
    return isinstance(record, dict) and (field is None or isinstance(record.get(field), str))


def read_or_set_aside(
    path: Path, key: str, kind: type[dict] | type[list], field: str | None = None
):
    """``read_records``, except that a broken file is renamed to ``NAME.broken`` (or
    ``NAME.broken-2`` … if that is taken), with a warning on stderr, and read as absent:
    the caller writes a new one. Call it holding the folder's lock
    (``files.output.locked``). Raises OutputError or DiskError."""
    try:
        return read_records(path, key, kind, field)
    except Broken as why:
        aside = _free(path.with_name(f"{path.name}.broken"))
        with reported(path):
            os.replace(path, aside)
        click.echo(
            f"Warning: {path} cannot be read ({why}); a new one is written, and the old one "
            f"is kept as {aside.name} (check it, then delete it)",
            err=True,
        )
        return kind()


def _free(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3`` … : the first name not taken."""
    number, free = 1, path
    while free.exists():
        number += 1
        free = path.with_name(f"{path.name}-{number}")
    return free
