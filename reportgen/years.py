"""Whether the data covers the memo's year: the year itself, and the year before it."""

from __future__ import annotations

import pandas as pd

from .load import RawDataset
from .problems import WARNING, Problem

WITHOUT = {"users": "who the users are", "survey": "the user survey"}


def year_problems(frames: dict[str, pd.DataFrame], raw: RawDataset, year: int) -> list[Problem]:
    """An error if centres.csv has no rows for ``year``; warnings if it lacks the year
    before (no comparison) or users/survey lack ``year`` (that part of the memo is empty)."""
    if "centres" not in frames:
        return []
    years = sorted(int(y) for y in frames["centres"]["year"].dropna().unique())
    label = raw.tables["centres"].label
    if year not in years:
        return [Problem(label, None, "year", None, f"has no rows for {year}",
                        f"choose a year in the data ({years_text(years)}), or add its rows")]
    problems = []
    if year - 1 not in years:
        problems.append(Problem(
            label, None, "year", None, f"has no rows for {year - 1}, the year before {year}, "
            "so the memo cannot compare with it",
            f"add the {year - 1} rows, or accept a memo without the comparison", WARNING))
    for name, part in WITHOUT.items():
        if name in frames and year not in set(frames[name]["year"].dropna()):
            problems.append(Problem(
                raw.tables[name].label, None, "year", None, f"has no rows for {year}, so the "
                f"memo says nothing about {part} that year", f"add the {year} rows", WARNING))
    return problems


def gap_problems(frames: dict[str, pd.DataFrame], raw: RawDataset) -> list[Problem]:
    """A warning for each year missing between the first and last year of centres.csv
    (the memo then shows it as ".." and compares across it with nothing)."""
    if "centres" not in frames:
        return []
    years = sorted(int(y) for y in frames["centres"]["year"].dropna().unique())
    missing = sorted(set(range(years[0], years[-1] + 1)) - set(years)) if years else []
    return [Problem(raw.tables["centres"].label, None, "year", None,
                    f"has no rows for {gap}, between {years[0]} and {years[-1]}",
                    f"add the {gap} rows, or accept memos that show {gap} as missing",
                    WARNING) for gap in missing]


def years_text(years: list[int]) -> str:
    """Years as "2015–2024" when consecutive, else "2015, 2017"."""
    if not years:
        return "none"
    if years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(map(str, years))
