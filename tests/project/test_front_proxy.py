"""The buffering front (deploy/nginx/, docker-compose.yml's `front`): slow
clients tie up nginx, not gunicorn's workers.

Real programs on 127.0.0.1: the shipped nginx configuration, filled in as
the nginx image fills it in, in front of a real gunicorn with one sync
worker serving the project.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from string import Template

import pytest

from tests.project.procs import ROOT, production_env, stop_process
from tests.project.throwaway_pg import free_port

TEMPLATE = ROOT / "deploy" / "nginx" / "newsroom.conf.template"
NGINX = shutil.which("nginx") or (
    "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
)
GUNICORN = Path(sys.executable).with_name("gunicorn")

pytestmark = pytest.mark.skipif(
    NGINX is None, reason="nginx is not installed (apt-get install nginx)"
)


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listening on {port}")


@contextmanager
def serving(args: list[str], port: int, **popen) -> Iterator[int]:
    """`args` running until the block ends, once it listens on `port`."""
    process = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **popen
    )
    try:
        wait_for_port(port, process)
        yield port
    finally:
        stop_process(process)


@pytest.fixture
def gunicorn(tmp_path) -> Iterator[int]:
    port = free_port()
    env = production_env(
        tmp_path, ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="false"
    )
    with serving(
        [str(GUNICORN), "newsroom.wsgi", "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "--timeout", "60"],
        port, cwd=ROOT, env=env,
    ):  # fmt: skip
        yield port


def nginx_config(tmp_path: Path, upstream_port: int, listen_port: int) -> Path:
    """The shipped server block as the nginx image's envsubst fills it in,
    inside a main configuration that writes only under tmp_path."""
    filled = Template(TEMPLATE.read_text()).safe_substitute(
        NEWSROOM_UPSTREAM=f"127.0.0.1:{upstream_port}",
        NEWSROOM_LISTEN=f"127.0.0.1:{listen_port}",
    )
    (tmp_path / "newsroom.conf").write_text(filled)
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"""
daemon off;
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    include {tmp_path}/newsroom.conf;
}}
"""
    )
    return main


@pytest.fixture
def front(tmp_path, gunicorn) -> Iterator[int]:
    port = free_port()
    config = nginx_config(tmp_path, gunicorn, port)
    with serving([NGINX, "-e", str(tmp_path / "error.log"), "-c", str(config)], port):
        yield port


def slow_clients(port: int, count: int = 2) -> list[socket.socket]:
    """Connections that have sent part of their headers and then stall."""
    held = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        held.append(sock)
    time.sleep(0.3)  # let them reach whoever accepts them
    return held


def answers(port: int, timeout: float) -> int | None:
    try:
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/healthz", timeout=timeout
        ) as response:
            return response.status
    except TimeoutError:
        return None


def test_without_the_front_two_slow_clients_hold_the_only_worker(gunicorn):
    """What the front is for: gunicorn alone is stuck behind them."""
    assert answers(gunicorn, timeout=10) == 200
    held = slow_clients(gunicorn)
    try:
        assert answers(gunicorn, timeout=2) is None
    finally:
        for sock in held:
            sock.close()


def test_behind_the_front_slow_clients_do_not_hold_the_worker(front):
    assert answers(front, timeout=10) == 200
    held = slow_clients(front, count=8)
    try:
        for _ in range(3):
            assert answers(front, timeout=5) == 200
    finally:
        for sock in held:
            sock.close()
