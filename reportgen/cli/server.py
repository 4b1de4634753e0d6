"""The preview's web server (stdlib ``http.server``), bound to 127.0.0.1 only.

``/`` lists the pages and files; ``/NAME.html`` is the memo or the article as last built,
or the build's mistake; ``/sist-gode/NAME.html`` the last good one; ``/NAME.pdf``,
``.docx`` and ``-tall.xlsx`` are written when asked for; ``/events`` is a stream of
server-sent events that tells an open page to reload (it keeps its scroll place).

It answers only requests addressed to it by name: a ``Host`` of ``127.0.0.1``,
``localhost`` or ``[::1]`` with its own port. Any other name gets 421 (Misdirected
Request): a web page whose domain is rebound to 127.0.0.1 (DNS rebinding) would otherwise
read the unpublished memo through the analyst's browser.
"""

from __future__ import annotations

import re
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from markupsafe import escape

from reportgen.cli.session import Session
from reportgen.errors import ReportgenError
from reportgen.formats import TABLE

LAST_GOOD = "/sist-gode/"
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")  # the names the preview answers to
_HOST = re.compile(r"(\[[0-9a-f:.]*\]|[^:\[\]]*)(?::(\d{1,5}))?")  # name or [IPv6], port
# The files the preview builds when asked (its pages are the HTML formats), by format.
TYPES = {fmt.name: fmt.media_type for fmt in TABLE if not fmt.media_type.startswith("text/")}
# What the preview's own pages say, in the memo's målform.
WORDS = {
    "nb": {
        "title": "Forhåndsvisning",
        "failed": "Notatet kan ikke bygges slik malene og dataene er nå",
        "fix": "Rett feilen og lagre: siden lastes inn på nytt av seg selv.",
        "last_good": "Sist gode versjon",
        "pages": "Sidene",
        "files": "Filene (lages når du ber om dem)",
        "none": "Ingen god versjon ennå.",
        "not_found": "Forhåndsvisningen har ingen side med denne adressen",
        "misdirected": "Forhåndsvisningen svarer bare på 127.0.0.1, localhost og [::1] "
        "med sin egen port.",
    },
    "nn": {
        "title": "Førehandsvising",
        "failed": "Notatet kan ikkje byggjast slik malane og dataa er no",
        "fix": "Rett feilen og lagre: sida blir lasta inn på nytt av seg sjølv.",
        "last_good": "Siste gode versjon",
        "pages": "Sidene",
        "files": "Filene (blir laga når du ber om dei)",
        "none": "Inga god versjon enno.",
        "not_found": "Førehandsvisinga har inga side med denne adressa",
        "misdirected": "Førehandsvisinga svarar berre på 127.0.0.1, localhost og [::1] "
        "med sin eigen port.",
    },
}
STYLE = (
    "body{font-family:system-ui,sans-serif;line-height:1.45;max-width:52rem;margin:2rem auto;"
    "padding:0 1rem;color:#1a1a1a}pre{white-space:pre-wrap;background:#fdf2f2;"
    "border-left:4px solid #a4001d;padding:.75rem 1rem}"
)
# Reloads the page when the server says it was built again, and keeps the scroll place.
RELOAD = """<script>
(() => {
  const key = "reportgen-scroll:" + location.pathname;
  const kept = sessionStorage.getItem(key);
  if (kept !== null) { sessionStorage.removeItem(key); window.scrollTo(0, Number(kept)); }
  const events = new EventSource("/events?v=%d");
  events.onmessage = () => {
    events.close();
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  };
})();
</script>
"""


def serve(port: int) -> ThreadingHTTPServer:
    """A server listening on 127.0.0.1:``port`` (0: any free port), not yet serving; set
    its ``RequestHandlerClass.session`` before it serves. Raises OSError if the port cannot
    be had."""
    handler = type("PreviewHandler", (Handler,), {})
    return PreviewServer(("127.0.0.1", port), handler)


