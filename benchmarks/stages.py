"""Where a memo's time goes: each stage timed in this one process, for the national memo
and every county memo of a year (imports, data, findings, the rest of the recipe, the
template, each chart, the PDF layout, each writer, publishing).

Usage: python benchmarks/stages.py [--year 2019] [--language nb]
Prints CPU seconds of this process per stage (total over the memos, and per memo): on a
loaded machine they vary less than wall time.
"""

from __future__ import annotations

import argparse
import importlib
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from measure import ROOT

SPENT: dict[str, float] = defaultdict(float)
LIBRARIES = ("pandas", "matplotlib.pyplot", "reportlab.platypus", "docx", "openpyxl")


@contextmanager
def timed(stage: str):
    start = time.process_time()
    yield
    SPENT[stage] += time.process_time() - start


def one_memo(settings, dataset, county) -> None:
    """Build one memo stage by stage, as ``pipeline.build_memo`` does without helpers."""
    from reportgen import charts, formats
    from reportgen.compose.article import compose_article, draft_article
    from reportgen.files.output import Staging
    from reportgen.findings.compute import compute
    from reportgen.model import Layout
    from reportgen.pdf_writer import lay_out
    from reportgen.pipeline import finish_memo, publish, start_memo
    from reportgen.recipe import draft_memo, prepare
    from reportgen.theme.fit import for_memo

    with timed("findings (compute)"):
        compute(dataset, settings.year, _unit(dataset, settings.year, county), settings.threshold)
    with timed("recipe (findings, labels, theme, texts)"):
        job = prepare(settings, dataset, county)
    with timed("compose (template → draft)"):
        memo_draft = draft_memo(job)
        article = draft_article(job.findings, job.ctx, str(memo_draft.front.get("title", "")))
    drawn = {}
    for request in memo_draft.chart_requests:
        with timed(f"chart {request.name}"):
            drawn[request.key] = charts.draw(
                request.name, job.findings, job.ctx.labels, job.ctx.lang, job.ctx.theme
            )
    memo = memo_draft.memo(drawn)
    theme = for_memo(job.ctx.theme, memo.metadata)
    with timed("writer pdf: lay out"):
        layout = lay_out(memo, theme)
    for name in ("pdf", "docx", "html", "xlsx"):
        with timed(f"writer {name}"):
            formats.render(name, memo, theme, layout if name in ("pdf", "docx") else Layout())
    with timed("writer article"):
        names = formats.file_names(job.stem)
        page = compose_article(article, memo_draft.text(), job.ctx, names, job.quote)
        formats.render("article", page, job.ctx.theme, Layout())
    with timed("writer csv"):
        formats.parts("xlsx", memo, job.stem)
    with timed("whole memo again, written and published (for the total)"):
        with Staging() as staging:
            started = start_memo(settings, dataset, county, None)
            result = finish_memo(started, None, staging)
            publish(result, started.job.folder, staging)


def _unit(dataset, year, county):
    from reportgen.findings.values import Unit
    from reportgen.recipe import county_of

    return Unit(county_of(dataset, year, county)) if county else Unit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--year", type=int, default=2019)
    parser.add_argument("--language", default="nb")
    args = parser.parse_args()
    for library in LIBRARIES:
        with timed(f"import {library}"):
            importlib.import_module(library)
    from reportgen.config import Settings
    from reportgen.dataset.load import load_dataset

    with timed("data (read and check)"):
        dataset = load_dataset(ROOT / "data")
    out = Path(tempfile.mkdtemp(prefix="reportgen-stages-"))
    settings = Settings(year=args.year, data=ROOT / "data", output=out, language=args.language)
    one_memo(replace(settings, output=out / "warm"), dataset, None)  # fonts, caches
    for stage in [s for s in SPENT if not s.startswith(("import", "data"))]:
        del SPENT[stage]
    units = [None, *(c.code for c in dataset.classification.valid_in(args.year))]
    for county in units:
        one_memo(settings, dataset, county)
    print(f"{len(units)} memos of {args.year} ({args.language}), CPU seconds in this process:")
    for stage, seconds in SPENT.items():
        per = "" if stage.startswith(("import", "data")) else f"  {seconds / len(units):.3f}/memo"
        print(f"  {stage:58} {seconds:7.2f}{per}")


if __name__ == "__main__":
    main()
