"""What both benchmarks need: time one command as a child process, and byte-compile
reportgen first so every run measures the same warm start."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds, and the peak RSS in MB of the process and the children it waited for."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def compile_package() -> None:
    """Byte-compile reportgen's modules, as pip does on install and Python on a first run;
    an editable install under PYTHONDONTWRITEBYTECODE would otherwise compile them on
    every run, which the bare imports of installed libraries never do."""
    import compileall

    import reportgen

    compileall.compile_dir(Path(reportgen.__file__).parent, quiet=1)
