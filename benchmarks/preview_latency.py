"""Time `reportgen preview` from saving a file to the new text in the served HTML.

Starts the real server (`reportgen preview --year 2019 --port 0`) on a copy of the data and
of the templates, listens to its event stream as an open page does, and for each edit takes
the time from writing the file to a GET of the memo that has the new text. Edits: a
sentence in national.nb.md (target: median ≤ 0.3 s over 20), a number in centres.csv
(target: ≤ 0.6 s), after measuring the memory (resident set) of the server after 10 and
after N rebuilds (target: flat). Stops the server with SIGINT and checks it exits 0.
Usage: python benchmarks/preview_latency.py [--edits 20] [--rebuilds 200]
"""

from __future__ import annotations

import argparse
import http.client
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTGEN = Path(sys.executable).parent / "reportgen"
MEMO = "/karriereveiledning-2019-nb.html"
SENTENCE = "kurs og gruppeveiledninger i"
SESSIONS = re.compile(r"gjennomførte ([\d\s\u00a0\u202f]+?)[\s\u00a0]kurs")


def start(folder: Path) -> tuple[subprocess.Popen, int]:
    command = [str(REPORTGEN), "preview", "--year", "2019", "--templates", "mine", "--port", "0"]
    server = subprocess.Popen(
        command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert server.stdout is not None
    line = server.stdout.readline()
    port = int(re.search(r"127\.0\.0\.1:(\d+)", line).group(1))  # type: ignore[union-attr]
    return server, port


def get(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    body = connection.getresponse().read().decode("utf-8")
    connection.close()
    return body


def listen(port: int, versions: queue.Queue) -> None:
    """Read the event stream as a page does: each `data:` line is a new build."""
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", "/events?v=1")
    response = connection.getresponse()
    for raw in response.fp:
        if raw.startswith(b"data: "):
            versions.put(int(raw[6:]))


def timed(port: int, versions: queue.Queue, edit, expected) -> float:
    """Seconds from ``edit()`` to a GET of the memo for which ``expected(html)`` holds."""
    started = time.perf_counter()
    edit()
    while True:
        versions.get(timeout=10)
        if expected(get(port, MEMO)):
            return time.perf_counter() - started


ORIGINAL: dict[Path, str] = {}
EDITS = iter(range(1, 10**6))  # each edit writes a new marker


def sentence_edits(port: int, versions: queue.Queue, template: Path, count: int) -> list[float]:
    """Write national.nb.md with a new marker in one sentence, ``count`` times."""
    original = ORIGINAL[template]
    times = []
    for _ in range(count):
        marker = f"(utgave {next(EDITS)})"
        text = original.replace(SENTENCE, f"kurs og gruppeveiledninger {marker} i", 1)
        times.append(
            timed(
                port,
                versions,
                lambda text=text: template.write_text(text, encoding="utf-8"),
                lambda html, marker=marker: marker in html,
            )
        )
        time.sleep(0.05)
    return times


def data_edits(port: int, versions: queue.Queue, centres: Path, count: int) -> list[float]:
    """Add 1 to the group sessions of the first centre of 2019, ``count`` times."""
    shown = int(re.sub(r"\D", "", SESSIONS.search(get(port, MEMO)).group(1)))  # type: ignore[union-attr]
    times = []
    for number in range(1, count + 1):
        lines = centres.read_text(encoding="utf-8").splitlines()
        row = next(i for i, line in enumerate(lines) if line.startswith("2019,"))
        cells = lines[row].split(",")
        cells[6] = str(int(cells[6]) + 1)
        lines[row] = ",".join(cells)
        text = "\n".join(lines) + "\n"
        times.append(
            timed(
                port,
                versions,
                lambda text=text: centres.write_text(text, encoding="utf-8"),
                lambda html, want=shown + number: _sessions(html) == want,
            )
        )
        time.sleep(0.05)
    return times


def _sessions(html: str) -> int | None:
    found = SESSIONS.search(html)
    return int(re.sub(r"\D", "", found.group(1))) if found else None


def resident_mb(pid: int) -> tuple[float, float]:
    """Resident memory of the server and of the server with its chart helpers, in MB."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    sizes = []
    for process in [pid, *map(int, children)]:
        status = Path(f"/proc/{process}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)  # type: ignore[union-attr]
    return sizes[0], sum(sizes)


def report(name: str, times: list[float], target: float) -> None:
    median = statistics.median(times)
    print(
        f"{name}: median {median:.3f} s, min {min(times):.3f}, max {max(times):.3f} "
        f"over {len(times)} (target ≤ {target} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--rebuilds", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="reportgen-preview-bench-"))
    shutil.copytree(ROOT / "data", folder / "data")
    subprocess.run([str(REPORTGEN), "templates", "init", "mine"], cwd=folder, check=True)
    server, port = start(folder)
    try:
        versions: queue.Queue = queue.Queue()
        threading.Thread(target=listen, args=(port, versions), daemon=True).start()
        time.sleep(0.5)
        template = folder / "mine" / "national.nb.md"
        ORIGINAL[template] = template.read_text(encoding="utf-8")
        centres = folder / "data" / "centres.csv"
        sentence_edits(port, versions, template, 10)
        after_10 = resident_mb(server.pid)
        sentence_edits(port, versions, template, args.rebuilds - 10)
        after_all = resident_mb(server.pid)
        print(
            f"server memory (resident; with its helpers): {after_10[0]:.0f} MB "
            f"({after_10[1]:.0f} MB) after 10 rebuilds, {after_all[0]:.0f} MB "
            f"({after_all[1]:.0f} MB) after {args.rebuilds}"
        )
        sentences = sentence_edits(port, versions, template, args.edits)
        report("sentence in national.nb.md", sentences, 0.3)
        report("number in centres.csv", data_edits(port, versions, centres, 10), 0.6)
    finally:
        server.send_signal(signal.SIGINT)
        code = server.wait(timeout=10)
        print(f"stopped by SIGINT: exit code {code}")
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
