"""A real varnishd, with the shipped configuration, in front of Django's live
server on the test database (tests/edge/).

Varnish runs in the foreground (`-F`), without its privilege-dropping jail
(`-j none`: the test's temporary files are the test user's), from a work
directory of its own (`-n`), listening on a free port of 127.0.0.1. The
shipped deploy/varnish/default.vcl is used unchanged; only backend.vcl, the
file that differs between installs, is written here to name the live
server. Purges go out the way production sends them: on commit, through the
background task (Huey, run inline unless a test starts a worker).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.cache import caches
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread

from tests.project.procs import ROOT, stop_process

VCL_DIR = ROOT / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or (
    "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
)


def backend_vcl(*ports: int, shipped: str = "backend.vcl") -> str:
    """A shipped backend file (deploy/varnish/), its nodes (`web`, `web-2`,
    in order) named by the live servers' ports on 127.0.0.1."""
    text = (VCL_DIR / shipped).read_text()
    hosts = re.findall(r'\.host = "([^"]+)";', text)
    assert len(hosts) == len(ports), f"{shipped} names {hosts}, not {len(ports)} nodes"
    for host, port in zip(hosts, ports, strict=True):
        text = text.replace(f'.host = "{host}";', '.host = "127.0.0.1";', 1)
        text = text.replace('.port = "8000";', f'.port = "{port}";', 1)
    assert all(f'.port = "{port}";' in text for port in ports), "backend ports moved"
    return text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str

    @property
    def cache(self) -> str:
        return self.headers.get("X-Cache", "")

    @property
    def age(self) -> int:
        return int(self.headers.get("Age", "0"))


def request(
    port: int, path: str, method: str = "GET", headers: dict | None = None
) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return Answer(
            response.status,
            response.headers,
            response.read().decode(errors="replace"),
        )
    finally:
        connection.close()


@dataclass
class Varnish:
    port: int
    workdir: Path
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def get(self, path: str, **headers: str) -> Answer:
        return request(self.port, path, headers=headers)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def healthy_backends(self) -> set[str]:
        """The backends whose last two health probes passed, which the
        shipped probes' threshold takes for healthy (varnishstat's bitmap
        of recent probes, the newest in the lowest bit)."""
        output = subprocess.run(
            [shutil.which("varnishstat") or "varnishstat", "-n", str(self.workdir),
             "-j", "-f", "VBE.*.happy"],
            capture_output=True, text=True, check=True, timeout=10,
        ).stdout  # fmt: skip
        counters = json.loads(output).get("counters", {})
        return {
            name.split(".")[-2]
            for name, counter in counters.items()
            if counter["value"] & 0b11 == 0b11
        }


class ClosingServer(ThreadedWSGIServer):
    """Django's threaded server, which can drop its open connections: a
    stopped backend must not go on answering on the connections Varnish
    keeps alive, as a killed process would not."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.open: set[socket.socket] = set()

    def get_request(self):
        sock, address = super().get_request()
        self.open.add(sock)
        return sock, address

    def shutdown_request(self, request) -> None:
        self.open.discard(request)
        super().shutdown_request(request)

    def drop_connections(self) -> None:
        for sock in list(self.open):
            with contextlib.suppress(OSError):  # closed meanwhile
                sock.shutdown(socket.SHUT_RDWR)


class BackendThread(LiveServerThread):
    server_class = ClosingServer


class Backend:
    """Django's live server on the test database, stoppable mid-test."""

    def __init__(self) -> None:
        # An in-memory SQLite test database is reachable only through this
        # process's connection: the server's threads share it.
        self.shared = [
            connection
            for connection in connections.all()
            if connection.vendor == "sqlite" and connection.is_in_memory_db()
        ]
        self.thread = BackendThread(
            "127.0.0.1",
            static_handler=StaticFilesHandler,
            connections_override={c.alias: c for c in self.shared},
        )
        self.thread.daemon = True
        for connection in self.shared:
            connection.inc_thread_sharing()
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error
        self.running = True

    @property
    def port(self) -> int:
        return self.thread.port

    def stop(self) -> None:
        """Down, as a crashed node: no new connection, none kept open."""
        if self.running:
            self.running = False
            self.thread.httpd.drop_connections()
            self.thread.terminate()

    def close(self) -> None:
        self.stop()
        for connection in self.shared:
            connection.dec_thread_sharing()


def wait_for(condition, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        time.sleep(0.05)


@pytest.fixture
def inline_tasks() -> Iterator[None]:
    """Tasks run as they are enqueued (on commit), in this process."""
    from huey.contrib.djhuey import HUEY

    was = HUEY.immediate
    HUEY.immediate = True
    try:
        yield
    finally:
        HUEY.immediate = was


@pytest.fixture
def backend(transactional_db, settings) -> Iterator[Backend]:
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.SECURE_SSL_REDIRECT = False
    caches["default"].clear()
    server = Backend()
    try:
        yield server
    finally:
        server.close()
        caches["default"].clear()


@contextlib.contextmanager
def running_varnish(tmp_path: Path, backend_config: str) -> Iterator[Varnish]:
    """varnishd on a free port of 127.0.0.1 with the shipped default.vcl and
    `backend_config` as its backend.vcl, until the block ends."""
    if VARNISHD is None:
        pytest.skip(
            "varnishd is not installed (apt-get install varnish varnish-modules)"
        )
    config = tmp_path / "vcl"
    config.mkdir()
    shutil.copy(VCL_DIR / "default.vcl", config / "default.vcl")
    (config / "backend.vcl").write_text(backend_config)
    port = free_port()
    log_path = tmp_path / "varnishd.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [VARNISHD, "-F", "-j", "none",
             "-n", str(tmp_path / "work"),
             "-a", f"127.0.0.1:{port}",
             "-T", "none",
             "-f", str(config / "default.vcl"),
             "-p", f"vcl_path={config}",
             "-s", "malloc,64m"],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    edge = Varnish(port, tmp_path / "work", log_path)
    try:
        wait_for(
            lambda: _listening(port, process, edge),
            timeout=30,
            what=f"varnishd did not start:\n{edge.log()}",
        )
        yield edge
    finally:
        stop_process(process)


@pytest.fixture
def varnish(tmp_path, backend, settings, inline_tasks) -> Iterator[Varnish]:
    with running_varnish(tmp_path, backend_vcl(backend.port)) as edge:
        settings.EDGE_PURGE_URLS = [edge.url]
        settings.EDGE_PURGE_REPEAT_SECONDS = 0
        yield edge


def _listening(port: int, process: subprocess.Popen, edge: Varnish) -> bool:
    if process.poll() is not None:
        raise RuntimeError(f"varnishd exited with {process.returncode}:\n{edge.log()}")
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
    except OSError:
        return False
    return True


@dataclass
class Purge:
    path: str
    keys: set[str]


class PurgeRecorder:
    """A stand-in edge node: an HTTP server on 127.0.0.1 that answers
    purges as Varnish does ("Purged N") and records them."""

    def __init__(self, port: int = 0) -> None:
        import http.server
        import threading

        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_PURGE(self) -> None:
                keys = set(self.headers.get("xkey-purge", "").split())
                received.append(Purge(self.path, keys))
                self.send_response(200, f"Purged {len(keys)}")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def keys(self) -> set[str]:
        return set().union(*(purge.keys for purge in self.received))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder(settings, inline_tasks) -> Iterator[PurgeRecorder]:
    node = PurgeRecorder()
    settings.EDGE_PURGE_URLS = [node.url]
    settings.EDGE_PURGE_REPEAT_SECONDS = 0
    try:
        yield node
    finally:
        node.close()
