"""Peak memory of `reportgen` on the reliability review's bomb inputs (issue 25: B13–B22,
B25): small files or template lines that once asked for gigabytes or minutes. Each runs
as users run it, the CLI as a child of this small process under an 8 GB address-space
cap; prints the exit code, seconds, peak resident memory and whether a traceback was
printed. Target: every peak under 300 MB, no traceback, and exit 2 for each bomb (exit 0
for the inputs that are legal: deep Markdown, a logo at the 12-megapixel limit).
Usage: python benchmarks/bomb_memory.py [CASE ...]
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bombs import BOMBS, ROOT

CAP = 8_000_000_000  # bytes of address space, as the review ran them
PEAK_MB = 300


def measure(folder: Path, args: list[str]) -> tuple[int, float, float, bool]:
    """Exit code, wall seconds, peak RSS in MB and whether stderr holds a traceback, of
    ``reportgen *args`` run in ``folder``."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))

    env = {k: v for k, v in os.environ.items() if k != "REPORTGEN_DEBUG"}
    command = [str(Path(sys.executable).parent / "reportgen"), *args]
    with open(folder / "stderr", "w+b") as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=err, preexec_fn=cap
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        err.seek(0)
        traceback = b"Traceback" in err.read()
    return os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss / 1024, traceback


def main() -> None:
    chosen = [name for name in BOMBS if not sys.argv[1:] or name in sys.argv[1:]]
    print(f"{'case':<34} {'exit':>4} {'seconds':>8} {'peak MB':>8}  traceback")
    worst = 0.0
    failed = []
    for name in chosen:
        build, expected = BOMBS[name]
        folder = Path(tempfile.mkdtemp(prefix="reportgen-bomb-"))
        try:
            code, seconds, peak, traceback = measure(folder, build(folder))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        worst = max(worst, peak)
        print(f"{name:<34} {code:>4} {seconds:>8.1f} {peak:>8.0f}  {'YES' if traceback else 'no'}")
        if code != expected or traceback or peak >= PEAK_MB:
            failed.append(name)
    print(f"highest peak: {worst:.0f} MB (target < {PEAK_MB} MB); data from {ROOT / 'data'}")
    if failed:
        raise SystemExit(f"not as expected: {', '.join(failed)}")


if __name__ == "__main__":
    main()
