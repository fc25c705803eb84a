"""A real background worker for the tests about it.

The `worker` fixture starts `manage.py run_huey`, the consumer production
runs, as a subprocess on the test database and on a queue of its own, points
this process's Huey at the same queue, and stops the consumer afterwards.
Tests using it commit for real (`transactional_db`): the consumer is another
process and sees only committed rows, and `transaction.on_commit` hooks, which
enqueue the tasks, run only on a real commit.

The database the consumer opens:
- PostgreSQL: the test database pytest-django created (test_<name>).
- SQLite: the suite's test database lives in memory, which no other process
  can open. For the duration of the test this process's connection moves to
  a file copy of it (SQLite's backup API), and the consumer opens that file;
  the in-memory database is put back afterwards, untouched by the test.

Elsewhere the suite runs tasks inline (Huey's immediate mode, settings_test)
so that tests not about the worker need none.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 30.0

T = TypeVar("T")


@dataclass
class Worker:
    process: subprocess.Popen
    log_path: Path
    queue: str

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_for(
        self, condition: Callable[[], T], *, timeout: float = 10.0, what: str = ""
    ) -> T:
        """Poll `condition` until it returns something true; fail after
        `timeout` seconds with the worker's log. The worker is another
        process: its progress can only be watched, not driven."""
        deadline = time.monotonic() + timeout
        while True:
            result = condition()
            if result:
                return result
            if self.process.poll() is not None:
                pytest.fail(
                    f"the worker exited ({self.process.returncode}):\n{self.log()}"
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"not within {timeout} s: {what or condition}\n"
                    f"worker log:\n{self.log()[-4000:]}"
                )
            time.sleep(0.02)


@contextmanager
def _database_for_subprocess(tmp_path: Path) -> Iterator[str]:
    """A DATABASE_URL another process can open, showing this process's data."""
    from django.db import connection

    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = quote(settings_dict["USER"] or "", safe="")
        if settings_dict["PASSWORD"]:
            auth += ":" + quote(settings_dict["PASSWORD"], safe="")
        host = settings_dict["HOST"] or "127.0.0.1"
        port = settings_dict["PORT"] or 5432
        yield f"postgres://{auth}@{host}:{port}/{settings_dict['NAME']}"
        return
    if connection.vendor != "sqlite":
        raise NotImplementedError(f"no worker fixture for {connection.vendor}")
    if not connection.is_in_memory_db():
        yield f"sqlite:///{settings_dict['NAME']}"
        return
    connection.ensure_connection()
    in_memory, memory_name = connection.connection, settings_dict["NAME"]
    path = tmp_path / "test-database.sqlite3"
    copy = sqlite3.connect(path)
    try:
        in_memory.backup(copy)
    finally:
        copy.close()
    # The in-memory database lives as long as a connection to it: keep this
    # one aside and let Django open the file instead.
    settings_dict["NAME"] = str(path)
    connection.connection = None
    try:
        yield f"sqlite:///{path}"
    finally:
        connection.close()
        settings_dict["NAME"] = memory_name
        connection.connection = in_memory


@contextmanager
def _queue(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """A queue of its own, in the storage the settings choose (Redis when
    configured, a SQLite file otherwise), shared by this process and the
    consumer: the queue's name and the consumer's environment for it."""
    from django.conf import settings
    from huey.contrib.djhuey import HUEY

    name = f"newsroom-test-{uuid.uuid4().hex[:12]}"
    if settings.HUEY_REDIS_URL:
        # This pytest worker's own Redis database (tests/conftest.py): every
        # test empties its cache's database, which would drop a queue kept
        # in a neighbour's in the middle of its test.
        cache_url = str(settings.CACHES["default"].get("LOCATION", ""))
        url = cache_url if cache_url.startswith("redis") else settings.HUEY_REDIS_URL
        env = {"HUEY_REDIS_URL": url}
        storage_kwargs = {"url": url}
    else:
        path = str(tmp_path / "tasks.sqlite3")
        env = {"HUEY_REDIS_URL": "", "REDIS_URL": "", "HUEY_SQLITE_PATH": path}
        storage_kwargs = {"filename": path}
    saved = HUEY.name, HUEY._immediate, HUEY.storage
    HUEY.name, HUEY._immediate = name, False
    HUEY.storage = HUEY.get_storage(**storage_kwargs)
    try:
        yield name, env
    finally:
        HUEY.storage.flush_all()
        HUEY.storage.close()
        HUEY.name, HUEY._immediate, HUEY.storage = saved


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM stops the consumer at once (SIGINT would wait for its idle
    workers' next poll); a stuck one is killed."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def worker_env() -> dict[str, str]:
    """Extra environment for the consumer (settings it reads at start);
    override in a test module to tune it, e.g. shorter retry delays."""
    return {}


@pytest.fixture(name="worker")
def running_worker(
    transactional_db, tmp_path, settings, worker_env
) -> Iterator[Worker]:
    """A running `manage.py run_huey` on the test database and its own queue."""
    with (
        _database_for_subprocess(tmp_path) as database_url,
        _queue(tmp_path) as (
            queue,
            queue_env,
        ),
    ):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings_test",
            "DATABASE_URL": database_url,
            "HUEY_IMMEDIATE": "false",
            "HUEY_NAME": queue,
            "NEWSROOM_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "SITE_URL": settings.SITE_URL,
            **queue_env,
            **worker_env,
        }
        log_path = tmp_path / "worker.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "manage.py", "run_huey"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        running = Worker(process=process, log_path=log_path, queue=queue)
        try:
            running.wait_for(
                lambda: "consumer started" in running.log(),
                timeout=START_TIMEOUT,
                what="the consumer to start",
            )
            yield running
        finally:
            _stop(process)
