"""The real `reportgen preview` as a subprocess on a free port, and an HTTP client for it
that follows the event stream as an open page does (for test_preview and test_browser)."""

from __future__ import annotations

import http.client
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from conftest import DATA, EPOCH

from reportgen.files import init_folder

REPORTGEN = Path(sys.executable).parent / "reportgen"
MEMO = "karriereveiledning-2019-nb.html"
ARTICLE = "karriereveiledning-2019-nb-artikkel.html"


class Preview:
    """``reportgen preview --year 2019 --templates mine --port 0`` run in ``folder`` (with
    a copy of the shipped data in data/ and of the default templates in mine/)."""

    def __init__(self, folder: Path, *extra: str, mistake: tuple[str, str] | None = None) -> None:
        shutil.copytree(DATA, folder / "data")
        init_folder(folder / "mine")
        if mistake:  # (old, new) in mine/national.nb.md before it starts
            template = folder / "mine" / "national.nb.md"
            template.write_text(template.read_text(encoding="utf-8").replace(*mistake, 1))
        self.folder, self.events = folder, queue.Queue()
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
        command = [str(REPORTGEN), "preview", "--year", "2019", "--templates", "mine"]
        self.process = subprocess.Popen(
            [*command, "--port", "0", *extra],
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.first_line = self.process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", self.first_line)
        assert found, self.first_line + self.process.stderr.read()  # type: ignore[union-attr]
        self.url, self.port = found.group(0), int(found.group(1))
        threading.Thread(target=self._listen, daemon=True).start()

    def _listen(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port)
        try:
            connection.request("GET", "/events?v=1")
            stream = connection.getresponse()  # kept: its file closes when it is collected
            for line in stream.fp:
                if line.startswith(b"data: "):
                    self.events.put(int(line[6:]))
        except ConnectionError:  # the server stopped (the test's own doing)
            return

    def get(self, path: str) -> tuple[int, str, bytes]:
        """Status, Content-Type and body of GET ``path``."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, response.getheader("Content-Type", ""), body

    def page(self, path: str = "/" + MEMO) -> tuple[int, str]:
        status, _, body = self.get(path)
        return status, body.decode("utf-8")

    def edit(self, name: str, old: str, new: str) -> None:
        """Replace ``old`` by ``new`` in mine/``name`` (or data/ for a .csv) and wait for
        the server's next build."""
        path = self.folder / ("data" if name.endswith(".csv") else "mine") / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        self.drain()
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        self.events.get(timeout=30)

    def drain(self) -> None:
        while not self.events.empty():
            self.events.get_nowait()

    def stop(self) -> tuple[int, str, str]:
        """SIGINT, as Ctrl-C sends; the exit code, stdout and stderr."""
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=30)
        return self.process.returncode, out, err

    def helpers(self) -> list[int]:
        """The process ids of the server's child processes."""
        pid = self.process.pid
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
