"""Webhook push: every piece sent to subscribers as it happens.

When readers see a piece change — it is published, a live piece is updated
or corrected, it is killed (or deleted after release, which the API treats
as a kill) — one *event* is enqueued on commit, never inside the editor's
request. The worker (api/tasks.py) turns it into one `Delivery` per
subscriber with a webhook and POSTs the item in the subscriber's format:

    X-Newsroom-Event: publish | update | correct | kill
    X-Newsroom-Event-Id: <uuid, the same for every subscriber and attempt>
    X-Newsroom-Timestamp: <Unix time of this attempt>
    X-Newsroom-Signature: sha256=<HMAC-SHA256 hex of "<timestamp>.<body>">

The signature covers the timestamp, so a receiver that refuses timestamps
outside a short window and event ids it has seen cannot be replayed to
(README, "Webhook push"). A failed attempt (no answer, not 2xx) is retried
with exponential back-off until `PUSH_RETRY_HOURS` after the event; the
delivery then counts as failed and an editor may redeliver it.

Each event has a fixed id derived from the piece and the moment of its
change, and a subscriber gets an event once (a unique constraint), so every
step is safe to run twice: a repeated on-commit hook, a task the queue hands
out twice, the sweep re-enqueueing what a lost queue forgot.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_save
from django.utils import timezone

import outbound
from articles.models import Article, Transition
from articles.querysets import is_published
from images.models import Image, RenditionStatus

from .formats import DEFAULT_FORMAT, FORMATS, serialise_article
from .models import Delivery, Subscriber

logger = logging.getLogger(__name__)

Event = Delivery.Event

# Event ids are UUIDv5 in this namespace, from the piece, the event and the
# moment of the change: the same change always has the same id.
EVENT_NAMESPACE = uuid.UUID("0b7f4f7e-5d0c-4b8e-9a43-2f1c6c3e8a10")

# Workflow steps subscribers hear about. A piece moved to the trash after
# release is withdrawn like a killed one (the API shows it as canceled), and
# one taken out of the trash live is out again.
TRANSITION_EVENTS = {
    "publish": Event.PUBLISH,
    "correct": Event.CORRECT,
    "kill": Event.KILL,
    "delete": Event.KILL,
    "restore": Event.PUBLISH,
}

SIGNATURE_HEADER = "X-Newsroom-Signature"
USER_AGENT = "Newsroom-Webhook/1"


# Formats ---------------------------------------------------------------------


def format_choices() -> list[tuple[str, str]]:
    """The formats the API serves, for the subscriber's webhook format."""
    return [(name, str(chosen.label)) for name, chosen in FORMATS.items()]


def serialise(article: Article, format_name: str) -> tuple[bytes, str]:
    """The piece as the subscriber asked for it: (body, Content-Type), by the
    same writers the API uses."""
    return serialise_article(article, format_name or DEFAULT_FORMAT)


# Signing ---------------------------------------------------------------------


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """`sha256=` and the HMAC-SHA256 hex digest of "<timestamp>.<body>"."""
    message = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(
    secret: str,
    *,
    timestamp: str,
    body: bytes,
    header: str,
    tolerance: int = 300,
    now: float | None = None,
) -> bool:
    """A receiver's check, as README shows it: the signature matches and
    the timestamp is within `tolerance` seconds. (Refusing event ids already
    seen is the receiver's part; it needs its own storage.)"""
    try:
        sent_at = int(timestamp)
    except ValueError:
        return False
    current = timezone.now().timestamp() if now is None else now
    if abs(current - sent_at) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, sent_at, body), header)


# Events: from the workflow and the admin to the queue -----------------------


def event_id(article_pk: int, event: str, moment: datetime | None) -> uuid.UUID:
    marker = moment.isoformat() if moment else ""
    return uuid.uuid5(EVENT_NAMESPACE, f"{article_pk}:{event}:{marker}")


