"""Background work of the subscriber API: webhook push (api/push.py).

Every task is safe to run twice: deliveries are unique per subscriber and
event, and an attempt first claims its delivery.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import push


@db_task()
def fan_out(article_pk: int, event: str, event_id: str) -> int:
    """One delivery per subscriber with a webhook, each sent by its own task
    so that a slow receiver holds up nobody else; the number enqueued."""
    pks = push.create_deliveries(article_pk=article_pk, event=event, event_id=event_id)
    for pk in pks:
        deliver(pk)
    return len(pks)


@db_task()
def deliver(delivery_pk: int) -> str | None:
    status = push.attempt(delivery_pk)
    return str(status) if status else None


@db_periodic_task(crontab(minute="*"))
def sweep_deliveries() -> int:
    """Every minute: re-enqueue due deliveries whose task was lost (a queue
    emptied with Redis, a worker stopped mid-attempt), and fail those past
    their retry period."""
    push.give_up_expired()
    pks = push.due_deliveries()
    for pk in pks:
        deliver(pk)
    return len(pks)


# How far back the minute's look for pieces that went live reaches: a
# worker stopped for less than this misses none. Earlier ones are not sent
# late (a subscriber polling the API has them).
SCHEDULED_LOOKBACK = timedelta(minutes=15)


@db_periodic_task(crontab(minute="*"))
def push_scheduled() -> int:
    """Every minute: a piece scheduled earlier is published for subscribers
    when its time comes. Its event id is fixed by its publish time, so the
    next minutes' looks send it to nobody twice."""
    now = timezone.now()
    pieces = push.went_live_by_schedule(since=now - SCHEDULED_LOOKBACK, now=now)
    for article in pieces:
        push.enqueue_event(
            article_pk=article.pk, event=push.Event.PUBLISH, moment=article.published_at
        )
    return len(pieces)
