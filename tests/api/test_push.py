"""Webhook push: which changes send what, signing, idempotence, back-off,
the delivery log in the admin and who may manage it.

These run the tasks inline (Huey's immediate mode, the suite's default)
against real receivers on 127.0.0.1: what is tested is which events a change
makes and what one attempt does, which do not depend on the process running
them. What the worker process itself does (after commit, retries on its
schedule, a kill reaching everyone in time) is in test_push_worker.py.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from api import push, tasks
from api.models import Delivery, Subscriber
from articles import workflow
from articles.models import Article
from images.services import make_renditions
from tests.api.receivers import receiver_factory  # noqa: F401 (fixture)
from tests.conftest import make_staff
from tests.factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def allow_private(settings):
    """The receivers are on 127.0.0.1, which production refuses to push to
    (outbound/; tests/outbound/ has the refusals)."""
    settings.OUTBOUND_ALLOW_PRIVATE = True


@pytest.fixture
def subscribe(receiver_factory):  # noqa: F811
    def make(name: str = "Client", answers: list[int] | None = None, **fields):
        secret = secrets.token_hex(32)
        receiver = receiver_factory(secret, answers)
        subscriber = Subscriber.objects.create(
            name=name, webhook_url=receiver.url, webhook_secret=secret, **fields
        )
        receiver.subscriber = subscriber
        return receiver

    return make


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a block defers to commit, as the real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


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


# Which changes send what ---------------------------------------------------


def test_publish_sends_one_signed_publish(subscribe, editor, commit):
    receiver = subscribe()
    article = ArticleFactory(draft=True, headline="Out now")

    with commit():
        workflow.publish(article, by=editor)

    [sent] = receiver.pushes
    assert sent.verified
    assert sent.event == "publish"
    assert sent.headline == "Out now"
    assert sent.headers["Content-Type"].startswith("application/json")
    assert push.verify(
        receiver.secret,
        timestamp=sent.headers["X-Newsroom-Timestamp"],
        body=sent.body,
        header=sent.headers["X-Newsroom-Signature"],
    )
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.DELIVERED
    assert (delivery.article_id, delivery.event) == (article.pk, "publish")


def test_editing_a_live_piece_sends_an_update(subscribe, commit):
    receiver = subscribe()
    article = live_piece()

    with commit():
        article.headline = "Sharper headline"
        article.save()
        article.save()  # saved twice in one request: one update

    assert receiver.events() == ["update"]
    assert receiver.pushes[0].headline == "Sharper headline"


def test_a_correction_sends_only_the_correction(subscribe, editor, commit):
    """The workflow step saves the piece too; that save is not an update."""
    receiver = subscribe()
    article = live_piece()

    with commit():
        workflow.correct(article, by=editor, kind="correction", text="A name.")

    assert receiver.events() == ["correct"]


def test_a_kill_sends_the_withdrawn_item(subscribe, editor, commit):
    receiver = subscribe()
    article = live_piece()

    with commit():
        workflow.kill(article, by=editor, reason="Legal")

    [sent] = receiver.pushes
    assert sent.event == "kill"
    assert sent.json()["pubStatus"] == "canceled"


def test_a_picture_made_ready_after_the_publish_goes_out_as_an_update(
    subscribe, editor, commit
):
    receiver = subscribe()
    picture = ImageFactory(renditions=False)  # the worker has not run yet
    article = ArticleFactory(draft=True, headline="Flood", hero_image=picture)
    elsewhere = ArticleFactory(draft=True, hero_image=picture)  # not live
    with commit():
        workflow.publish(article, by=editor)
    assert not receiver.pushes[0].pictures

    with commit():
        assert make_renditions(picture)

    assert receiver.events() == ["publish", "update"]
    [shown] = receiver.pushes[1].pictures
    assert shown["renditions"]
    assert {d.article_id for d in Delivery.objects.all()} == {article.pk}
    assert elsewhere.pk not in {d.article_id for d in Delivery.objects.all()}
    with commit():
        picture.save()  # any other save of the picture sends nothing
    assert receiver.events() == ["publish", "update"]


def test_drafts_submissions_and_schedules_send_nothing(subscribe, editor, commit):
    receiver = subscribe()
    with commit():
        draft = ArticleFactory(draft=True)
        draft.body = "<p>Changed.</p>"
        draft.save()
        workflow.submit(draft, by=editor)
        workflow.schedule(draft, by=editor, at=timezone.now() + timedelta(hours=2))

    assert receiver.pushes == []
    assert not Delivery.objects.exists()


def test_a_scheduled_kill_or_deletion_sends_nothing(subscribe, editor, commit):
    """Subscribers never had a piece killed before its time."""
    receiver = subscribe()
    article = ArticleFactory(draft=True)
    workflow.schedule(article, by=editor, at=timezone.now() + timedelta(hours=2))

    with commit():
        workflow.kill(article, by=editor, reason="Changed our mind")

    assert receiver.pushes == []


def test_deleting_a_live_piece_withdraws_it_and_a_restore_sends_it_again(
    subscribe, editor, commit
):
    receiver = subscribe()
    article = live_piece()

    with commit():
        workflow.delete(article, by=editor)
    with commit():
        workflow.restore(article, by=editor)

    assert receiver.events() == ["kill", "publish"]
    assert len({sent.event_id for sent in receiver.pushes}) == 2


def test_a_scheduled_piece_is_pushed_when_its_time_comes_and_only_once(
    subscribe, editor
):
    receiver = subscribe()
    article = ArticleFactory(draft=True)
    at = timezone.now() + timedelta(minutes=30)
    workflow.schedule(article, by=editor, at=at)

    assert tasks.push_scheduled.call_local() == 0
    with time_machine.travel(at + timedelta(seconds=30)):
        assert tasks.push_scheduled.call_local() == 1
    with time_machine.travel(at + timedelta(seconds=90)):
        tasks.push_scheduled.call_local()  # the next minute's look

    assert receiver.events() == ["publish"]
    assert Delivery.objects.count() == 1


def test_published_now_is_left_to_its_own_event(subscribe, editor, commit):
    receiver = subscribe()
    article = ArticleFactory(draft=True)
    with commit():
        workflow.publish(article, by=editor)

    assert tasks.push_scheduled.call_local() == 0
    assert receiver.events() == ["publish"]


def test_only_active_subscribers_with_a_webhook_are_sent_to(subscribe, commit):
    active = subscribe("Active")
    paused = subscribe("Paused", is_active=False)
    Subscriber.objects.create(name="Polling only")

    with commit():
        ArticleFactory(headline="Created live")  # an import: published

    assert active.events() == ["publish"]
    assert paused.pushes == []
    assert Delivery.objects.count() == 1


@pytest.mark.parametrize("format_name", [name for name, _ in push.format_choices()])
def test_each_subscriber_gets_its_chosen_format(subscribe, commit, format_name):
    receiver = subscribe(webhook_format=format_name)
    article = live_piece()

    with commit():
        article.save()

    [sent] = receiver.pushes
    _body, content_type = push.serialise(
        Article.all_objects.get(pk=article.pk), format_name
    )
    assert sent.headers["Content-Type"] == content_type
    assert sent.verified


# Idempotence and retries ---------------------------------------------------


def test_running_an_event_twice_sends_it_once(subscribe):
    receiver = subscribe()
    article = live_piece()
    event_id = str(push.event_id(article.pk, "update", article.updated_at))

    tasks.fan_out.call_local(article.pk, "update", event_id)
    tasks.fan_out.call_local(article.pk, "update", event_id)
    delivery = Delivery.objects.get()
    assert push.attempt(delivery.pk) is None  # delivered: not due again

    assert len(receiver.pushes) == 1
    assert Delivery.objects.get().attempts == 1


def test_the_same_change_has_the_same_event_id():
    moment = timezone.now()
    assert push.event_id(1, "kill", moment) == push.event_id(1, "kill", moment)
    assert push.event_id(1, "kill", moment) != push.event_id(2, "kill", moment)
    assert push.event_id(1, "kill", moment) != push.event_id(1, "publish", moment)


def test_back_off_doubles_up_to_its_ceiling(settings):
    settings.PUSH_RETRY_BASE_SECONDS = 30
    settings.PUSH_RETRY_MAX_SECONDS = 3600
    delays = [push.retry_delay(n).total_seconds() for n in range(1, 10)]
    assert delays == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_failures_are_retried_for_24_hours_then_given_up(subscribe, settings):
    """Every attempt fails; each is due only after its back-off; past the
    retry period the delivery is failed and no longer attempted."""
    settings.PUSH_RETRY_BASE_SECONDS = 600
    settings.PUSH_RETRY_MAX_SECONDS = 6 * 3600
    receiver = subscribe(answers=[503] * 20)
    article = live_piece()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        tasks.fan_out.call_local(
            article.pk, "update", str(push.event_id(1, "u", start))
        )
    delivery = Delivery.objects.get()
    assert delivery.give_up_at == start + timedelta(hours=24)

    moment = start
    while True:
        delivery.refresh_from_db()
        if delivery.status != Delivery.Status.PENDING:
            break
        assert push.attempt(delivery.pk) is None  # not due yet
        moment = delivery.next_attempt_at
        with time_machine.travel(moment, tick=False):
            push.attempt(delivery.pk)

    assert delivery.status == Delivery.Status.FAILED
    assert delivery.next_attempt_at is None
    assert "503" in delivery.last_error
    # 1 + attempts after 10, 20, 40, 80, 160, 320 min, then every 6 h: the
    # next would come after the 24 hours.
    assert delivery.attempts == len(receiver.pushes) == 9
    assert moment <= start + timedelta(hours=24)


def test_the_sweep_resends_what_the_queue_lost_and_fails_the_expired(
    subscribe, settings
):
    settings.PUSH_SWEEP_GRACE_SECONDS = 60
    receiver = subscribe()
    article = live_piece()
    with time_machine.travel(timezone.now() - timedelta(hours=25), tick=False):
        expired = push.create_deliveries(
            article_pk=article.pk, event="update", event_id=str(push.uuid.uuid4())
        )
    with time_machine.travel(timezone.now() - timedelta(minutes=5), tick=False):
        lost = push.create_deliveries(
            article_pk=article.pk, event="kill", event_id=str(push.uuid.uuid4())
        )
    fresh = push.create_deliveries(
        article_pk=article.pk, event="correct", event_id=str(push.uuid.uuid4())
    )

    assert tasks.sweep_deliveries.call_local() == 1

    assert receiver.events() == ["kill"]
    status = dict(Delivery.objects.values_list("pk", "status"))
    assert status == {
        expired[0]: "failed",
        lost[0]: "delivered",
        fresh[0]: "pending",  # its own task is still on the way
    }


def test_a_redirect_is_a_failure_not_followed(subscribe, receiver_factory):  # noqa: F811
    receiver = subscribe(answers=[301])
    article = live_piece()
    tasks.fan_out.call_local(article.pk, "update", str(push.uuid.uuid4()))
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.last_status_code == 301
    assert len(receiver.pushes) == 1


def test_an_unreachable_endpoint_is_retried(subscribe):
    receiver = subscribe()
    Subscriber.objects.update(webhook_url="http://127.0.0.1:9/nothing-listens")
    article = live_piece()
    tasks.fan_out.call_local(article.pk, "update", str(push.uuid.uuid4()))
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.last_status_code is None
    assert "refused" in delivery.last_error.lower()
    assert receiver.pushes == []


def test_with_the_queue_down_the_editor_is_answered_and_nothing_is_lost(
    subscribe, editor, commit
):
    """Redis unreachable when the publish commits: the publish stands, and
    the deliveries wait in the database for the worker's sweep."""
    from huey.contrib.djhuey import HUEY
    from huey.storage import RedisStorage

    receiver = subscribe()
    article = ArticleFactory(draft=True)
    saved = HUEY._immediate, HUEY.storage
    HUEY._immediate = False
    HUEY.storage = RedisStorage(HUEY.name, url="redis://127.0.0.1:1/0")
    try:
        with commit():
            workflow.publish(article, by=editor)
    finally:
        HUEY._immediate, HUEY.storage = saved

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.event) == ("pending", "publish")
    assert receiver.pushes == []
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        tasks.sweep_deliveries.call_local()
    assert receiver.events() == ["publish"]


