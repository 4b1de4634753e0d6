"""``manifest.json`` next to the memos: version, inputs and templates with SHA-256, options,
and every key figure with how it was computed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen import __version__
from reportgen.files.output import Staging
from reportgen.files.records import read_or_set_aside
from reportgen.findings.compute import SATISFIED
from reportgen.findings.sums import base_codes
from reportgen.findings.values import Findings


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes (each file read once per process while unchanged:
    a batch records the same fonts, templates and inputs for every county)."""
    stat = Path(path).stat()
    return _sha256(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _sha256(path: str, _mtime_ns: int, _size: int) -> str:
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


def entry(
    settings, files, inputs, templates, figures, built: str, read_as: dict[str, str] | None = None
) -> dict:
    """One memo's record: its files, the inputs and templates read, options and figures."""
    options = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(settings).items()}
    folder = Path(files[0]).parent if files else Path()
    return {
        "files": [Path(f).relative_to(folder).as_posix() for f in files],
        "built": built,
        "inputs": files_used(inputs, read_as),
        "templates": files_used(templates),
        "options": options,
        "key_figures": figures,
    }


def memo_record(
    settings: Settings, dataset: Dataset, ctx: Context, findings: Findings, files, built: str
) -> dict:
    """The memo's manifest record: inputs (and how they were read), every template file
    read, the options and the key figures with their lineage."""
    inputs = [*(Path(p) for p in dataset.files.values()), Path(settings.data) / "about.toml"]
    read_as = {str(dataset.files[name]): how for name, how in dataset.detected.items()}
    theme = ctx.theme
    templates = [
        *map(Path, ctx.used),
        ctx.search.find(f"labels.{ctx.lang.code}.toml"),
        *(folder / "theme.toml" for folder in ctx.search.folders),
        theme.reference_docx,
        theme.font_regular,
        theme.font_bold,
        theme.font_italic,
        theme.font_bold_italic,
        theme.logo,
    ]
    return entry(settings, files, inputs, templates, key_figures(findings, dataset), built, read_as)


def with_hashes(record: dict, folder: Path, located: Callable[[Path], Path] = Path) -> dict:
    """The record with ``outputs``: each written file (relative to ``folder``) with its
    SHA-256, once all of them are written; ``located(path)`` is where a file is until it
    is published (its temporary name)."""
    files = [{"file": n, "sha256": sha256(located(folder / n))} for n in record["files"]]
    return {**record, "outputs": files}


def publish(folder: Path, stem: str, record: dict, staging: Staging) -> None:
    """Give the memo ``stem``'s files in ``staging`` their names and put its ``record``
    (with the files' hashes) in ``folder``'s manifest.json, all at once under the folder's
    lock (see ``files.output``). Raises OutputError or DiskError; none of them is there."""
    record = with_hashes(record, folder, staging.temp_of)
    manifest = folder / "manifest.json"
    staging.commit(folder, lambda: {manifest: merged(manifest, {stem: record})})


def merged(path: Path, entries: dict[str, dict]) -> bytes:
    """The manifest at ``path`` (if any) with ``entries`` (memo name → record) merged in,
    as the bytes to write; call it holding the folder's lock (``files.output.locked``).
    A manifest that cannot be read is kept aside with a warning (``files.records``)."""
    memos = read_or_set_aside(path, "memos", dict)
    memos.update(entries)
    document = {"reportgen": __version__, "memos": dict(sorted(memos.items()))}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


if TYPE_CHECKING:
    from reportgen.compose.compose import Context
    from reportgen.config import Settings
    from reportgen.dataset.load import Dataset

LOWER = "primary + upper_secondary"


NOT_COMPUTED = "not computed"
NOT_SHOWN = "not shown"  # a figure hidden for confidentiality (findings.disclosure)


def key_figures(findings: Findings, dataset: Dataset) -> list[dict]:
    """One record per figure in the key findings: name, value, source, filter, operation."""
    return [_record(*row) for row in _user_rows(findings, dataset) + _other_rows(findings, dataset)]