def enqueue_event(*, article_pk: int, event: str, moment: datetime | None) -> None:
    """Hand an event to the worker: one small task whatever the number of
    subscribers, so the editor's request does not grow with them."""
    from .tasks import fan_out

    if not _webhook_subscribers().exists():
        return  # a site without push enqueues nothing (the demo's loader)
    identifier = str(event_id(article_pk, event, moment))
    try:
        fan_out(article_pk, event, identifier)
    except Exception:
        # The queue is down (Redis unreachable): the piece is saved, so
        # answer the editor, and leave the deliveries in the database, where
        # the worker's sweep finds them once it runs again.
        logger.exception("Could not enqueue the %s push of piece %s", event, article_pk)
        create_deliveries(article_pk=article_pk, event=event, event_id=identifier)


def _moment(article: Article, action: str) -> datetime | None:
    """When the change happened, so the same change always has the same id."""
    return {
        "publish": article.published_at,
        "correct": article.revised_at,
        "kill": article.killed_at,
        "delete": article.deleted_at,
        # Out of the trash again: a new publication, after the kill it sent.
        "restore": article.updated_at,
    }[action]


def _was_out(article: Article) -> bool:
    """Subscribers had the piece: it went live once (a scheduled piece
    killed or deleted before its time was never sent)."""
    first = article.first_published_at
    return first is not None and first <= timezone.now()


def on_transition(sender, *, article: Article, action: str, **kwargs) -> None:
    """`articles.workflow.article_transitioned` (already on commit)."""
    event = TRANSITION_EVENTS.get(action)
    if event is None:
        return
    if event == Event.KILL and not _was_out(article):
        return
    if event != Event.KILL and not is_published(article):
        return  # scheduled: sent when it goes live (tasks.push_scheduled)
    enqueue_event(article_pk=article.pk, event=event, moment=_moment(article, action))


def on_article_saved(
    sender, instance: Article, created: bool = False, raw: bool = False, **kwargs
) -> None:
    """An edit of a live piece is an update for subscribers, sent on commit
    (a piece created live, by an import or the shell, is published).

    A save that is part of a workflow step (publish, correct, kill) leaves
    it to that step's own event: the step records a `Transition` in the
    same transaction, which marks the piece (see `on_transition_recorded`).
    Drafts, submitted and scheduled pieces send nothing.
    """
    if raw or not is_published(instance):
        return
    if getattr(instance, "_push_update_pending", False):
        return  # saved twice in one transaction: one update
    instance._push_update_pending = True

    def send() -> None:
        instance._push_update_pending = False
        if getattr(instance, "_push_in_workflow", False):
            return
        if created:
            enqueue_event(
                article_pk=instance.pk,
                event=Event.PUBLISH,
                moment=instance.published_at,
            )
        else:
            enqueue_event(
                article_pk=instance.pk, event=Event.UPDATE, moment=instance.updated_at
            )

    transaction.on_commit(send)


def on_transition_recorded(sender, instance: Transition, raw: bool = False, **kwargs):
    article = instance._state.fields_cache.get("article")
    if article is not None:
        article._push_in_workflow = True


def on_picture_ready(
    sender, instance: Image, update_fields=None, raw: bool = False, **kwargs
) -> None:
    """A picture's renditions are ready (images.services.make_renditions):
    the live pieces it heads went out without it (published while it was
    processing) or with its old crop, so each goes out again as an update,
    on commit."""
    if raw or update_fields is None or set(update_fields) != {"renditions_status"}:
        return
    if instance.renditions_status != RenditionStatus.READY:
        return
    image_pk, ready_at = instance.pk, timezone.now()

    def send() -> None:
        headed = Article.objects.published().filter(hero_image_id=image_pk)
        for article_pk in headed.values_list("pk", flat=True):
            enqueue_event(article_pk=article_pk, event=Event.UPDATE, moment=ready_at)

    transaction.on_commit(send)


def connect() -> None:
    from articles.workflow import article_transitioned

    article_transitioned.connect(on_transition, dispatch_uid="push_on_transition")
    post_save.connect(on_article_saved, sender=Article, dispatch_uid="push_on_save")
    post_save.connect(
        on_picture_ready, sender=Image, dispatch_uid="push_on_picture_ready"
    )
    post_save.connect(
        on_transition_recorded, sender=Transition, dispatch_uid="push_on_transition_row"
    )


