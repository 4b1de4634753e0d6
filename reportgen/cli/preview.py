"""``reportgen preview``: the memo and its article served on 127.0.0.1, built again in this
warm process whenever a template or data file is saved (see ``session`` and ``server``)."""

from __future__ import annotations

import errno
import signal
import socket
import tempfile
import threading
from pathlib import Path
from typing import Any

import click

from reportgen.cli.options import DATA, LANGUAGE, OUTPUT, TEMPLATES, YEAR, report, settings
from reportgen.errors import ConfigError, printable

DEBOUNCE_MS, STEP_MS = 400, 30  # a save's events are one change; wait 30 ms for the rest
TIMEOUT_MS = 200  # the watcher wakes this often with no change (the first tells it is ready)
WATCH_START_S = 30


@click.command()
@YEAR
@click.option("--county", default=None, metavar="CODE|NAME", help="A county's memo instead.")
@LANGUAGE
@TEMPLATES
@DATA
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port on 127.0.0.1 (0: any free one).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the memo in the web browser.")
@click.option("--write", is_flag=True, help="Also write the pages and each file into OUTPUT.")
@OUTPUT
def preview(**options: Any) -> None:
    """Serve YEAR's memo and its article on http://127.0.0.1:PORT/ and build them again
    when a template or data file is saved; the open page reloads itself. PDF, DOCX and
    XLSX are made when asked for. Writes nothing into OUTPUT without --write. Ctrl-C stops."""
    run = settings(options)
    if not run.data.exists():
        raise ConfigError(f"the data folder {run.data} does not exist", fix="give --data DIR")
    server = _bind(options["port"])
    from reportgen.workers import start

    try:
        with (
            start(2) as pool,  # forked before pandas is imported: they draw the charts
            tempfile.TemporaryDirectory(prefix="reportgen-preview-") as scratch,
        ):
            _serve(server, run, options, Path(scratch), pool)
    except KeyboardInterrupt:  # Ctrl-C during the first build, before _serve takes it over
        pass
    finally:
        server.server_close()
    click.echo("Forhåndsvisningen er stoppet.")


def _bind(port: int) -> Any:
    """The server on ``port``; ConfigError (exit 2) with a free port to use if it is taken."""
    from reportgen.cli.server import serve

    try:
        return serve(port)
    except OSError as exc:
        if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
            raise
        taken = "er allerede i bruk" if exc.errno == errno.EADDRINUSE else "kan ikke brukes"
        raise ConfigError(
            f"port {port} på 127.0.0.1 {taken}"
            + (" (kjører en annen forhåndsvisning?)" if exc.errno == errno.EADDRINUSE else ""),
            fix=f"velg en ledig port, f.eks. --port {_free_port(port)}, eller stopp "
            f"programmet som bruker port {port}",
        ) from None


def _free_port(after: int) -> int:
    """The first port after ``after`` that is free on 127.0.0.1 now (else any free one)."""
    for port in range(max(after, 1023) + 1, max(after, 1023) + 50):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(server: Any, run: Any, options: dict, scratch: Path, pool: Any) -> None:
    """Build once, then serve and watch until Ctrl-C (or SIGTERM)."""
    from reportgen.cli.session import Session
    from reportgen.workers import settle

    session = Session(run, options["county"], scratch, write=options["write"], pool=pool)
    server.RequestHandlerClass.session = session
    session.rebuild()
    if isinstance(session.failure, ConfigError):  # a year or county not in the data
        raise session.failure
    if session.dataset is not None:
        report(session.dataset)
    _say(session)
    settle()  # what the first build imported and read lives as long as the process
    stop, watching = threading.Event(), threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stop.set())
    threads = [
        threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True),
        threading.Thread(target=_watch, args=(session, stop, watching), daemon=True),
    ]
    for thread in threads:
        thread.start()
    watching.wait(WATCH_START_S)  # a save before the watcher is set up would go unseen
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    click.echo(f"Forhåndsvisning på {url} (Ctrl-C stopper)")
    if options["open_browser"]:
        import webbrowser

        webbrowser.open(url + next(iter(session.pages), ""))
    stop.wait()
    session.close()
    server.shutdown()


def _watch(session: Any, stop: threading.Event, watching: threading.Event) -> None:
    """Rebuild the session whenever a file in a template folder or the data changes;
    ``watching`` is set once the folders are watched (the first, empty, timeout yield)."""
    from watchfiles import watch

    from reportgen.files import SearchPath

    run = session.run
    data, templates = run.data.resolve(), SearchPath(run.templates).base_folders
    for changes in watch(
        *templates,
        data if data.is_dir() else data.parent,
        watch_filter=_Saved(templates, data, run.output.resolve()),
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        stop_event=stop,
        raise_interrupt=False,
        rust_timeout=TIMEOUT_MS,
        yield_on_timeout=True,
    ):
        watching.set()
        if not changes:
            continue
        paths = [Path(path) for _, path in changes]
        session.rebuild(data_changed=any(_in_data(path, data) for path in paths))
        _say(session)


def _in_data(path: Path, data: Path) -> bool:
    return path == data or data in path.parents


class _Saved:
    """watchfiles' filter: the files an editor saves in the template folders and the data
    (the folder, or the one workbook), not hidden or backup files nor anything in OUTPUT."""

    def __init__(self, templates: list[Path], data: Path, output: Path) -> None:
        from watchfiles import DefaultFilter

        self.default, self.roots, self.output = DefaultFilter(), [*templates, data], output

    def __call__(self, change: Any, path: str) -> bool:
        file = Path(path)
        if file.name.startswith(".") or file.name.endswith((".tmp", "~")):
            return False
        if self.output == file or self.output in file.parents:
            return False
        inside = any(root == file or root in file.parents for root in self.roots)
        return inside and self.default(change, path)


def _say(session: Any) -> None:
    """One line on stderr per build: how long it took, or the mistake."""
    if session.error:
        click.echo(printable(session.error), err=True)
    else:
        click.echo(f"bygget på {session.seconds:.2f} s".replace(".", ","), err=True)
