"""What a memo is built from and where it goes: the county, the målform, the labels, the
data's description and the file names."""

from __future__ import annotations

import tomllib
from pathlib import Path

from .config import Settings
from .dataset import Dataset
from .errors import ConfigError, TemplateError
from .findings_types import Unit
from .lookup import SearchPath
from .naming import slug


def output_place(settings: Settings, unit: Unit, language: str) -> tuple[Path, str]:
    """Folder and ASCII file stem of a memo (county names never become paths as they are)."""
    year_folder = settings.output / str(settings.year)
    if unit.is_country:
        return year_folder, f"karriereveiledning-{settings.year}-{language}"
    name = f"{slug(unit.county.code)}-{slug(unit.county.name)}"
    return year_folder / "fylker", f"{name}-{settings.year}-{language}"


def default_language(dataset: Dataset, county: str | None) -> str:
    """The målform of a county memo from ``county_language.csv``; "nb" otherwise."""
    table = dataset.frames.get("county_language")
    if county is None or table is None:
        return "nb"
    match = table.loc[table.county_code == county, "language"]
    return match.iloc[0] if len(match) else "nb"


def county_of(dataset: Dataset, year: int, code: str):
    """The county with ``code`` in ``year``; ConfigError naming the valid codes if none."""
    county = dataset.classification.get(code, year)
    if county is None:
        valid = ", ".join(c.code for c in dataset.classification.valid_in(year))
        raise ConfigError(f"county {code} does not exist in {year}",
                          fix=f"use a county code valid that year: {valid}")
    return county


def load_labels(search: SearchPath, code: str) -> dict:
    """The words of charts and tables from ``labels.<code>.toml``. Raises TemplateError."""
    path = search.find(f"labels.{code}.toml")
    if path is None:
        raise TemplateError(f"labels.{code}.toml was not found in the template folders",
                            fix="run 'reportgen templates init DIR' to get the defaults")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"is not valid TOML ({exc})", file=path,
                            fix="check quotes and [sections]") from None


def read_about(folder: Path) -> dict:
    """The dataset's description from ``about.toml`` (e.g. ``synthetic = true``), or {}."""
    path = Path(folder) / "about.toml"
    if not path.is_file():
        return {"synthetic": False}
    return {"synthetic": False, **tomllib.loads(path.read_text(encoding="utf-8"))}
