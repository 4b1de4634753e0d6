"""`reportgen preview`: the real server on a free port, spoken to over HTTP. A saved edit
is in the served page after the next build; a mistake is shown with the message the
command line gives, the server stays up and recovers when the file is fixed; nothing is
written into output/; Ctrl-C (SIGINT) ends it cleanly with its helpers; a port in use is
a clear message and exit code 2."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import time
from html import unescape
from pathlib import Path

import pytest
from conftest import DATA, EPOCH
from preview_server import ARTICLE, MEMO, REPORTGEN, Preview

from reportgen.cli.server import RELOAD
from reportgen.files.output import LOCK

# «i 2019» is kept on one line with a no-break space (language.typeset)
SENTENCE = "Karrieresentrene gjennomførte 1\xa0062\xa0kurs og gruppeveiledninger i\xa02019."


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    preview = Preview(tmp_path_factory.mktemp("preview"))
    yield preview
    preview.stop()


def _without_reload(html: str) -> str:
    version = int(re.search(r'EventSource\("/events\?v=(\d+)"\)', html).group(1))
    return html.replace(RELOAD % version, "")


def _error(html: str) -> str:
    return unescape(re.search(r"<pre>(.*?)</pre>", html, re.S).group(1))


def test_serves_the_memo_and_article_as_memo_writes_them(server, memo_2019):
    folder = memo_2019[0].parent
    for name in (MEMO, ARTICLE):
        status, html = server.page("/" + name)
        assert status == 200
        assert _without_reload(html) == (folder / name).read_text(encoding="utf-8")
    assert SENTENCE in server.page()[1]


def test_a_saved_sentence_is_served_after_the_next_build(server):
    server.edit("national.nb.md", "Karrieresentrene gjennomførte", "Sentrene holdt")
    try:
        html = server.page()[1]
        assert "Sentrene holdt 1\xa0062\xa0kurs og gruppeveiledninger i\xa02019." in html
        assert SENTENCE not in html
    finally:
        server.edit("national.nb.md", "Sentrene holdt", "Karrieresentrene gjennomførte")
    assert SENTENCE in server.page()[1]


def _cli_message(server) -> str:
    """What `reportgen memo` prints for the same files, from "Error:" on."""
    done = subprocess.run(
        [str(REPORTGEN), "memo", "--year", "2019", "--templates", "mine", "--formats", "html"]
        + ["--output", str(server.folder / "cli-output")],
        cwd=server.folder,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert not (server.folder / "cli-output").exists()
    return "Error:" + done.stderr.split("Error:", 1)[1].rstrip("\n")


CASES = [
    (
        "national.nb.md",
        "{{ sessions.current|num }}",
        "{{ sessions.curent|num }}",
        "Error: {folder}/mine/national.nb.md, line 30: unknown variable 'curent'\n"
        "  Fix: did you mean 'sessions.current'?",
    ),
    (
        "labels.nb.toml",
        "[captions]",
        "[captions",
        "Error: {folder}/mine/labels.nb.toml, line 3: is not valid TOML: Expected ']' at "
        'the end of a table declaration\n  Fix: write lines like: key = "text" or key = 1.5, '
        "under [section] lines, and each key once",
    ),
    (
        "centres.csv",
        "2019,0101,Karriere Østfold – Fredrikstad,01,790,",
        "2019,0101,Karriere Østfold – Fredrikstad,01,79O,",
        "Error: the data has 1 problem:\n  - data/centres.csv, row 146, column "
        "'unique_users': is not a number (value '79O'). Fix: write a whole number such as "
        "1354 or 1 354",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_mistake_is_shown_as_the_command_line_says_it_and_fixing_it_recovers(
    server, name, old, new, message
):
    server.edit(name, old, new)
    try:
        status, html = server.page()
        assert status == 500
        shown = _error(html)
        assert shown == _cli_message(server)
        assert shown == message.format(folder=server.folder)
        assert server.page("/")[0] == 200  # still up; the start page shows the same message
        assert _error(server.page("/")[1]) == shown
        last_good = server.page(f"/sist-gode/{MEMO}")
        assert last_good[0] == 200 and SENTENCE in last_good[1]
    finally:
        server.edit(name, new, old)
    status, html = server.page()
    assert status == 200 and SENTENCE in html and "<pre>" not in html


def test_files_are_made_on_request_and_nothing_is_written_into_output(server):
    status, kind, pdf = server.get("/karriereveiledning-2019-nb.pdf")
    assert (status, kind, pdf[:5]) == (200, "application/pdf", b"%PDF-")
    status, kind, docx = server.get("/karriereveiledning-2019-nb.docx")
    assert status == 200 and kind.endswith("wordprocessingml.document") and docx[:2] == b"PK"
    status, kind, xlsx = server.get("/karriereveiledning-2019-nb-tall.xlsx")
    assert status == 200 and kind.endswith("spreadsheetml.sheet") and xlsx[:2] == b"PK"
    assert server.get("/no-such-file.pdf")[0] == 404
    assert not (server.folder / "output").exists()
    assert sorted(p.name for p in server.folder.iterdir()) == ["data", "mine"]


def _raw_get(port: int, path: str, host: str | None) -> tuple[int, bytes]:
    """Status and body of GET ``path`` with ``host`` as its Host header (None: none), as a
    web page whose domain was rebound to 127.0.0.1 would send it (an event stream's body
    is not waited for)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.putrequest("GET", path, skip_host=True)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    response = connection.getresponse()
    streamed = response.getheader("Content-Type") == "text/event-stream"
    body = b"" if streamed else response.read()
    connection.close()
    return response.status, body


