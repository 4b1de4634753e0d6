"""Time `reportgen memo --year 2019` (whole process) against the bare import of its libraries.

Both are measured in the same run, alternating, median of N runs each; prints the ratio
and the peak resident memory of the memo process, which writes all five outputs (DOCX,
PDF, HTML, article, XLSX with its CSV files). Targets: ratio ≤ 1.15 with all five
(issue 12; ≤ 1.4 for DOCX and PDF in issue 2), peak memory ≤ 180 MB.
Usage: python benchmarks/memo_speed.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from measure import compile_package, run

BIN = Path(sys.executable).parent
IMPORTS = [sys.executable, "-c", "import pandas, matplotlib.pyplot, docx, reportlab.platypus"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    out = tempfile.mkdtemp(prefix="reportgen-bench-")
    memo = [str(BIN / "reportgen"), "memo", "--year", "2019", "--output", out]
    compile_package()
    run(memo), run(IMPORTS)  # warm the file cache (and matplotlib's font cache)
    memo_times, import_times, peaks = [], [], []
    for _ in range(args.runs):
        seconds, peak = run(memo)
        memo_times.append(seconds)
        peaks.append(peak)
        import_times.append(run(IMPORTS)[0])
    memo_s, import_s = statistics.median(memo_times), statistics.median(import_times)
    print(f"memo (all five outputs, median of {args.runs}): {memo_s:.3f} s")
    print(f"bare imports (median of {args.runs}):  {import_s:.3f} s")
    print(f"ratio: {memo_s / import_s:.2f}  (target ≤ 1.15)")
    print(f"peak memory of the memo process: {max(peaks):.0f} MB  (target ≤ 180 MB)")


if __name__ == "__main__":
    main()
