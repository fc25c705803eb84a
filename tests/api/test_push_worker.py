"""Webhook push through the real worker: `manage.py run_huey` started by the
`worker` fixture (tests/worker.py), receivers on 127.0.0.1 (receivers.py).

The editor's request only enqueues; everything sent here is sent by the
consumer process, from committed rows.
"""

from __future__ import annotations

import secrets
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from api.models import Delivery, Subscriber
from articles import workflow
from articles.models import Article
from tests.api.receivers import receiver_factory  # noqa: F401 (fixture)
from tests.conftest import make_staff
from tests.factories import ArticleFactory


@pytest.fixture
def worker_env() -> dict[str, str]:
    # Retries half a second apart, so the retry test takes seconds, not minutes;
    # the receivers are on 127.0.0.1, which production refuses (outbound/).
    return {"PUSH_RETRY_BASE_SECONDS": "0.5", "OUTBOUND_ALLOW_PRIVATE": "true"}


@pytest.fixture
def subscribe(receiver_factory):  # noqa: F811
    def make(name: str, answers: list[int] | None = None):
        secret = secrets.token_hex(32)
        receiver = receiver_factory(secret, answers)
        Subscriber.objects.create(
            name=name, webhook_url=receiver.url, webhook_secret=secret
        )
        return receiver

    return make


@pytest.fixture
def chief(transactional_db):
    return make_staff("chief", "Editor")


def live_piece(**kwargs) -> Article:
    """A piece already out before the test, with no event of its own."""
    article = ArticleFactory(draft=True, **kwargs)
    published_at = timezone.now() - timedelta(hours=1)
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED,
        published_at=published_at,
        first_published_at=published_at,
    )
    article.refresh_from_db()
    return article


def test_publish_is_pushed_signed_by_the_worker(worker, subscribe, chief):
    receiver = subscribe("Client A")
    article = ArticleFactory(draft=True, headline="Pushed by the worker")

    workflow.publish(article, by=chief)

    worker.wait_for(lambda: receiver.pushes, what="the publish push")
    [push] = receiver.pushes
    assert push.verified
    assert push.answered == 200
    assert push.event == "publish"
    assert push.headline == "Pushed by the worker"
    delivery = worker.wait_for(
        lambda: Delivery.objects.filter(status=Delivery.Status.DELIVERED).first(),
        what="the delivery recorded as delivered",
    )
    assert delivery.article_id == article.pk
    assert delivery.attempts == 1
    assert str(delivery.event_id) == push.event_id


def test_a_failed_push_is_retried_until_it_is_accepted(worker, subscribe, chief):
    """The receiver answers 500, then 200: the worker tries again after
    its back-off, with the same event id, and records both attempts."""
    receiver = subscribe("Flaky client", answers=[500])
    article = ArticleFactory(draft=True)

    workflow.publish(article, by=chief)

    worker.wait_for(lambda: len(receiver.pushes) >= 2, what="the retry")
    first, second = receiver.pushes
    assert (first.answered, second.answered) == (500, 200)
    assert first.verified and second.verified
    assert first.event_id == second.event_id
    assert second.received_at - first.received_at >= 0.5  # the back-off
    assert (
        first.headers["X-Newsroom-Timestamp"] <= second.headers["X-Newsroom-Timestamp"]
    )
    delivery = worker.wait_for(
        lambda: Delivery.objects.filter(status=Delivery.Status.DELIVERED).first(),
        what="the delivery recorded as delivered",
    )
    assert delivery.attempts == 2
    assert "500" in delivery.last_error
    assert delivery.next_attempt_at is None


def test_a_kill_reaches_every_subscriber_within_five_seconds(worker, subscribe, chief):
    receivers = [subscribe(f"Client {n}") for n in range(8)]
    article = live_piece()

    started = time.monotonic()
    workflow.kill(article, by=chief, reason="Legal")

    worker.wait_for(
        lambda: all(r.pushes for r in receivers),
        timeout=5,
        what="the kill at every subscriber",
    )
    elapsed = time.monotonic() - started
    assert elapsed < 5
    for receiver in receivers:
        [push] = receiver.pushes
        assert push.event == "kill"
        assert push.verified
        assert push.json()["pubStatus"] == "canceled"


def test_saving_a_draft_pushes_nothing(worker, subscribe, chief):
    """A draft's saves and its submission enqueue nothing: once a piece
    published after them has been pushed, it is the only push and the only
    delivery."""
    receiver = subscribe("Client A")
    draft = ArticleFactory(draft=True, headline="Not yet")
    draft.body = "<p>Rewritten.</p>"
    draft.save()
    workflow.submit(draft, by=chief)

    sentinel = ArticleFactory(draft=True, headline="Out")
    workflow.publish(sentinel, by=chief)

    worker.wait_for(lambda: receiver.pushes, what="the sentinel's push")
    worker.wait_for(
        lambda: not Delivery.objects.filter(status=Delivery.Status.PENDING).exists(),
        what="nothing pending",
    )
    assert [push.headline for push in receiver.pushes] == ["Out"]
    assert list(Delivery.objects.values_list("article_id", flat=True)) == [sentinel.pk]
