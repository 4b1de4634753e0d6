"""``reportgen check``: render every memo the data holds for a year, write nothing, and
list every template, theme and labels mistake with the memos it stops."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportgen.compose.compose import Context, draft
from reportgen.config import Settings, build_time
from reportgen.dataset.load import Dataset
from reportgen.errors import ReportgenError
from reportgen.files import SearchPath
from reportgen.findings.compute import compute
from reportgen.findings.values import Unit
from reportgen.language import get_language
from reportgen.model import Chart
from reportgen.pipeline import data_variables
from reportgen.theme import load_labels, load_theme

LANGUAGES = ("nb", "nn")


@dataclass
class CheckReport:
    """What ``check_templates`` found: each distinct message → the memos it stops
    (e.g. "2019 nb national", "2019 nn 46 Vestland"), and how many memos were rendered."""

    problems: dict[str, list[str]] = field(default_factory=dict)
    rendered: int = 0

    def text(self) -> str:
        """The report for the terminal: every problem with its memos, or that all is well."""
        if not self.problems:
            return f"Checked {self.rendered} memos: no problems found."
        lines = [f"Checked {self.rendered} memos: {len(self.problems)} problem(s)."]
        for message, memos in self.problems.items():
            shown = ", ".join(memos[:6]) + (f" and {len(memos) - 6} more" if len(memos) > 6 else "")
            lines.append(f"- {message}\n  (memos: {shown})")
        return "\n".join(lines)


def check_templates(settings: Settings, dataset: Dataset, years: list[int]) -> CheckReport:
    """Render the national memo and every county memo of each of ``years`` in bokmål and
    nynorsk with the templates of ``settings.templates``, building the whole memo model
    (tables, charts as placeholders) but drawing and writing nothing."""
    report = CheckReport()
    for year in years:
        counties = [None, *(c.code for c in dataset.classification.valid_in(year))]
        for code in counties:
            for language in LANGUAGES:
                where = f"{year} {language} " + (code or "national")
                try:
                    _render(settings, dataset, year, code, language)
                except ReportgenError as exc:
                    report.problems.setdefault(exc.message, []).append(where)
                report.rendered += 1
    return report


def _render(settings: Settings, dataset: Dataset, year: int, code: str | None, language: str):
    unit = Unit(dataset.classification.get(code, year)) if code else Unit()
    findings = compute(dataset, year, unit, settings.threshold)
    lang = get_language(language, settings.seven)
    search = SearchPath(settings.templates, county=code)
    ctx = Context(
        search,
        lang,
        load_labels(search, lang.code),
        load_theme(search),
        build_time(),
        data_variables(settings.data, year, language, code),
    )
    kind = "county" if code else "national"
    memo_draft = draft(findings, f"{kind}.{language}.md", ctx)
    placeholder = Chart(b"", 1.0, 1.0)
    return memo_draft.memo({r.key: placeholder for r in memo_draft.chart_requests})
