"""Failing parts: the database or the cache goes away, and comes back.

The database cases run the production settings in a child process (settings
read the environment once) against a PostgreSQL server of the test's own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest
from django.core.cache import caches

from caching.backends import ResilientRedisCache
from tests.factories import ArticleFactory, SectionFactory
from tests.project.procs import ROOT, output, production_env, run
from tests.project.throwaway_pg import free_port, throwaway_postgres

# The child: migrate, serve, lose the database, get it back. It prints one
# JSON line per step; the parent asserts. Recovery is polled with a bound.
OUTAGE_SCRIPT = r"""
import json, subprocess, sys, time
import django
django.setup()
from django.core.management import call_command
from django.test import Client

call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
client = Client(HTTP_HOST="news.example.org", raise_request_exception=False)

def step(name):
    page = client.get("/en/", secure=True)
    health = client.get("/healthz", secure=True)
    print(json.dumps({
        "step": name,
        "page": page.status_code,
        "retry_after": page.get("Retry-After"),
        "friendly": "Back in a moment" in page.content.decode(),
        "healthz": health.status_code,
        "health": json.loads(health.content),
    }), flush=True)
    return page.status_code

step("up")
print("STOP", flush=True)
sys.stdin.readline()
step("down")
print("START", flush=True)
sys.stdin.readline()
started = time.monotonic()
while step("recovering") != 200 and time.monotonic() - started < 15:
    time.sleep(0.1)
print(json.dumps({"recovered_in": time.monotonic() - started}), flush=True)
"""


@pytest.mark.postgresql
def test_database_outage_is_a_503_and_the_site_recovers_by_itself(tmp_path):
    """With PostgreSQL down every page is a friendly 503 with Retry-After and
    /healthz says so; when it is back the same process serves again."""
    with throwaway_postgres() as server:
        env = production_env(tmp_path, DATABASE_URL=server.url)
        errors = tmp_path / "child.err"
        with errors.open("w") as stderr_file:
            child = subprocess.Popen(
                [sys.executable, "-c", OUTAGE_SCRIPT],
                cwd=ROOT,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr_file,
                text=True,
            )
            # A hung child must fail the test, not hang the suite.
            watchdog = threading.Timer(120, child.kill)
            watchdog.start()
            steps = []
            try:
                for line in child.stdout:
                    line = line.strip()
                    if line in {"STOP", "START"}:
                        server.stop() if line == "STOP" else server.start()
                        child.stdin.write("\n")
                        child.stdin.flush()
                    elif line.startswith("{"):
                        steps.append(json.loads(line))
                child.wait(timeout=10)
            finally:
                watchdog.cancel()
                child.kill()
        stderr = errors.read_text()[-5000:]

    assert child.returncode == 0, stderr
    up, down = steps[0], steps[1]
    assert (up["page"], up["healthz"], up["health"]["database"]) == (200, 200, "ok")
    assert down["page"] == 503, stderr
    assert down["friendly"] and down["retry_after"] == "30"
    assert down["healthz"] == 503
    assert down["health"]["database"] == "unavailable"
    assert steps[-2]["page"] == 200 and steps[-2]["healthz"] == 200
    assert steps[-1]["recovered_in"] < 15


def test_database_refusing_connections_is_a_503(tmp_path):
    """A production site whose database port is closed answers 503, not 500."""
    code = (
        "import django, json\n"
        "django.setup()\n"
        "from django.test import Client\n"
        "c = Client(HTTP_HOST='news.example.org', raise_request_exception=False)\n"
        "r = c.get('/en/', secure=True)\n"
        "h = c.get('/healthz', secure=True)\n"
        "print(json.dumps([r.status_code, r.get('Retry-After'),\n"
        "  'Back in a moment' in r.content.decode(), h.status_code,\n"
        "  json.loads(h.content)]))\n"
    )
    env = production_env(
        tmp_path, DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/x"
    )
    result = run([sys.executable, "-c", code], env)
    assert result.returncode == 0, output(result)
    page, retry_after, friendly, health_status, health = json.loads(
        result.stdout.splitlines()[-1]
    )
    assert (page, retry_after, friendly) == (503, "30", True), output(result)
    assert health_status == 503
    assert health == {
        "status": "unavailable",
        "database": "unavailable",
        "cache": "ok",
    }


@pytest.fixture
def redis_down(settings):
    """The default cache is Redis on a port where nothing listens."""
    settings.CACHES = {
        "default": {
            "BACKEND": "caching.backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.PAGE_CACHE = True
    settings.API_RATE_LIMIT = 5
    yield caches["default"]


@pytest.mark.django_db
def test_redis_down_pages_are_served_uncached(client, redis_down):
    assert isinstance(redis_down, ResilientRedisCache)
    section = SectionFactory(slug="economy")
    article = ArticleFactory(section=section, headline="Served without Redis")
    for url in [
        "/en/",
        article.get_absolute_url(),
        "/en/section/economy/",
        "/en/feeds/rss/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Served without Redis" in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_redis_down_healthz_reports_the_cache_but_stays_in_service(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "unavailable",
    }
    assert "no-store" in response["Cache-Control"]


def test_redis_down_cache_calls_answer_as_an_empty_cache(redis_down):
    redis_down.set("k", "v")
    assert redis_down.get("k") is None
    assert redis_down.get("k", "fallback") == "fallback"
    assert redis_down.add("k", 1) is False
    assert redis_down.incr("k") == 1
    assert redis_down.get_many(["a", "b"]) == {}
    assert redis_down.get_or_set("k", "computed") == "computed"
    assert redis_down.is_backing_off()


@pytest.mark.django_db
def test_healthz_when_all_is_well(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
