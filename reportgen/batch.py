"""One memo per county in worker processes, with an index of files and key figures.

A failing county does not stop the others: its outcome carries the reason. Workers are
forked after the data is loaded, so each county costs only its own memo.
"""

from __future__ import annotations

import ctypes
import gc
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .config import Settings
from .dataset import Dataset, load_dataset
from .errors import ConfigError, ReportgenError
from .parallel import HELPER_MODULES, preload
from .pipeline import build_memo
from .provenance import write_manifest

_DATASET: Dataset | None = None  # set before the workers fork; loaded again under spawn


@dataclass(frozen=True)
class Outcome:
    """One county's result: files and key figures, or the error that stopped it."""

    code: str
    name: str
    files: tuple[str, ...] = ()
    figures: dict | None = None
    error: str | None = None
    user_error: bool = False  # bad data, options or templates (exit code 2), not a bug
    manifest: dict | None = None  # the memo's record for manifest.json


def plan_batch(settings: Settings, codes: list[str] | None = None) -> tuple[list, Dataset]:
    """Load the data and choose the counties: all valid in ``settings.year``, or ``codes``.
    Returns the counties and the dataset (with what was detected and its warnings).
    Raises DataError for bad data and ConfigError for a year or county not in the data."""
    global _DATASET
    _DATASET = load_dataset(settings.data, settings.encoding, settings.delimiter, settings.year)
    return _selected(_DATASET, settings.year, codes), _DATASET


def run_batch(settings: Settings, counties: list, jobs: int | None = None,
              on_done=None) -> tuple[list[Outcome], Path]:
    """County memos for the planned ``counties`` (see ``plan_batch``) on ``jobs`` processes.

    ``on_done(outcome)`` is called as each county finishes. Returns the outcomes in
    county order and the path of ``index.json``.
    """
    outcomes = []
    preload(*HELPER_MODULES)  # each worker draws and writes everything: import it once, here
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(jobs or os.cpu_count() or 1, mp_context=context) as pool:
        futures = [pool.submit(_county_job, settings, c.code, c.name) for c in counties]
        for future in as_completed(futures):
            outcomes.append(future.result())
            if on_done:
                on_done(outcomes[-1])
    outcomes.sort(key=lambda o: o.code)
    records = {Path(o.files[0]).stem: o.manifest for o in outcomes if o.manifest}
    if records:
        write_manifest(settings.output / str(settings.year) / "fylker", records)
    return outcomes, write_index(settings, outcomes)


def _selected(dataset: Dataset, year: int, codes: list[str] | None):
    valid = dataset.classification.valid_in(year)
    if year not in dataset.years:
        raise ConfigError(f"there is no data for {year}",
                          fix=f"choose a year from {dataset.years[0]} to {dataset.years[-1]}")
    unknown = sorted(set(codes or ()) - {c.code for c in valid})
    if unknown:
        raise ConfigError(f"no county {', '.join(unknown)} in {year}",
                          fix="use codes valid that year: " + ", ".join(c.code for c in valid))
    return [c for c in valid if not codes or c.code in codes]


def _county_job(settings: Settings, code: str, name: str) -> Outcome:
    """Build one county memo in a worker; any failure becomes the outcome's error."""
    try:
        dataset = _DATASET or load_dataset(settings.data, settings.encoding, settings.delimiter)
        result = build_memo(settings, dataset, parallel=False, county=code, manifest=False)
    except ReportgenError as exc:
        return Outcome(code, name, error=exc.format_message(), user_error=True)
    except Exception as exc:  # noqa: BLE001 - one county's bug must not stop the others
        return Outcome(code, name, error=f"{type(exc).__name__}: {exc}")
    finally:
        release_memory()
    return Outcome(code, name, tuple(p.name for p in result.files),
                   key_figures(result.findings, result.language), manifest=result.manifest)


def release_memory() -> None:
    """Hand freed memory back to the system after a memo: collect the young cycles a memo
    leaves (matplotlib figures) and let glibc return freed blocks of chart images, so a
    long-running worker's footprint does not creep up. A full collection costs 15× more."""
    gc.collect(1)
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


def key_figures(findings, language: str) -> dict:
    """The county's headline numbers for the index (unrounded; None when not available)."""
    return {"label": findings.unit.county.label, "language": language,
            "unique_users": findings.users.current,
            "change_from_previous_year_pct": findings.users.percent,
            "comparison": findings.users.status,
            "share_of_country_pct": findings.share_of_country,
            "users_per_1000": findings.users_per_1000, "centres": findings.centres}


def write_index(settings: Settings, outcomes: list[Outcome]) -> Path:
    """``OUTPUT/YEAR/fylker/index.json``: every county's files (names in that folder),
    key figures, or the error that stopped it."""
    folder = settings.output / str(settings.year) / "fylker"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "index.json"
    records = [{"code": o.code, "name": o.name, "files": list(o.files),
                **(o.figures or {}), "error": o.error} for o in outcomes]
    tmp = path.with_name(".index.json.tmp")
    tmp.write_text(json.dumps({"year": settings.year, "counties": records}, ensure_ascii=False,
                              indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
