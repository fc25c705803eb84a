"""Render locks name their holder: a request waiting for another process's
render takes over as soon as that process has died, instead of waiting out
WAIT_SECONDS (caching/core.py, caching/backends.py). Against a real Redis,
with a real second process holding the lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
import redis
from django.core.cache import caches

from caching import core
from tests.conftest import REDIS_TEST_URL
from tests.project.procs import ROOT, clean_env

LOCK = core.LOCK_KEY.format("page:/en/")

# A worker of another node: takes the lock, says so, and renders forever.
HOLDER = f"""
from django.core.cache import cache
from caching import core
assert core.take_lock(cache, {LOCK!r})
print("held", flush=True)
import time
time.sleep(600)
"""


@pytest.fixture
def holder(redis_cache, tmp_path) -> Iterator[subprocess.Popen]:
    """Another process holding the lock, through the project's own settings."""
    process = subprocess.Popen(
        [sys.executable, "-c", "import django; django.setup()\n" + HOLDER],
        cwd=ROOT,
        env=clean_env(
            DEBUG="true",
            REDIS_URL=REDIS_TEST_URL,
            CACHE_KEY_PREFIX="",  # as the test's own cache (tests/conftest.py)
            NEWSROOM_VAR_DIR=str(tmp_path),
        ),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout.readline().strip() == "held"
        yield process
    finally:
        process.kill()
        process.wait(timeout=10)


def lock_value(server: redis.Redis) -> bytes | None:
    return server.get(caches["default"].make_key(LOCK))


def test_a_waiter_takes_over_the_lock_of_a_holder_that_died(
    holder, redis_cache, monkeypatch
):
    # Waiting out the timeout would take a minute: the test would show it.
    monkeypatch.setattr(core, "WAIT_SECONDS", 60.0)
    cache = caches["default"]
    held_by = lock_value(redis_cache)
    assert held_by and int(held_by) > 0
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=10)
    started = time.monotonic()
    assert core.wait_for_render(cache, LOCK, poll=lambda: None) is None
    waited = time.monotonic() - started
    assert waited < core.WAIT_SECONDS / 2, f"waited {waited:.1f} s for a dead holder"
    # The waiter renders now, holding the lock in its own name.
    assert lock_value(redis_cache) == str(cache.holder_id()).encode()
    assert lock_value(redis_cache) != held_by


def test_a_live_holder_is_waited_for(holder, redis_cache, monkeypatch):
    monkeypatch.setattr(core, "WAIT_SECONDS", 0.5)
    held_by = lock_value(redis_cache)
    assert core.wait_for_render(caches["default"], LOCK, poll=lambda: None) is None
    assert holder.poll() is None
    assert lock_value(redis_cache) == held_by  # its render goes on undisturbed


def test_only_a_lock_whose_holder_is_gone_is_released(redis_cache):
    cache = caches["default"]
    assert core.take_lock(cache, LOCK)
    mine = lock_value(redis_cache)
    assert not cache.release_if_holder_gone(LOCK)  # this process is alive
    assert lock_value(redis_cache) == mine
    # A client id the server has never handed out, as a dead holder's is.
    gone = redis_cache.client_id() + 1_000_000
    redis_cache.set(cache.make_key(LOCK), gone)
    assert cache.release_if_holder_gone(LOCK)
    assert lock_value(redis_cache) is None
    # A lock that names nobody (taken where liveness cannot be known).
    redis_cache.set(cache.make_key(LOCK), 0)
    assert not cache.release_if_holder_gone(LOCK)
    assert lock_value(redis_cache) == b"0"


def test_a_server_refusing_client_commands_falls_back_to_waiting(redis_cache, settings):
    """Managed Redis services may refuse CLIENT commands (here, an ACL): the
    lock names nobody, is never released for a dead holder, and the render
    goes on as before."""
    user, password = "render-locks-no-client", "pw-render-locks"
    redis_cache.execute_command(
        "ACL", "SETUSER", user, "on", f">{password}", "~*", "+@all", "-client"
    )
    try:
        settings.CACHES = {
            "default": {
                "BACKEND": "caching.backends.ResilientRedisCache",
                "LOCATION": REDIS_TEST_URL.replace("//", f"//{user}:{password}@"),
            }
        }
        cache = caches["default"]
        assert cache.holder_id() == 0
        assert core.take_lock(cache, LOCK)
        assert lock_value(redis_cache) == b"0"
        redis_cache.set(cache.make_key(LOCK), redis_cache.client_id() + 1_000_000)
        assert not cache.release_if_holder_gone(LOCK)
        assert not cache.is_backing_off()
    finally:
        redis_cache.execute_command("ACL", "DELUSER", user)
