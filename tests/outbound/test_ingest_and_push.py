"""A refused address is recorded like any other failure: on the source
(reason and back-off) and on the webhook delivery (its error; no retries,
since the answer would be the same)."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
from django.utils import timezone

from api import push, tasks
from api.models import Delivery, Subscriber
from articles.models import Article
from ingest import services
from ingest.models import Source
from tests.api.receivers import receiver_factory  # noqa: F401 (fixture)
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_a_source_on_a_private_address_fails_with_the_reason_and_backs_off(
    server,
):
    source = Source.objects.create(
        name="Internal",
        kind=Source.Kind.RSS,
        url=server.url("/feed.xml", host="localhost"),
        section=SectionFactory(),
        poll_interval=300,
    )
    now = timezone.now()
    result = services.poll_source(source=source, now=now)
    assert not result.ok
    source.refresh_from_db()
    assert source.state == Source.State.FAILING
    assert source.failures == 1
    assert "not a public address" in source.last_error
    assert "OUTBOUND_ALLOWED_HOSTS" in source.last_error
    assert source.next_poll_at == now + timedelta(seconds=600)
    assert server.requests == []


def live_piece() -> Article:
    article = ArticleFactory(draft=True)
    published_at = timezone.now() - timedelta(hours=1)
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED,
        published_at=published_at,
        first_published_at=published_at,
    )
    return article


def test_a_push_to_a_private_address_fails_at_once_and_is_redelivered_once_allowed(
    receiver_factory,  # noqa: F811
    settings,
    django_capture_on_commit_callbacks,
):
    """Retrying for 24 hours would only ask the same question thirty times:
    the delivery fails at the first attempt with the reason; once an
    administrator allows the host, an editor's redelivery reaches it."""
    secret = secrets.token_hex(32)
    receiver = receiver_factory(secret)
    webhook = receiver.url.replace("127.0.0.1", "localhost")
    Subscriber.objects.create(name="Ours", webhook_url=webhook, webhook_secret=secret)
    article = live_piece()

    tasks.fan_out.call_local(article.pk, "update", str(push.uuid.uuid4()))
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == 1
    assert delivery.next_attempt_at is None
    assert delivery.last_status_code is None
    assert "localhost" in delivery.last_error
    assert "not a public address" in delivery.last_error
    assert receiver.pushes == []

    settings.OUTBOUND_ALLOWED_HOSTS = ["localhost"]
    with django_capture_on_commit_callbacks(execute=True):
        push.redeliver(Delivery.objects.filter(pk=delivery.pk))
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED
    assert [received.verified for received in receiver.pushes] == [True]


def test_a_webhook_that_is_not_http_fails_at_once(settings):
    settings.OUTBOUND_ALLOW_PRIVATE = True
    Subscriber.objects.create(name="Odd", webhook_url="ftp://files.example/in/")
    article = live_piece()
    tasks.fan_out.call_local(article.pk, "update", str(push.uuid.uuid4()))
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED
    assert "Only http and https" in delivery.last_error