class PreviewServer(ThreadingHTTPServer):
    """A thread per connection (ended with the process); a connection that breaks off is
    no error, any other fault of a request is one line on stderr, not a traceback."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:  # noqa: ARG002
        """Say what went wrong with one request in one line; the server goes on."""
        fault = sys.exc_info()[1]
        if not isinstance(fault, ConnectionError):
            print(f"preview: {type(fault).__name__}: {fault}", file=sys.stderr)


class Handler(BaseHTTPRequestHandler):
    """Answers GET requests from the session's state (see the module's docstring)."""

    session: Session
    protocol_version = "HTTP/1.1"
    timeout = 10  # seconds a client may stay silent before its connection is closed

    def do_GET(self) -> None:
        """Route ``self.path`` to a page, a file, the event stream or 404 (421 for a
        request not addressed to this server by a local name, see ``addressed_here``)."""
        if not addressed_here(self.headers.get("Host"), self.connection.getsockname()[1]):
            words = WORDS[self.session.run.language or "nb"]
            text = words["misdirected"].encode("utf-8")
            self._send(HTTPStatus.MISDIRECTED_REQUEST, "text/plain; charset=utf-8", text)
            return
        url = urlsplit(self.path)
        name = url.path.lstrip("/")
        formats = {file: fmt for fmt, file in self.session.names().items()}
        if url.path == "/":
            self._html(HTTPStatus.OK, overview(self.session))
        elif url.path == "/events":
            seen = parse_qs(url.query).get("v", [""])[0]
            self._events(int(seen) if seen.isdigit() else 0)
        elif url.path.startswith(LAST_GOOD) and url.path[len(LAST_GOOD) :] in self.session.pages:
            self._page(url.path[len(LAST_GOOD) :], last_good=True)
        elif name in self.session.pages:
            self._page(name, last_good=False)
        elif formats.get(name) in TYPES:
            self._document(formats[name])
        elif url.path == "/favicon.ico":  # none, and no error in the browser's console
            self._send(HTTPStatus.NO_CONTENT, "image/x-icon", b"")
        elif self.session.error:  # e.g. the memo's page before its first good build
            self._html(HTTPStatus.INTERNAL_SERVER_ERROR, failure(self.session, *self._state()))
        else:
            self._html(HTTPStatus.NOT_FOUND, not_found(self.session))

    def _state(self) -> tuple[str, int]:
        with self.session.changed:
            return self.session.error or "", self.session.version

    def _page(self, name: str, *, last_good: bool) -> None:
        session = self.session
        with session.changed:
            error, html, version = session.error, session.pages[name], session.version
        if error and not last_good:
            self._html(HTTPStatus.INTERNAL_SERVER_ERROR, failure(session, error, version))
        else:
            self._html(HTTPStatus.OK, with_reload(html, version))

    def _document(self, fmt: str) -> None:
        try:
            path = self.session.document(fmt)
        except ReportgenError as exc:
            page = failure(self.session, f"Error: {exc.format_message()}", self.session.version)
            self._html(HTTPStatus.INTERNAL_SERVER_ERROR, page)
            return
        self._send(HTTPStatus.OK, TYPES[fmt], path.read_bytes())

    def _events(self, seen: int) -> None:
        """Send the build number whenever it changes, a comment every 15 s meanwhile."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            while not self.session.closing:
                version = self.session.wait(seen, 15)
                self.wfile.write(f"data: {version}\n\n".encode() if version != seen else b": -\n\n")
                self.wfile.flush()
                seen = version
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass  # the page was closed or reloaded, or stopped reading
        self.close_connection = True

    def _html(self, status: HTTPStatus, text: str) -> None:
        self._send(status, "text/html; charset=utf-8", text.encode("utf-8"))

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows the builds, not every request."""


def addressed_here(host: str | None, port: int) -> bool:
    """Whether a request's ``Host`` header names this server: one of ``LOCAL_NAMES`` (any
    case) with ``port``, or without a port where ``port`` is HTTP's default, 80."""
    found = _HOST.fullmatch((host or "").strip().lower())
    return found is not None and found[1] in LOCAL_NAMES and int(found[2] or 80) == port


def with_reload(html: str, version: int) -> str:
    """``html`` with the script that reloads it after the next build (before </body>)."""
    head, _, tail = html.rpartition("</body>")
    return f"{head}{RELOAD % version}</body>{tail}" if head else html + RELOAD % version


def _document(session: Session, body: str, version: int) -> str:
    language = session.run.language or "nb"
    title = WORDS[language]["title"]
    return with_reload(
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head><meta charset="utf-8">'
        f"<title>{title}</title>\n<style>{STYLE}</style></head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n",
        version,
    )


def failure(session: Session, error: str, version: int) -> str:
    """The page that shows a build's mistake as the command line prints it, with links
    to the last good pages."""
    words = WORDS[session.run.language or "nb"]
    links = _links(session, LAST_GOOD) or f"<p>{words['none']}</p>"
    return _document(
        session,
        f"<h1>{words['failed']}</h1>\n<pre>{escape(error)}</pre>\n<p>{words['fix']}</p>\n"
        f"<h2>{words['last_good']}</h2>\n{links}",
        version,
    )


def not_found(session: Session) -> str:
    """The page for an address the preview does not have, linking the start page."""
    words = WORDS[session.run.language or "nb"]
    body = f"<h1>{words['not_found']}</h1>\n{_links(session, '/')}"
    return _document(session, body, session.version)


def overview(session: Session) -> str:
    """The start page: the mistake if the last build failed, the pages and the files."""
    words = WORDS[session.run.language or "nb"]
    parts = [f"<h1>{words['title']}</h1>"]
    if session.error:
        parts.append(f"<h2>{words['failed']}</h2>\n<pre>{escape(session.error)}</pre>")
    files = "".join(
        f'<li><a href="/{escape(name)}">{escape(name)}</a></li>'
        for fmt, name in session.names().items()
        if fmt in TYPES
    )
    if session.pages:
        parts += [f"<h2>{words['pages']}</h2>", _links(session, "/")]
        parts += [f"<h2>{words['files']}</h2>", f"<ul>{files}</ul>"]
    else:
        parts.append(f"<p>{words['none']}</p>")
    return _document(session, "\n".join(parts), session.version)


def _links(session: Session, prefix: str) -> str:
    items = "".join(
        f'<li><a href="{prefix}{escape(name)}">{escape(name)}</a></li>' for name in session.pages
    )
    return f"<ul>{items}</ul>" if items else ""