@pytest.mark.parametrize(
    "host, path",
    [
        ("evil.example:{port}", "/" + MEMO),
        ("rebind.attacker.example", "/karriereveiledning-2019-nb-tall.xlsx"),
        ("evil.example:{port}", "/events?v=1"),
        ("127.0.0.1:{other}", "/"),  # another port: another server's name
        ("127.0.0.1", "/"),  # no port is port 80
        ("localhost.evil.example:{port}", "/"),
        (None, "/"),
    ],
)
def test_a_request_for_another_host_name_is_misdirected(server, host, path):
    """DNS rebinding: only 127.0.0.1, localhost and [::1] with the server's port are
    answered; anything else is 421 with a short text, and no memo or file."""
    given = host and host.format(port=server.port, other=server.port + 1)
    assert _raw_get(server.port, path, given) == (
        421,
        "Forhåndsvisningen svarer bare på 127.0.0.1, localhost og [::1] med sin egen port."
        .encode(),
    )  # fmt: skip


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"])
def test_the_local_names_with_the_port_are_answered(server, name):
    status, body = _raw_get(server.port, "/" + MEMO, f"{name}:{server.port}")
    assert status == 200 and SENTENCE in body.decode("utf-8")


def test_a_port_in_use_is_a_clear_message_and_exit_code_2(server, tmp_path):
    done = subprocess.run(
        [str(REPORTGEN), "preview", "--year", "2019", "--port", str(server.port)],
        cwd=server.folder,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    suggested = re.fullmatch(
        rf"Error: port {server.port} på 127\.0\.0\.1 er allerede i bruk \(kjører en annen "
        rf"forhåndsvisning\?\)\n  Fix: velg en ledig port, f\.eks\. --port (\d+), eller stopp "
        rf"programmet som bruker port {server.port}\n",
        done.stderr,
    )
    assert suggested, done.stderr
    with socket.socket() as probe:  # the suggested port was free
        probe.bind(("127.0.0.1", int(suggested.group(1))))


def test_ctrl_c_stops_it_with_no_traceback_and_no_process_left(tmp_path):
    preview = Preview(tmp_path)
    helpers = preview.helpers()
    assert len(helpers) == 2  # the chart helpers
    assert preview.page()[0] == 200
    code, out, err = preview.stop()
    assert code == 0
    assert out == "Forhåndsvisningen er stoppet.\n"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    for _ in range(100):  # a helper that has exited is gone once reaped
        if not any(Path(f"/proc/{pid}").exists() for pid in helpers):
            break
        time.sleep(0.05)
    assert [pid for pid in helpers if Path(f"/proc/{pid}").exists()] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "mine"]


def test_with_write_the_pages_go_into_output_as_served(tmp_path):
    preview = Preview(tmp_path, "--write")
    try:
        folder = tmp_path / "output" / "2019"
        for name in (MEMO, ARTICLE):
            written = (folder / name).read_text(encoding="utf-8")
            served = _without_reload(preview.page("/" + name)[1])
            if name == MEMO:  # served: links to every file, written: to those written (none)
                files = re.search(r'<h2>Filer</h2><ul class="files">.*?</ul>\n?', served)
                assert files and '<a href="karriereveiledning-2019-nb.pdf">' in files.group()
                assert served.replace(files.group(), "") == written
            else:  # an article links the files written with it; the served one all of them
                stem = MEMO.removesuffix(".html")
                assert re.findall(r'<a href="([^"]+)"', written) == [MEMO]
                assert re.findall(r'<a href="([^"]+)"', served) == [
                    f"{stem}.pdf",
                    f"{stem}.docx",
                    MEMO,
                    f"{stem}-tall.xlsx",
                ]
        written = sorted(p.name for p in folder.iterdir() if p.name != LOCK)  # the folder's lock
        assert written == [ARTICLE, MEMO, "manifest.json"]
    finally:
        preview.stop()


