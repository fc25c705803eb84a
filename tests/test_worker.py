"""The background worker: configuration, and the real consumer the tests start.

The behaviour of each task is tested beside its app, with the `worker`
fixture (tests/worker.py); these check the worker itself.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from huey.contrib.djhuey import HUEY

pytestmark = pytest.mark.django_db


def test_tests_run_tasks_inline_unless_a_worker_is_started():
    """Outside the worker fixture, a task runs where it is enqueued."""
    assert HUEY.immediate


def test_worker_runs_on_the_test_database_and_a_queue_of_its_own(worker):
    """The consumer started (it logs its start and its tasks) and this
    process now enqueues onto the consumer's queue, not inline."""
    assert worker.process.poll() is None
    assert "consumer started" in worker.log()
    assert not HUEY.immediate
    assert worker.queue.startswith("newsroom-test-")
    assert HUEY.name == worker.queue
    assert type(HUEY.storage).__name__ in {"RedisStorage", "SqliteStorage"}
    # The copy the consumer opens holds what this process writes.
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db()


def test_the_queue_is_redis_with_redis_and_a_sqlite_file_without():
    huey_class = settings.HUEY["huey_class"]
    if settings.HUEY_REDIS_URL:
        assert huey_class == "huey.RedisHuey"
        assert settings.HUEY["url"] == settings.HUEY_REDIS_URL
    else:
        assert huey_class == "huey.SqliteHuey"
        assert settings.HUEY["filename"].endswith(".sqlite3")