# Signatures ----------------------------------------------------------------


def test_the_receivers_check_refuses_a_stale_or_altered_push():
    secret, body, now = "s3cret", b'{"a": 1}', 1_800_000_000
    header = push.signature(secret, now, body)
    assert push.verify(secret, timestamp=str(now), body=body, header=header, now=now)
    assert not push.verify(
        secret, timestamp=str(now), body=body + b" ", header=header, now=now
    )
    assert not push.verify(
        "other", timestamp=str(now), body=body, header=header, now=now
    )
    assert not push.verify(
        secret, timestamp=str(now), body=body, header=header, now=now + 301
    )
    # The timestamp is signed: a fresh one on an old push does not verify.
    assert not push.verify(
        secret, timestamp=str(now + 100), body=body, header=header, now=now + 100
    )


def test_every_subscriber_has_its_own_secret():
    one = Subscriber.objects.create(name="One")
    two = Subscriber.objects.create(name="Two")
    assert len(one.webhook_secret) == 64
    assert one.webhook_secret != two.webhook_secret


# The delivery log in the admin ---------------------------------------------


def test_an_editor_redelivers_a_failed_delivery(client, editor, subscribe, commit):
    receiver = subscribe(answers=[500])
    article = live_piece()
    tasks.fan_out.call_local(article.pk, "update", str(push.uuid.uuid4()))
    Delivery.objects.update(status=Delivery.Status.FAILED, next_attempt_at=None)
    delivery = Delivery.objects.get()
    client.force_login(editor)

    changelist = reverse("admin:api_delivery_changelist")
    page = client.get(changelist)
    assert page.status_code == 200
    assert b"Redeliver now" in page.content
    with commit():
        response = client.post(
            changelist,
            {"action": "redeliver", "_selected_action": [delivery.pk]},
            follow=True,
        )

    assert response.status_code == 200
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED
    assert [sent.answered for sent in receiver.pushes] == [500, 200]
    assert receiver.pushes[0].event_id == receiver.pushes[1].event_id