# Deliveries: in the worker ---------------------------------------------------


def _webhook_subscribers() -> models.QuerySet[Subscriber]:
    return Subscriber.objects.filter(is_active=True).exclude(webhook_url="")


def create_deliveries(*, article_pk: int, event: str, event_id: str) -> list[int]:
    """One pending delivery per subscriber with a webhook; the ids of those
    not yet attempted. Running it again adds nothing (unique per event)."""
    now = timezone.now()
    subscribers = list(_webhook_subscribers().values_list("pk", flat=True))
    if not subscribers:
        return []
    give_up_at = now + timedelta(hours=settings.PUSH_RETRY_HOURS)
    Delivery.objects.bulk_create(
        [
            Delivery(
                subscriber_id=subscriber,
                article_id=article_pk,
                event=event,
                event_id=event_id,
                next_attempt_at=now,
                give_up_at=give_up_at,
            )
            for subscriber in subscribers
        ],
        ignore_conflicts=True,
    )
    return list(
        Delivery.objects.filter(
            event_id=event_id, status=Delivery.Status.PENDING, attempts=0
        ).values_list("pk", flat=True)
    )


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off: the base after the first failure, doubling each
    time, never more than PUSH_RETRY_MAX_SECONDS."""
    seconds = settings.PUSH_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.PUSH_RETRY_MAX_SECONDS))


def _claim(delivery_pk: int, now: datetime) -> bool:
    """Take a due delivery for one attempt: no other worker can take it
    until the attempt's lease ends (it is then due again, so a worker that
    died mid-attempt is replaced by the sweep)."""
    lease = timedelta(seconds=settings.PUSH_TIMEOUT_SECONDS + 30)
    return bool(
        Delivery.objects.filter(
            pk=delivery_pk,
            status=Delivery.Status.PENDING,
            next_attempt_at__lte=now,
        ).update(next_attempt_at=now + lease, attempts=models.F("attempts") + 1)
    )


# Only public addresses (a webhook URL is typed by an editor), and no
# redirects: a redirect is an answer to fix, not to follow; a POST body would
# be lost, or sent to an address nobody registered.
_opener = outbound.opener(redirects=False)


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int | None, str]:
    """POST once: (HTTP status or None, error text or ""). Raises
    `outbound.Refused` for an address the newsroom does not connect to."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _opener.open(request, timeout=settings.PUSH_TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        detail = error.read(500).decode("utf-8", "replace").strip()
        return error.code, f"HTTP {error.code} {error.reason}: {detail}".strip(": ")
    except (OSError, ValueError) as error:  # refused, timed out, bad URL, TLS
        return None, f"{type(error).__name__}: {error}"


