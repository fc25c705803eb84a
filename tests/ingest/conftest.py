"""A real HTTP server on 127.0.0.1 (a free port) playing the wire sources.

Each route answers with a `Route`: a body, a status, an ETag honoured on
If-None-Match, a stream of many bytes without a declared length, or a hang
until the test ends. The server records what each request asked for.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles.models import Section


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/xml"
    etag: str = ""
    # Bytes to stream with no Content-Length, in 64 kB chunks.
    stream: int = 0
    hang: bool = False
    require_key: str = ""
    sent: int = 0


@dataclass
class WireServer:
    base: str
    routes: dict[str, Route]
    requests: list[dict] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def serve(self, path: str, **kwargs) -> str:
        self.routes[path] = Route(**kwargs)
        return self.url(path)


@pytest.fixture(autouse=True)
def allow_private(settings):
    """The wire server is on 127.0.0.1, which production refuses to fetch
    from (outbound/); tests of that refusal turn it off again."""
    settings.OUTBOUND_ALLOW_PRIVATE = True


@pytest.fixture
def worker_env() -> dict[str, str]:
    """The worker process reads its settings from the environment."""
    return {"OUTBOUND_ALLOW_PRIVATE": "true"}


@pytest.fixture
def wire_server():
    routes: dict[str, Route] = {}
    requests: list[dict] = []
    release = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            requests.append({"path": self.path, **dict(self.headers.items())})
            route = routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.hang:
                release.wait(30)
                return
            if route.require_key and (
                self.headers.get("Authorization") != f"Bearer {route.require_key}"
            ):
                self.send_error(401)
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.stream:
                self.send_header("Connection", "close")
                self.end_headers()
                chunk = b"<rss>" + b"x" * (64 * 1024 - 5)
                try:
                    while route.sent < route.stream:
                        self.wfile.write(chunk)
                        route.sent += len(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                return
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address
    try:
        yield WireServer(
            base=f"http://{host}:{port}",
            routes=routes,
            requests=requests,
            release=release,
        )
    finally:
        release.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def wire_section(db):
    return Section.objects.create(name="World", slug="world")


@pytest.fixture
def make_source(wire_section):
    from ingest.models import Source

    def make(**kwargs) -> Source:
        values = {
            "name": f"Source {Source.objects.count() + 1}",
            "kind": Source.Kind.RSS,
            "language": "en",
            "section": wire_section,
        }
        values.update(kwargs)
        return Source.objects.create(**values)

    return make