def test_the_delivery_log_shows_status_attempts_error_and_next_attempt(
    client, editor, subscribe
):
    subscribe(answers=[502])
    article = live_piece(headline="Logged piece")
    tasks.fan_out.call_local(article.pk, "update", str(push.uuid.uuid4()))
    client.force_login(editor)

    page = client.get(reverse("admin:api_delivery_changelist"))

    text = page.content.decode()
    for shown in ("Logged piece", "pending", "502", "HTTP 502"):
        assert shown in text


@pytest.mark.parametrize("role", ["Journalist", "Desk"])
def test_only_editors_manage_subscribers_and_deliveries(client, role):
    user = make_staff(f"{role.lower()}9", role)
    client.force_login(user)
    for name in ("admin:api_subscriber_changelist", "admin:api_delivery_changelist"):
        assert client.get(reverse(name)).status_code == 403


def test_an_editor_sets_a_webhook_and_sees_its_secret(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:api_subscriber_add"),
        {
            "name": "Daily Paper",
            "contact_email": "",
            "is_active": "on",
            "notes": "",
            "webhook_url": "https://paper.example/hooks/newsroom",
            "webhook_format": "ninjs",
            "keys-TOTAL_FORMS": "0",
            "keys-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code in (200, 302)
    subscriber = Subscriber.objects.get(name="Daily Paper")
    assert subscriber.webhook_url == "https://paper.example/hooks/newsroom"
    page = client.get(reverse("admin:api_subscriber_change", args=[subscriber.pk]))
    assert subscriber.webhook_secret in page.content.decode()
