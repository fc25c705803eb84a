"""The worker polls sources: a real `run_huey` consumer against a real feed."""

from __future__ import annotations

from datetime import datetime

import pytest

from ingest import tasks
from ingest.models import IncomingItem, Source

from .test_polling import rss


def test_poll_due_runs_every_minute():
    schedule = tasks.poll_due.task_class.validate_datetime
    assert all(schedule(None, datetime(2026, 12, 7, 14, m)) for m in (0, 1, 2, 59))


@pytest.mark.django_db
def test_poll_due_inline_polls_each_due_source_once(wire_server, make_source):
    """In immediate mode (the suite's default) the task runs in-process."""
    good = make_source(url=wire_server.serve("/a", body=rss(("a", "A", "A"))))
    bad = make_source(url=wire_server.serve("/b", status=500))
    make_source(url=wire_server.url("/c"), enabled=False)

    tasks.poll_due()

    assert [i.guid for i in IncomingItem.objects.all()] == ["a"]
    assert Source.objects.get(pk=bad.pk).state == Source.State.FAILING
    assert Source.objects.get(pk=good.pk).state == Source.State.OK
    assert [r["path"] for r in wire_server.requests] == ["/a", "/b"]
    tasks.poll_due()
    assert len(wire_server.requests) == 2


def test_worker_polls_and_survives_a_hostile_source(worker, wire_server, make_source):
    from .test_parsers import BILLION_LAUGHS

    bomb = make_source(url=wire_server.serve("/bomb", body=BILLION_LAUGHS))
    good = make_source(url=wire_server.serve("/ok", body=rss(("w1", "Wire", "W"))))

    tasks.poll_due()

    worker.wait_for(
        lambda: IncomingItem.objects.filter(source=good, guid="w1").exists(),
        what="the good source's item",
    )
    worker.wait_for(
        lambda: Source.objects.get(pk=bomb.pk).state == Source.State.FAILING,
        what="the bomb marked failing",
    )
    assert "Refused XML" in Source.objects.get(pk=bomb.pk).last_error
    assert worker.process.poll() is None
