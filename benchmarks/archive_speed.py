"""Time `reportgen archive` against the separate commands it replaces (`memo` then `batch`
for each year and målform: 40 commands for 2015–2024 in bokmål and nynorsk), in the same
run, alternating, median of N runs each; prints both, the ratio, the CPU seconds of each
(user + system of every process, which a busy machine changes less than the wall time)
and the peak memory of any process. Targets (issue 26): the archive ≤ 20 s and ≤ 0.25×
the separate commands.
Usage: python benchmarks/archive_speed.py [--runs 3] [--years 2015-2024] [--languages nb,nn]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from measure import compile_package, run

REPORTGEN = str(Path(sys.executable).parent / "reportgen")


def separate(years: list[int], languages: list[str], out: str) -> list[list[str]]:
    """The separate commands, in the order the archive writes its editions."""
    return [
        [REPORTGEN, command, "--year", str(year), "--language", language, "--output", out]
        for year in years
        for language in languages
        for command in ("memo", "batch")
    ]


def run_all(commands: list[list[str]], out: str) -> tuple[float, float, float]:
    """Wall seconds of the commands one after another into a fresh ``out``, the peak
    memory in MB of any of their processes and their CPU seconds (user + system)."""
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    times = [run(command) for command in commands]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return sum(t for t, _ in times), max(m for _, m in times), cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--years", default="2015-2024")
    parser.add_argument("--languages", default="nb,nn")
    args = parser.parse_args()
    first, _, last = args.years.partition("-")
    years, languages = list(range(int(first), int(last or first) + 1)), args.languages.split(",")
    out = tempfile.mkdtemp(prefix="reportgen-archive-")
    archive = [
        [REPORTGEN, "archive", "--years", args.years, "--language", args.languages, "-o", out]
    ]
    commands = separate(years, languages, out)
    compile_package()
    run([REPORTGEN, "memo", "--year", str(years[0]), "--output", out])  # warm the caches
    archive_runs, separate_runs = [], []
    for _ in range(args.runs):
        archive_runs.append(run_all(archive, out))
        separate_runs.append(run_all(commands, out))
    archive_s = statistics.median(t for t, _, _ in archive_runs)
    separate_s = statistics.median(t for t, _, _ in separate_runs)
    archive_cpu = statistics.median(c for _, _, c in archive_runs)
    separate_cpu = statistics.median(c for _, _, c in separate_runs)
    peak = max(m for _, m, _ in archive_runs + separate_runs)
    print(f"archive {args.years} {args.languages} (median of {args.runs}): {archive_s:.1f} s")
    print(f"{len(commands)} separate commands (median of {args.runs}): {separate_s:.1f} s")
    print(f"ratio archive / separate: {archive_s / separate_s:.2f}  (target ≤ 0.25)")
    print(
        f"CPU seconds: archive {archive_cpu:.1f}, separate {separate_cpu:.1f}, ratio "
        f"{archive_cpu / separate_cpu:.2f}"
    )
    print(f"peak memory of any process: {peak:.0f} MB  (target ≤ 200 MB)")


if __name__ == "__main__":
    main()
