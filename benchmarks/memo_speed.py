"""Time `reportgen memo --year 2019` (whole process) against the bare import of its
libraries and against the peer, pandoc + typst writing the same memo as DOCX and PDF.

All three are measured in the same run, alternating, median of N runs each; prints the
ratios and the peak resident memory of the memo process, which writes all five outputs
(DOCX, PDF, HTML, article, XLSX with its CSV files). Targets: ratio to the imports ≤ 1.15
(issue 12), to the peer ≤ 0.7 (issue 26); peak memory ≤ 180 MB.
Usage: python benchmarks/memo_speed.py [--runs 7] [--peer DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from measure import compile_package, peer_command, peer_option, run

BIN = Path(sys.executable).parent
IMPORTS = [sys.executable, "-c", "import pandas, matplotlib.pyplot, docx, reportlab.platypus"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    peer_option(parser)
    args = parser.parse_args()
    out = tempfile.mkdtemp(prefix="reportgen-bench-")
    memo = [str(BIN / "reportgen"), "memo", "--year", "2019", "--output", out]
    peer = peer_command(args.peer, tempfile.mkdtemp(prefix="reportgen-peer-"))
    compile_package()
    run(memo), run(IMPORTS), run(peer)  # warm the file cache (and the font caches)
    memo_times, import_times, peer_times, peaks = [], [], [], []
    for _ in range(args.runs):
        seconds, peak = run(memo)
        memo_times.append(seconds)
        peaks.append(peak)
        import_times.append(run(IMPORTS)[0])
        peer_times.append(run(peer)[0])
    memo_s, import_s = statistics.median(memo_times), statistics.median(import_times)
    peer_s = statistics.median(peer_times)
    print(f"memo (all five outputs, median of {args.runs}): {memo_s:.3f} s")
    print(f"bare imports (median of {args.runs}):  {import_s:.3f} s")
    print(f"pandoc + typst, DOCX and PDF (median of {args.runs}):  {peer_s:.3f} s")
    print(f"ratio to the imports: {memo_s / import_s:.2f}  (target ≤ 1.15)")
    print(f"ratio to pandoc + typst: {memo_s / peer_s:.2f}  (target ≤ 0.7)")
    print(f"peak memory of the memo process: {max(peaks):.0f} MB  (target ≤ 180 MB)")


if __name__ == "__main__":
    main()
