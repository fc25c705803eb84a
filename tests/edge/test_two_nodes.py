"""Two web nodes behind Varnish, one database and one Redis: what one node
does, the other and the edge show at once, and a node that dies loses no
reader's request.

The nodes are real gunicorns started from production settings
(node_settings.py) on the test database, the uploads in one S3 bucket
(moto's server, tests/storage.py); Varnish runs the shipped default.vcl
with backend-two-nodes.vcl pointed at them.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from images.models import Image, RenditionStatus
from tests.conftest import make_staff
from tests.factories import ArticleFactory
from tests.images.pictures import picture_bytes
from tests.project.procs import ROOT, clean_env
from tests.worker import _database_for_subprocess

from .conftest import (
    Answer,
    backend_vcl,
    free_port,
    request,
    running_varnish,
    wait_for,
)

pytestmark = pytest.mark.django_db(transaction=True)

GUNICORN = Path(sys.executable).with_name("gunicorn")
# Databases 12, 11, 10 … under pytest-xdist workers gw0, gw1, gw2: apart
# from the suite's cache (15, 14, 13 …) and the rankings tests' (9, 8, 7 …).
REDIS_DATABASE = 12 - int(os.environ.get("PYTEST_XDIST_WORKER", "gw0")[2:] or 0)

# The shipped edge for docker-compose's `two-nodes` profile.
TWO_NODES_VCL = "backend-two-nodes.vcl"


@dataclass
class Node:
    name: str
    port: int
    process: subprocess.Popen
    access_log: Path

    def get(self, path: str) -> Answer:
        return request(self.port, path)

    def served(self) -> int:
        """Requests this node has answered (its access log)."""
        if not self.access_log.exists():
            return 0
        return len(self.access_log.read_text().splitlines())

    def crash(self) -> None:
        """Gone at once, as a machine that dies: master and workers killed,
        whatever they were answering."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


def _answers(node: Node) -> bool:
    if node.process.poll() is not None:
        raise RuntimeError(f"node {node.name} exited with {node.process.returncode}")
    try:
        return node.get("/healthz").status == 200
    except OSError:
        return False


@dataclass
class Site:
    a: Node
    b: Node
    edge: object

    def through_edge(self, path: str) -> Answer:
        return self.edge.get(path)


@pytest.fixture
def site(tmp_path, settings, s3) -> Iterator[Site]:
    cache = redis.Redis(port=6379, db=REDIS_DATABASE)
    try:
        cache.ping()
    except redis.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    cache.flushdb()
    port_a, port_b = free_port(), free_port()
    with (
        _database_for_subprocess(tmp_path) as database_url,
        running_varnish(
            tmp_path, backend_vcl(port_a, port_b, shipped=TWO_NODES_VCL)
        ) as edge,
    ):
        env = clean_env(
            DJANGO_SETTINGS_MODULE="tests.edge.node_settings",
            SECRET_KEY="two-nodes-share-this-key-" + "x" * 30,
            DATABASE_URL=database_url,
            REDIS_URL=f"redis://127.0.0.1:6379/{REDIS_DATABASE}",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_SSL_REDIRECT="false",
            SESSION_COOKIE_SECURE="false",
            CSRF_COOKIE_SECURE="false",
            # No worker here: each node sends its purges itself on commit.
            HUEY_IMMEDIATE="true",
            EDGE_PURGE_URLS=edge.url,
            EDGE_PURGE_REPEAT_SECONDS="0",
            # One bucket for both nodes (tests/storage.py: moto's S3 server).
            **s3.env(),
            NEWSROOM_VAR_DIR=str(tmp_path / "var"),
            SITE_URL="http://127.0.0.1",
        )
        # The nodes take the ports the VCL names.
        with (
            running_node_on("a", port_a, tmp_path, env) as a,
            running_node_on("b", port_b, tmp_path, env) as b,
        ):
            # Both, or a test may begin while the shard director still
            # skips node b and find no node left when node a dies.
            wait_for(
                lambda: edge.healthy_backends() >= {"web", "web_2"},
                timeout=15,
                what="Varnish to see both nodes healthy",
            )
            yield Site(a, b, edge)
    cache.flushdb()