def test_a_county_not_in_the_year_is_exit_code_2_at_once(tmp_path):
    done = subprocess.run(
        [str(REPORTGEN), "preview", "--year", "2019", "--county", "99", "--data", str(DATA)]
        + ["--port", "0"],
        cwd=tmp_path,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.endswith(
        "Error: county 99 does not exist in 2019\n  Fix: use a county code or name valid that "
        "year: 01 Østfold, 02 Akershus, 03 Oslo, 04 Hedmark, 05 Oppland, 06 Buskerud, "
        "07 Vestfold, 08 Telemark, 09 Aust-Agder, 10 Vest-Agder, 11 Rogaland, 12 Hordaland, "
        "14 Sogn og Fjordane, 15 Møre og Romsdal, 18 Nordland, 19 Troms, 20 Finnmark, "
        "50 Trøndelag\n"
    )


def test_a_mistake_from_the_start_is_shown_and_fixing_it_brings_the_memo(tmp_path):
    typo = ("{{ sessions.current|num }}", "{{ sessions.curent|num }}")
    preview = Preview(tmp_path, mistake=typo)
    try:
        status, html = preview.page()
        assert status == 500
        assert _error(html) == (
            f"Error: {tmp_path}/mine/national.nb.md, line 30: unknown variable 'curent'\n"
            "  Fix: did you mean 'sessions.current'?"
        )
        assert "Ingen god versjon ennå." in html
        assert preview.page(f"/sist-gode/{MEMO}")[0] == 500  # there is none
        preview.edit("national.nb.md", typo[1], typo[0])
        status, html = preview.page()
        assert status == 200 and SENTENCE in html
    finally:
        preview.stop()


def test_it_listens_on_the_loopback_address_only(server):
    """B35: the listening socket is 127.0.0.1:PORT (/proc/net/tcp: state 0A, LISTEN)."""
    rows = [line.split() for line in Path("/proc/net/tcp").read_text().splitlines()[1:]]
    listening = [r[1] for r in rows if r[3] == "0A" and r[1].endswith(f":{server.port:04X}")]
    assert listening == [f"0100007F:{server.port:04X}"]


@pytest.mark.parametrize(
    "path",
    ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "//etc/passwd", "/sist-gode/../..",
     "/..%2f..%2fetc%2fpasswd", "http://127.0.0.1/etc/passwd"],
)  # fmt: skip
def test_a_path_out_of_the_preview_is_not_found(server, path):
    """B36: routing is by the names of the memo's files only."""
    status, body = _raw_get(server.port, path, f"127.0.0.1:{server.port}")
    assert status == 404 and b"root:" not in body


def test_other_methods_are_refused_and_no_other_origin_is_allowed(server):
    """B38: no Access-Control-* header; POST and OPTIONS are 501."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    connection.request("GET", "/" + MEMO, headers={"Origin": "https://evil.example"})
    response = connection.getresponse()
    response.read()
    assert [h for h, _ in response.getheaders() if h.lower().startswith("access-control")] == []
    for method in ("POST", "OPTIONS"):
        connection.request(method, "/" + MEMO, body=b"x")
        response = connection.getresponse()
        response.read()
        assert response.status == 501


def _send(port: int, data: bytes, reset: bool = False) -> bytes:
    """What the server answers to ``data``; ``reset``: the client resets the connection
    right after sending it, mid-reply."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as client:
        client.sendall(data)
        if reset:
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
            return b""
        return client.recv(64)


def test_oversized_torn_and_parallel_requests_leave_it_answering(tmp_path):
    """B39, B40, B42: a 70 KB request line is 414, 200 headers or one of 70 KB 431; clients
    that reset mid-reply, and 40 parallel requests; it answers after all of it and prints
    no traceback."""
    from concurrent.futures import ThreadPoolExecutor

    preview = Preview(tmp_path)
    host = f"Host: 127.0.0.1:{preview.port}\r\n".encode()
    assert _send(preview.port, b"GET /" + b"x" * 70_000 + b" HTTP/1.1\r\n\r\n")[9:12] == b"414"
    many = b"".join(b"X-%d: y\r\n" % n for n in range(200))
    assert _send(preview.port, b"GET / HTTP/1.1\r\n" + host + many + b"\r\n")[9:12] == b"431"
    big = b"X: " + b"y" * 70_000 + b"\r\n"
    assert _send(preview.port, b"GET / HTTP/1.1\r\n" + host + big + b"\r\n")[9:12] == b"431"
    for path in (b"/karriereveiledning-2019-nb.pdf", b"/" + MEMO.encode(), b"/events?v=1"):
        _send(preview.port, b"GET " + path + b" HTTP/1.1\r\n" + host + b"\r\n", reset=True)
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda _: preview.page()[0], range(40)))
    assert statuses == [200] * 40
    code, _, err = preview.stop()
    assert code == 0 and "Traceback" not in err


def test_a_client_that_sends_nothing_is_let_go(server):
    """B41: a connection that never sends its request is closed after the server's read
    timeout (10 s) instead of holding a thread for ever; the server answers meanwhile."""
    with socket.create_connection(("127.0.0.1", server.port)) as silent:
        silent.settimeout(30)
        assert server.page()[0] == 200
        started = time.monotonic()
        assert silent.recv(64) == b""  # closed by the server, nothing sent
        assert time.monotonic() - started < 25
