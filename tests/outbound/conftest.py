"""Real HTTP servers on the loopback interface, which the guard must refuse.

Each answers GET and POST with 200 "ok", or with a redirect to the address
in the `to` query parameter, and records every request it receives: a
refused connection must leave no trace there.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest


@dataclass
class Server:
    host: str
    port: int
    requests: list[tuple[str, str]] = field(default_factory=list)

    def url(self, path: str = "/", host: str | None = None) -> str:
        host = host or self.host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}{path}"


class _IPv6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6

    def server_bind(self) -> None:
        # Dual-stack, so that ::ffff:127.0.0.1 reaches it too.
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def answer(self) -> None:
            server.requests.append((self.command, self.path))
            target = parse_qs(urlsplit(self.path).query).get("to")
            if target:
                self.send_response(302)
                self.send_header("Location", target[0])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        do_GET = do_POST = answer

    return Handler


@pytest.fixture
def start_server() -> Iterator:
    """`start_server()` on 127.0.0.1, `start_server("::")` dual-stack."""
    running = []

    def start(host: str = "127.0.0.1") -> Server:
        server_class = _IPv6Server if ":" in host else ThreadingHTTPServer
        record = Server(host="127.0.0.1" if host == "::" else host, port=0)
        try:
            httpd = server_class((host, 0), _handler(record))
        except OSError as error:
            pytest.skip(f"cannot listen on {host}: {error}")
        httpd.daemon_threads = True
        record.port = httpd.server_address[1]
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        running.append(httpd)
        return record

    yield start
    for httpd in running:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def server(start_server) -> Server:
    return start_server()


@pytest.fixture(autouse=True)
def production_guard(settings):
    """Production's settings, whatever DEBUG the environment has."""
    settings.OUTBOUND_ALLOW_PRIVATE = False
    settings.OUTBOUND_ALLOWED_HOSTS = []
