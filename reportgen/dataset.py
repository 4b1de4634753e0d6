"""The validated dataset: typed frames, the county classification, and what was read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .checks import check_dataset
from .counties import Classification
from .load import read_folder
from .validate import Problem, convert, raise_if_errors


@dataclass
class Dataset:
    """Typed input tables (see ``schema.SOURCES`` for the columns) and their provenance.

    ``files`` maps source name → path read; ``detected`` → what the reader detected
    (encoding and delimiter, or the sheet). ``warnings`` are problems that do not stop a memo.
    """

    frames: dict[str, pd.DataFrame]
    classification: Classification
    files: dict[str, Path] = field(default_factory=dict)
    detected: dict[str, str] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        """The years with centre reporting, ascending."""
        return sorted(int(y) for y in self.frames["centres"]["year"].unique())


def inspect_folder(folder: Path, encoding: str | None = None,
                   delimiter: str | None = None) -> tuple[Dataset | None, list[Problem]]:
    """Read and check ``folder``; return the dataset (None if it has errors) and all problems."""
    raw = read_folder(folder, encoding, delimiter)
    frames, problems = convert(raw)
    if "counties" not in frames or any(p.severity == "error" for p in problems):
        return None, problems
    classification = Classification(frames["counties"])
    problems += check_dataset(frames, raw, classification)
    if any(p.severity == "error" for p in problems):
        return None, problems
    files = {name: table.path for name, table in raw.tables.items()}
    detected = {name: table.detected for name, table in raw.tables.items()}
    warnings = [p for p in problems if p.severity == "warning"]
    return Dataset(frames, classification, files, detected, warnings), problems


def load_dataset(folder: Path, encoding: str | None = None,
                 delimiter: str | None = None) -> Dataset:
    """Read, convert and check the data folder. Raises DataError listing every problem."""
    dataset, problems = inspect_folder(folder, encoding, delimiter)
    raise_if_errors(problems)
    assert dataset is not None
    return dataset
