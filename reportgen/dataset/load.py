"""The validated dataset: typed frames, the county classification, and what was read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from reportgen.dataset.checks import check_dataset, gap_problems, year_problems
from reportgen.dataset.counties import Classification
from reportgen.dataset.plausible import plausibility_problems
from reportgen.dataset.read import read_folder
from reportgen.dataset.schema import SOURCES
from reportgen.dataset.services import service_frames
from reportgen.dataset.validate import convert
from reportgen.errors import Problem, errors_in, in_reading_order, raise_if_errors


@dataclass
class Dataset:
    """Typed input tables (see ``schema.SOURCES`` for the columns) and their provenance.

    ``files`` maps source name → path read; ``detected`` → what the reader detected
    (encoding and delimiter, or the sheet). ``warnings`` are problems that do not stop a memo.
    ``cache`` holds values derived from the frames (sums, findings), computed once.
    """

    frames: dict[str, pd.DataFrame]
    classification: Classification
    files: dict[str, Path] = field(default_factory=dict)
    detected: dict[str, str] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def years(self) -> list[int]:
        """The years with centre reporting, ascending (computed once)."""
        if "years" not in self.cache:
            self.cache["years"] = sorted(int(y) for y in self.frames["centres"]["year"].unique())
        return self.cache["years"]


@dataclass
class Inspection:
    """The outcome of checking a data folder: every problem, what was read and how, and
    the dataset if there were no errors."""

    dataset: Dataset | None
    problems: list[Problem]
    files: dict[str, str]
    detected: dict[str, str]

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a memo."""
        return errors_in(self.problems)

    def report(self) -> str:
        """What was read and how, then every problem, for ``reportgen validate``."""
        lines, width = ["Read:"], max(len(source.name) for source in SOURCES)
        for source in SOURCES:
            how = (
                f"{self.files[source.name]} ({self.detected[source.name]})"
                if source.name in self.files
                else "not found" + ("" if source.required else " (optional)")
            )
            lines.append(f"  {source.name:<{width}} {how}")
        errors, warnings = len(self.errors), len(self.problems) - len(self.errors)
        if not self.problems:
            return "\n".join([*lines, "No problems found."])
        counts = [_count(n, noun) for n, noun in ((errors, "error"), (warnings, "warning")) if n]
        lines.append(" and ".join(counts) + ":")
        lines += [f"  {p.severity}: {p}" for p in self.problems]
        return "\n".join(lines)


def inspect_folder(
    folder: Path, encoding: str | None = None, delimiter: str | None = None, year: int | None = None
) -> Inspection:
    """Read and check ``folder``, all rules at once; with ``year``, also whether the data
    covers that year and the year before. Raises DataError/ConfigError only if the folder
    does not exist or an option is bad; every other problem is in the result."""
    raw = read_folder(folder, encoding, delimiter)
    services, service_problems = service_frames(raw)  # before the centres' rows are typed
    frames, problems = convert(raw)
    frames, problems = {**frames, **services}, problems + service_problems
    classification = _classification(frames)
    problems += check_dataset(frames, raw, classification) + gap_problems(frames, raw)
    problems += plausibility_problems(frames, raw, problems)
    if year is not None:
        problems += year_problems(frames, raw, year)
    problems = in_reading_order(problems)
    files = {name: table.label for name, table in raw.tables.items()}
    detected = {name: table.detected for name, table in raw.tables.items()}
    complete = all(s.name in frames for s in SOURCES if s.required)
    dataset = None
    if complete and classification is not None and not errors_in(problems):
        paths = {name: table.path for name, table in raw.tables.items()}
        warnings = [p for p in problems if not p.is_error]
        dataset = Dataset(frames, classification, paths, detected, warnings)
    return Inspection(dataset, problems, files, detected)


def load_dataset(
    folder: Path, encoding: str | None = None, delimiter: str | None = None, year: int | None = None
) -> Dataset:
    """Read, convert and check the data folder. Raises DataError listing every error;
    warnings (with ``year``: e.g. no year before it) are in ``Dataset.warnings``."""
    inspection = inspect_folder(folder, encoding, delimiter, year)
    raise_if_errors(inspection.problems)
    assert inspection.dataset is not None
    return inspection.dataset


def _classification(frames: dict[str, pd.DataFrame]) -> Classification | None:
    """The county classification from the rows of counties.csv that could be read."""
    counties = frames.get("counties")
    if counties is None:
        return None
    if counties["valid_from"].hasnans:
        counties = counties.dropna(subset=["valid_from"])
    return Classification(counties)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
