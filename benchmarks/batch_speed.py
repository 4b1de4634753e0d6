"""Time the 2019 county batch (18 memos, all five outputs) against one national memo
(the same outputs) and against the peer's batch (pandoc + typst, the 18 county memos as
DOCX and PDF), in the same run.

Also reports the peak memory of any process and whether memory grows across 100 county
memos built one after another in one process (figures must not be left open).
Targets (issues 3, 12 and 26): batch ≤ 3× one national memo and ≤ 0.2× the peer's batch;
peak ≤ 200 MB; no growth.
Usage: python benchmarks/batch_speed.py [--runs 3] [--memos 100] [--peer DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from measure import ROOT, compile_package, peer_command, peer_option, run

REPORTGEN = str(Path(sys.executable).parent / "reportgen")


def rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux /proc)."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def memory_growth(memos: int) -> list[tuple[int, float]]:
    """RSS after 10, 40, 70, … county memos built one after another in one process, the
    way the batch builds them where no helper can be forked (each memo followed by
    ``release_memory``)."""
    from reportgen.config import Settings
    from reportgen.dataset.load import load_dataset
    from reportgen.pipeline import build_memo
    from reportgen.workers import release_memory

    dataset = load_dataset(ROOT / "data")
    codes = [c.code for c in dataset.classification.valid_in(2019)]
    settings = Settings(
        year=2019, data=ROOT / "data", output=Path(tempfile.mkdtemp(prefix="reportgen-growth-"))
    )
    readings = []
    for number in range(1, memos + 1):
        build_memo(settings, dataset, county=codes[number % len(codes)])
        release_memory()
        if number % 30 == 10 or number == memos:
            readings.append((number, rss_mb()))
    return readings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memos", type=int, default=100, help="0: skip the growth test")
    peer_option(parser)
    args = parser.parse_args()
    out = tempfile.mkdtemp(prefix="reportgen-bench-")
    national = [REPORTGEN, "memo", "--year", "2019", "--output", out]
    batch = [REPORTGEN, "batch", "--year", "2019", "--output", out]
    peer = peer_command(args.peer, tempfile.mkdtemp(prefix="reportgen-peer-"), batch=True)
    compile_package()
    run(national), run(peer)  # warm caches
    national_runs, batch_runs, peer_runs = [], [], []
    for _ in range(args.runs):
        national_runs.append(run(national))
        batch_runs.append(run(batch))
        peer_runs.append(run(peer))
    national_s = statistics.median(t for t, _ in national_runs)
    batch_s = statistics.median(t for t, _ in batch_runs)
    peer_s = statistics.median(t for t, _ in peer_runs)
    peak = max(m for _, m in national_runs + batch_runs)
    print(f"national memo (median of {args.runs}): {national_s:.2f} s")
    print(f"2019 batch, 18 counties (median of {args.runs}): {batch_s:.2f} s")
    print(f"pandoc + typst, 18 counties (median of {args.runs}): {peer_s:.2f} s")
    print(f"ratio batch / national: {batch_s / national_s:.2f}  (target ≤ 3)")
    print(f"ratio batch / pandoc + typst: {batch_s / peer_s:.2f}  (target ≤ 0.2)")
    print(f"peak memory of any process: {peak:.0f} MB  (target ≤ 200 MB)")
    if not args.memos:
        return
    readings = memory_growth(args.memos)
    print(
        "memory of one process building county memos: "
        + ", ".join(f"{n} memos {mb:.0f} MB" for n, mb in readings)
        + f" (growth from 10 to {args.memos}: {readings[-1][1] - readings[0][1]:+.0f} MB)"
    )


if __name__ == "__main__":
    main()