def attempt(delivery_pk: int) -> Delivery.Status | None:
    """One attempt of a due delivery, and what is next for it: delivered,
    retried later (pending) or given up (failed). None when it was not due
    or another worker has it."""
    now = timezone.now()
    if not _claim(delivery_pk, now):
        return None
    delivery = Delivery.objects.select_related("subscriber").get(pk=delivery_pk)
    subscriber = delivery.subscriber
    article = _for_push(delivery.article_id)
    if article is None:
        status, error = None, "The piece no longer exists."
        delivery.give_up_at = now  # nothing left to send
    else:
        body, content_type = serialise(article, subscriber.webhook_format)
        timestamp = int(timezone.now().timestamp())
        headers = {
            "Content-Type": content_type,
            "User-Agent": USER_AGENT,
            "X-Newsroom-Event": delivery.event,
            "X-Newsroom-Event-Id": str(delivery.event_id),
            "X-Newsroom-Delivery": str(delivery.pk),
            "X-Newsroom-Attempt": str(delivery.attempts),
            "X-Newsroom-Timestamp": str(timestamp),
            SIGNATURE_HEADER: signature(subscriber.webhook_secret, timestamp, body),
        }
        try:
            status, error = post(subscriber.webhook_url, body, headers)
        except outbound.Refused as refused:
            # Asking again in an hour gets the same answer: failed now, and
            # the editor who fixes the address (or the administrator who
            # allows it) redelivers.
            status, error = None, str(refused)
            delivery.give_up_at = now
    finished = timezone.now()
    delivery.last_status_code = status
    if status is not None and 200 <= status < 300:
        delivery.status = Delivery.Status.DELIVERED
        delivery.delivered_at = finished
        delivery.next_attempt_at = None  # last_error stays, as history
    else:
        delivery.last_error = error or f"HTTP {status}"
        retry_at = finished + retry_delay(delivery.attempts)
        if retry_at > delivery.give_up_at:
            delivery.status = Delivery.Status.FAILED
            delivery.next_attempt_at = None
        else:
            delivery.next_attempt_at = retry_at
    delivery.save(
        update_fields=[
            "status",
            "delivered_at",
            "next_attempt_at",
            "last_error",
            "last_status_code",
            "give_up_at",
        ]
    )
    if delivery.status == Delivery.Status.PENDING:
        from .tasks import deliver

        deliver.schedule((delivery.pk,), eta=delivery.next_attempt_at)
        logger.info(
            "Webhook delivery %s to %s failed (%s); retry at %s",
            delivery.pk,
            subscriber,
            delivery.last_error,
            delivery.next_attempt_at,
        )
    return delivery.status


def _for_push(article_pk: int | None) -> Article | None:
    """The piece with everything its item shows, in any state (a kill sends
    the withdrawn item)."""
    if article_pk is None:
        return None
    from .querysets import for_ninjs

    return for_ninjs(Article.all_objects.filter(pk=article_pk)).first()


def due_deliveries(now: datetime | None = None, limit: int = 1000) -> list[int]:
    """Pending deliveries whose time has come and gone unclaimed: their
    task was lost (a queue emptied, a worker killed mid-attempt)."""
    now = now or timezone.now()
    grace = timedelta(seconds=settings.PUSH_SWEEP_GRACE_SECONDS)
    return list(
        Delivery.objects.filter(
            status=Delivery.Status.PENDING, next_attempt_at__lte=now - grace
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


def give_up_expired(now: datetime | None = None) -> int:
    """Pending deliveries past their retry period fail (the sweep's part;
    an attempt does it itself)."""
    now = now or timezone.now()
    return Delivery.objects.filter(
        status=Delivery.Status.PENDING, give_up_at__lt=now
    ).update(
        status=Delivery.Status.FAILED,
        next_attempt_at=None,
        last_error=models.functions.Concat(
            models.F("last_error"), models.Value(" (gave up: retry period over)")
        ),
    )


def redeliver(deliveries: models.QuerySet[Delivery]) -> int:
    """Send again, now, with a new retry period: failed deliveries, or
    delivered ones a subscriber lost. Same event id, so a receiver that
    already has it can tell. Enqueued on commit."""
    now = timezone.now()
    pks = list(deliveries.values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=pks).update(
        status=Delivery.Status.PENDING,
        next_attempt_at=now,
        give_up_at=now + timedelta(hours=settings.PUSH_RETRY_HOURS),
        delivered_at=None,
    )

    def enqueue() -> None:
        from .tasks import deliver

        for pk in pks:
            deliver(pk)

    transaction.on_commit(enqueue)
    return len(pks)


def went_live_by_schedule(*, since: datetime, now: datetime) -> list[Article]:
    """Pieces whose scheduled time came between `since` and `now`. Those
    published there and then by an editor had their event on commit."""
    published_now = Transition.objects.filter(
        article=models.OuterRef("pk"),
        action="publish",
        at__gte=models.OuterRef("published_at"),
    )
    return list(
        Article.objects.published(at=now)
        .filter(published_at__gt=since, published_at__lte=now)
        .exclude(models.Exists(published_now))
        .only("pk", "published_at")
    )
