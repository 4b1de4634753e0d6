"""The archive: every memo of many years in one or more målformer, with the data read once
and one pool of helpers, and ``OUTPUT/index.html`` linking every year's page and memo.

An edition is one year in one målform: the national memo and every county memo valid
that year, written exactly as ``reportgen memo`` and ``reportgen batch`` write them for
that year and målform, in that order (the same files, the same indexes). The next
edition's templates are rendered and its charts queued while this one is written, so
the helpers never wait between editions. A template mistake stops the archive before
the edition it is in writes anything (the editions before it stay whole); any other
failure is one memo's, reported at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportgen.batch import NATIONAL, Outcome, finish_memos, start_memos, write_indexes
from reportgen.config import Settings
from reportgen.dataset.load import Dataset
from reportgen.errors import ConfigError, ReportgenError
from reportgen.indexes import write_archive_index


@dataclass(frozen=True)
class Edition:
    """One year in one målform: its Settings and its units (``NATIONAL``, the counties)."""

    settings: Settings
    units: tuple

    @property
    def name(self) -> str:
        """ "2019 nb", how failures name the edition."""
        return f"{self.settings.year} {self.settings.language}"


def plan_archive(
    settings: Settings, dataset: Dataset, years: list[int] | None, languages: list[str]
) -> list[Edition]:
    """The editions of ``years`` (None: every year in the data) × ``languages``, year by
    year. Raises ConfigError for a year not in the data."""
    missing = sorted(set(years or ()) - set(dataset.years))
    if missing:
        raise ConfigError(
            f"there is no data for {', '.join(map(str, missing))}",
            fix=f"choose years from {dataset.years[0]} to {dataset.years[-1]}",
        )
    return [
        Edition(
            replace(settings, year=year, language=language),
            (NATIONAL, *dataset.classification.valid_in(year)),
        )
        for year in sorted(years or dataset.years)
        for language in languages
    ]


def run_archive(
    editions: list[Edition], dataset: Dataset, pool=None, on_done=None
) -> list[tuple[Edition, list[Outcome]]]:
    """Write every edition (see the module), then ``OUTPUT/index.html`` if the web page is
    among the formats. ``on_done(outcome)`` as each memo is published. Returns each
    edition's outcomes (the national memo first). Raises ReportgenError for a template
    mistake (after the edition before it is written), OutputError or DiskError."""
    done: list[tuple[Edition, list[Outcome]]] = []
    waiting: tuple[Edition, list] | None = None
    for edition in editions:
        try:
            started = start_memos(edition.settings, list(edition.units), dataset, pool)
        except ReportgenError:
            if waiting is not None:  # the edition before the mistake is written whole
                done.append(_write(*waiting, pool, on_done))
            raise
        if waiting is not None:
            done.append(_write(*waiting, pool, on_done))
        waiting = edition, started
    if waiting is not None:
        done.append(_write(*waiting, pool, on_done))
    if editions and "html" in editions[0].settings.formats:
        write_archive_index(editions[0].settings, sorted({e.settings.year for e in editions}))
    return done


def _write(edition: Edition, started: list, pool, on_done) -> tuple[Edition, list[Outcome]]:
    """Finish the edition's memos, then its year's indexes (as ``batch`` writes them)."""
    outcomes = finish_memos(started, pool, lambda o: on_done and on_done(_named(o, edition)))
    outcomes = [_named(o, edition) for o in outcomes]
    write_indexes(edition.settings, [o for o in outcomes if o.code is not None])
    return edition, outcomes


def _named(outcome: Outcome, edition: Edition) -> Outcome:
    return replace(outcome, edition=edition.name)