def _user_rows(f: Findings, dataset: Dataset) -> list[tuple]:
    """(figure, value, source, filter, operation) of the unique-user figures."""
    users, since_first = f.users, f.users_since_first
    now, before = _where(f, dataset, f.year), _where(f, dataset, f.year - 1)
    first_year, total = _where(f, dataset, f.first_year), "sum of unique_users"
    hidden = _hidden(f.threshold)
    return [
        ("unique_users", users.current, "centres", now,
         hidden if users.current is None else total),
        ("unique_users_previous_year", users.previous, "centres", before,
         hidden if users.status == "hidden" and users.previous is None else total),
        ("unique_users_change", users.difference, "centres", "",
         _no_base(users) or f"{users.current} − {users.previous}"),
        ("unique_users_change_pct", _round(users.percent), "centres", "", _percent_change(users)),
        ("unique_users_change_since_first_year_pct", _round(since_first.percent), "centres",
         first_year, _percent_change(since_first)),
    ]  # fmt: skip


def _other_rows(f: Findings, dataset: Dataset) -> list[tuple]:
    """(figure, value, source, filter, operation) of the other key figures."""
    where = _where(f, dataset, f.year)
    education = f"{where}, dimension = education"
    satisfied = f"respondents with answer in {', '.join(SATISFIED)} / all respondents × 100"
    rows = [
        ("group_sessions", f.group_sessions.current, "centres", where, "sum of group_sessions"),
        ("centres", f.centres, "centres", where, "count of rows"),
        ("largest_education_group", f.education_groups.largest, "users", education,
         f"largest of lower ({LOWER}), vocational_college, higher_education"),
        ("largest_education_group_share_pct", _round(_largest_share(f)), "users", education,
         "persons in the group / persons with a stated education × 100"),
        ("satisfied_share_pct", _round(f.satisfied_share), "survey", where, satisfied),
    ]  # fmt: skip
    if f.unit.is_country:
        rows.append(("counties_with_centre", f.counties_with_centre, "centres", where,
                     "count of distinct county_code"))  # fmt: skip
    return rows


def _percent_change(change) -> str:
    """How a percent change is computed, or why it is not (no base, or a base of zero)."""
    if change.previous == 0 and change.available:
        return f"{NOT_COMPUTED}: the base is 0 (no users that year)"
    return _no_base(change) or f"({change.current} − {change.previous}) / {change.previous} × 100"


def _no_base(change) -> str | None:
    """Why a change is not computed ("split", "missing", "hidden"), or None."""
    if change.available:
        return None
    if change.status == "hidden":
        return f"{NOT_SHOWN}: the count or its base is hidden for confidentiality"
    return f"{NOT_COMPUTED}: no comparable base ({change.status})"


def _hidden(threshold: int) -> str:
    """The operation of a count hidden for confidentiality."""
    return (
        f"{NOT_SHOWN}: hidden for confidentiality (a count of 1 to {threshold - 1} persons, "
        "or one that would give such a count back)"
    )


def _record(name, value, source, where, operation) -> dict:
    return {
        "figure": name,
        "value": value,
        "source": f"{source}.csv",
        "filter": where,
        "operation": operation,
    }


def _where(findings: Findings, dataset, year: int) -> str:
    county = findings.unit.county
    if county is None:
        return f"year = {year}"
    codes, status = base_codes(dataset.classification, county.code, findings.year, year)
    if status == "split":
        return f"year = {year}: not comparable (county split)"
    return f"year = {year}, county_code in ({', '.join(codes)})"


def _largest_share(findings: Findings) -> float | None:
    largest = findings.education_groups.largest
    return None if largest is None else findings.education_groups.share(largest)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def explain(records: list[dict]) -> str:
    """The lineage as plain text, one block per figure."""
    blocks = []
    for record in records:
        how = record["operation"]
        blocks.append(
            f"{record['figure']} = {record['value']}\n"
            f"  from {record['source']} where {record['filter'] or '(as above)'}\n"
            f"  {how if how.startswith((NOT_COMPUTED, NOT_SHOWN)) else 'computed as ' + how}"
        )
    return "\n".join(blocks)
