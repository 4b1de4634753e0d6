"""The stages in order: load → findings → compose (charts, tables) → write DOCX and PDF."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .clock import build_time
from .compose import Context, compose
from .config import Settings
from .dataset import Dataset, load_dataset
from .docx_writer import write_docx
from .errors import TemplateError
from .findings import Unit, compute
from .language import get_language
from .lookup import SearchPath
from .parallel import run_all, workers
from .pdf_writer import write_pdf
from .theme import load_theme


@dataclass(frozen=True)
class Result:
    """What one memo run wrote: the files, in the order of ``Settings.formats``."""

    files: tuple[Path, ...]


def build_memo(settings: Settings, dataset: Dataset | None = None,
               parallel: bool = True) -> Result:
    """Build the national memo for ``settings.year``: DOCX and PDF under output/<year>/.

    Raises DataError (bad data), ConfigError (e.g. a year not in the data) or
    TemplateError (a broken template); nothing is written then.
    """
    dataset = dataset or load_dataset(settings.data, settings.encoding, settings.delimiter)
    findings = compute(dataset, settings.year, Unit())
    lang = get_language(settings.language, settings.seven)
    search = SearchPath(settings.templates)
    folder = settings.output / str(settings.year)
    stem = f"karriereveiledning-{settings.year}-{lang.code}"
    with workers(parallel) as pool:
        ctx = Context(search, lang, load_labels(search, lang.code), load_theme(search),
                      build_time(), {"data": read_about(settings.data)}, pool)
        memo = compose(findings, f"national.{lang.code}.md", ctx)
        return Result(write_all(memo, ctx.theme, folder, stem, settings.formats, pool))


def write_all(memo, theme, folder: Path, stem: str, formats, pool=None) -> tuple[Path, ...]:
    """Write the memo in every format (each file atomically, in parallel on ``pool``)."""
    folder.mkdir(parents=True, exist_ok=True)
    writers = {"docx": write_docx, "pdf": write_pdf}
    paths = tuple(folder / f"{stem}.{fmt}" for fmt in formats)
    run_all(pool, [(writers[fmt], memo, theme, path) for fmt, path in zip(formats, paths)])
    return paths


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