@contextlib.contextmanager
def running_node_on(
    name: str, port: int, tmp_path: Path, env: dict[str, str]
) -> Iterator[Node]:
    access_log = tmp_path / f"{name}-access.log"
    log = (tmp_path / f"{name}.log").open("wb")
    # Two workers, as a node has several in production: with one, a slow
    # render keeps the health probe waiting too, and Varnish may mark the
    # survivor sick.
    process = subprocess.Popen(
        [str(GUNICORN), "newsroom.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--timeout", "60",
         "--access-logfile", str(access_log)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    node = Node(name, port, process, access_log)
    try:
        wait_for(
            lambda: _answers(node),
            timeout=60,
            what=f"node {name} did not start:\n"
            + (tmp_path / f"{name}.log").read_text(errors="replace"),
        )
        yield node
    finally:
        node.crash()
        log.close()


def csrf_token(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found, "no CSRF token on the page"
    return found.group(1)


class Staff:
    """A signed-in browser of the admin, as far as cookies and CSRF go."""

    def __init__(self, node: Node, username: str, password: str) -> None:
        self.base = f"http://127.0.0.1:{node.port}"
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar)
        )
        page = self.get("/admin/login/")
        self.post(
            "/admin/login/?next=/admin/",
            {"username": username, "password": password},
            token_from=page,
        )
        assert any(c.name == "sessionid" for c in self.jar), "not signed in"

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def upload(
        self, path: str, data: dict[str, str], files: dict[str, tuple[str, bytes]],
        *, token_from: str,
    ) -> int:  # fmt: skip
        """A multipart form, as a browser sends an upload."""
        token = csrf_token(token_from)
        boundary = "----newsroom-test-boundary"
        parts = []
        for name, value in {**data, "csrfmiddlewaretoken": token}.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                f"\r\n\r\n{value}\r\n".encode()
            )
        for name, (filename, content) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            self.base + path,
            data=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        with self.opener.open(request, timeout=60) as response:
            return response.status

    def post(self, path: str, data: dict[str, str], *, token_from: str) -> int:
        token = csrf_token(token_from)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        with self.opener.open(self.base + path, data=body, timeout=30) as response:
            return response.status


def test_a_kill_through_one_node_is_gone_from_the_other_and_the_edge(site):
    editor = make_staff("chief", "Editor")
    piece = ArticleFactory(headline="Claims the court has barred")
    path = piece.get_absolute_url()

    assert site.through_edge(path).status == 200
    assert site.through_edge(path).cache == "HIT"
    for node in (site.a, site.b):
        answer = node.get(path)
        assert answer.status == 200 and "Claims the court" in answer.body

    staff = Staff(site.a, editor.username, "pw")
    change_page = staff.get(f"/admin/articles/article/{piece.pk}/change/")
    staff.post(
        f"/admin/articles/article/{piece.pk}/workflow/kill/",
        {"comment": "Court order"},
        token_from=change_page,
    )

    assert site.b.get(path).status == 410
    assert site.a.get(path).status == 410
    gone = site.through_edge(path)
    assert gone.status == 410, gone.cache
    assert "Claims the court" not in site.b.get("/").body
    assert "Claims the court" not in site.through_edge("/").body


def test_a_node_that_dies_loses_no_readers_request(site):
    pieces = [ArticleFactory(headline=f"Piece {n}") for n in range(60)]
    paths = [piece.get_absolute_url() for piece in pieces]
    answers: list[int] = []
    failures: list[str] = []
    lock = threading.Lock()

    def read(share: list[str]) -> None:
        for path in share:
            try:
                status = site.through_edge(path).status
            except OSError as error:  # the edge itself failing
                with lock:
                    failures.append(f"{path}: {error}")
                continue
            with lock:
                answers.append(status)
            time.sleep(0.02)

    readers = [threading.Thread(target=read, args=(paths[n::4],)) for n in range(4)]
    for reader in readers:
        reader.start()
    wait_for(lambda: len(answers) >= 12, timeout=60, what="the first answers")
    served_before = site.a.served(), site.b.served()
    site.a.crash()
    for reader in readers:
        reader.join(timeout=120)

    assert not failures, failures
    assert Counter(answers) == {200: len(paths)}
    assert served_before[0] > 0, "node a answered nothing before it died"
    assert site.b.served() > served_before[1], "node b took over nothing"


def test_a_picture_uploaded_through_one_node_is_served_by_the_other(site, s3):
    editor = make_staff("picture-desk", "Editor")
    staff = Staff(site.a, editor.username, "pw")
    form = staff.get("/admin/images/image/add/")
    staff.upload(
        "/admin/images/image/add/",
        {"title": "Harbour at dawn", "alt_text": "Cranes over the harbour",
         "caption": "", "credit": "Agency photo", "focal_x": "0.5", "focal_y": "0.5"},
        {"file": ("harbour.jpg", picture_bytes(width=1600, height=900))},
        token_from=form,
    )  # fmt: skip
    image = Image.objects.get(title="Harbour at dawn")
    # Node A's request made the renditions on commit (no worker here).
    assert image.renditions_status == RenditionStatus.READY
    assert image.renditions.exists()
    assert s3.keys() >= {image.file.name}

    piece = ArticleFactory(headline="The harbour reopens", hero_image=image)
    page = site.b.get(piece.get_absolute_url())
    assert page.status == 200
    sources = re.findall(r'<img[^>]+src="([^"]+)"', page.body)
    from_bucket = [src for src in sources if src.startswith(s3.url)]
    assert from_bucket, sources
    with urllib.request.urlopen(from_bucket[0], timeout=10) as picture:
        assert picture.status == 200
        assert picture.read(3) == b"\xff\xd8\xff"  # a JPEG
