"""Webhook receivers for the push tests: real HTTP servers on 127.0.0.1.

Each checks a push as a subscriber would, independently of api/push.py:
the HMAC-SHA256 of "<timestamp>.<body>" under its secret, and a timestamp
within five minutes. It answers with the statuses it is told to (then 200),
or 401 to a push that fails the check, and records every request.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Push:
    headers: dict[str, str]
    body: bytes
    verified: bool
    answered: int
    received_at: float

    @property
    def event(self) -> str:
        return self.headers["X-Newsroom-Event"]

    @property
    def event_id(self) -> str:
        return self.headers["X-Newsroom-Event-Id"]

    def json(self) -> dict:
        return json.loads(self.body)

    @property
    def headline(self) -> str:
        """The main headline of a ninjs 3.1 item."""
        return self.json()["headlines"][0]["value"]

    @property
    def pictures(self) -> list[dict]:
        """The picture associations of a ninjs 3.1 item."""
        return [
            association
            for association in self.json().get("associations", [])
            if association.get("type") == "picture"
        ]


@dataclass
class Receiver:
    secret: str
    answers: list[int] = field(default_factory=list)
    pushes: list[Push] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hook"

    def check(self, headers: dict[str, str], body: bytes) -> bool:
        timestamp = headers.get("X-Newsroom-Timestamp", "")
        if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 300:
            return False
        expected = hmac.new(
            self.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
        ).hexdigest()
        return hmac.compare_digest(
            f"sha256={expected}", headers.get("X-Newsroom-Signature", "")
        )

    def events(self) -> list[str]:
        return [push.event for push in self.pushes]


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = dict(self.headers.items())
            verified = receiver.check(headers, body)
            with lock:
                status = receiver.answers.pop(0) if receiver.answers else 200
                if not verified:
                    status = 401
                receiver.pushes.append(
                    Push(headers, body, verified, status, time.monotonic())
                )
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    return Handler


@pytest.fixture
def receiver_factory() -> Iterator:
    """Start receivers with `receiver_factory(secret, answers=[...])`."""
    started: list[Receiver] = []

    def start(secret: str, answers: list[int] | None = None) -> Receiver:
        receiver = Receiver(secret=secret, answers=list(answers or []))
        receiver.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
        threading.Thread(target=receiver.server.serve_forever, daemon=True).start()
        started.append(receiver)
        return receiver

    yield start
    for receiver in started:
        receiver.server.shutdown()
        receiver.server.server_close()
