"""The archive: every memo of many years in one or more målformer, with the data read once
and one pool of helpers, and ``OUTPUT/index.html`` linking every year's page and memo.

An edition is one year in one målform: the national memo and every county memo valid
that year, written exactly as ``reportgen memo`` and ``reportgen batch`` write them for
that year and målform, in that order (the same files, the same indexes). While this
process renders one edition's templates, the helpers draw the charts of the one before
and render the print edition of the one before that, so they never wait between
editions. A template mistake stops the archive before
the edition it is in writes anything (the editions before it stay whole); any other
failure is one memo's, reported at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from reportgen.batch import NATIONAL, Finishing, Outcome, start_memos, write_indexes
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
    under_way: list[tuple[Edition, Any]] = []  # (edition, Started list or Finishing)
    try:
        for edition in editions:
            try:
                started = start_memos(edition.settings, list(edition.units), dataset, pool)
            except ReportgenError:  # the editions before the mistake are written whole
                while under_way:
                    done.append(_step(under_way, pool, on_done, finished=True))
                raise
            under_way.append((edition, started))
            while len(under_way) > 2:
                done.append(_step(under_way, pool, on_done))
        while under_way:
            done.append(_step(under_way, pool, on_done, finished=True))
    except BaseException:  # Ctrl-C: the memos written and not published leave no file
        for _, step in under_way:
            if isinstance(step, Finishing):
                step.discard()
        raise
    if editions and "html" in editions[0].settings.formats:
        write_archive_index(editions[0].settings, sorted({e.settings.year for e in editions}))
    return done


def _step(under_way: list, pool, on_done, *, finished: bool = False):
    """Move the editions under way on: write every started one but the newest (with
    ``finished``, every one; their charts are drawn or being drawn), then publish the
    oldest, so the helpers draw and render one edition while this process starts or
    writes the next. Returns the oldest edition and its outcomes."""
    for number in range(len(under_way) if finished else len(under_way) - 1):
        edition, step = under_way[number]
        if not isinstance(step, Finishing):
            finishing = Finishing(pool, on_done and (lambda o, e=edition: on_done(_named(o, e))))
            under_way[number] = edition, finishing
            finishing.write(step)
    edition, finishing = under_way[0]
    outcomes = [_named(o, edition) for o in finishing.publish()]
    under_way.pop(0)
    write_indexes(edition.settings, [o for o in outcomes if o.code is not None])
    return edition, outcomes


def _named(outcome: Outcome, edition: Edition) -> Outcome:
    return replace(outcome, edition=edition.name)
