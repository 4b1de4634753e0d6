"""What the benchmarks need: time one command as a child process, byte-compile reportgen
first so every run measures the same warm start, and the peer (pandoc + typst) to
compare with."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from typing import Any

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


def peer_option(parser: Any) -> None:
    """Add ``--peer DIR``: the pandoc + typst peer, set up with its ``setup.sh`` (see its
    README; copy it somewhere writable first if ../shared is read-only)."""
    parser.add_argument(
        "--peer",
        type=Path,
        default=ROOT.parent / "shared" / "bench" / "peers",
        help="the peer's folder (default: ../shared/bench/peers); its .venv must exist",
    )


def peer_command(folder: Path, out: str, *, batch: bool = False) -> list[str]:
    """The peer's command: the 2019 national memo (or the 18 county memos) as DOCX and
    PDF. Exits naming the fix if the peer is not set up."""
    script = folder / "run_pandoc.sh"
    if not (folder / ".venv").is_dir() or not script.is_file():
        raise SystemExit(
            f"the peer is not set up in {folder}: cp -r ../shared/bench/peers /tmp/peers && "
            "/tmp/peers/setup.sh, then pass --peer /tmp/peers"
        )
    return [str(script), *(["--batch"] if batch else []), out]
