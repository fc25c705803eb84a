"""Subscribers of the ninjs API, the keys they authenticate with, and the
webhook deliveries pushed to them.

A key is shown once, when it is issued; only its SHA-256 digest and a short
prefix (so staff can tell keys apart) are stored. Keys are revoked, never
deleted, so the admin keeps a record of who had access and when.

A subscriber with a webhook URL is sent every piece as it is published,
updated, corrected or killed (api/push.py); each such send is a `Delivery`,
the row the worker retries from and the admin's delivery log.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def webhook_format_choices() -> list[tuple[str, str]]:
    """The formats a webhook can carry: those the API serves (api/push.py)."""
    from .push import format_choices

    return format_choices()


def new_webhook_secret() -> str:
    return secrets.token_hex(32)


class Subscriber(models.Model):
    """A client newsroom that receives the agency's items through the API."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Contract, contact person, anything.")
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to stop every key of this subscriber at once."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    webhook_url = models.URLField(
        _("webhook URL"),
        max_length=500,
        blank=True,
        help_text=_(
            "Where every piece is sent (HTTP POST) as it is published, "
            "updated, corrected or killed. Empty: no push, API polling only."
        ),
    )
    webhook_secret = models.CharField(
        _("webhook secret"),
        max_length=64,
        default=new_webhook_secret,
        editable=False,
        help_text=_(
            "Give it to the subscriber: each push is signed with it "
            "(X-Newsroom-Signature), so they can tell it comes from us."
        ),
    )
    webhook_format = models.CharField(
        _("webhook format"),
        max_length=20,
        choices=webhook_format_choices,
        default="ninjs",
        blank=True,
        help_text=_("The format of the pieces pushed to the webhook (empty: ninjs)."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("API subscriber")
        verbose_name_plural = _("API subscribers")

    def __str__(self) -> str:
        return self.name


class ApiKey(models.Model):
    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="keys",
    )
    prefix = models.CharField(
        _("prefix"),
        max_length=16,
        db_index=True,
        editable=False,
        help_text=_("The first characters of the key, to tell keys apart."),
    )
    digest = models.CharField(
        _("SHA-256 digest"), max_length=64, unique=True, editable=False
    )
    label = models.CharField(
        _("label"),
        max_length=100,
        blank=True,
        help_text=_("Where the key is used, e.g. 'production CMS'."),
    )
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_used_at = models.DateTimeField(
        _("last used"), null=True, blank=True, editable=False
    )
    revoked_at = models.DateTimeField(
        _("revoked"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["subscriber", "-created_at", "-pk"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.prefix}…"


class Delivery(models.Model):
    """One event pushed to one subscriber's webhook: what the worker sends
    and retries, and the admin's delivery log.

    Unique per subscriber and event, so enqueuing an event twice creates
    nothing new. `next_attempt_at` is when the worker may try next (empty
    once delivered or given up); an attempt claims the row by moving it
    forward, so two workers never send the same delivery at once.
    """

    class Event(models.TextChoices):
        PUBLISH = "publish", _("published")
        UPDATE = "update", _("updated")
        CORRECT = "correct", _("corrected")
        KILL = "kill", _("killed")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("failed")

    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    event = models.CharField(_("event"), max_length=10, choices=Event.choices)
    event_id = models.UUIDField(
        _("event id"),
        help_text=_("The same for every subscriber and every attempt."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(
        _("last HTTP status"), null=True, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    give_up_at = models.DateTimeField(
        _("give up at"),
        help_text=_("Retries stop after this; a redelivery starts a new period."),
    )
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "event_id"], name="delivery_once_per_event"
            ),
        ]
        indexes = [
            # The worker's sweep: pending deliveries that are due.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="delivery_due",
            ),
            models.Index(fields=["event_id"], name="delivery_event"),
        ]

    def __str__(self) -> str:
        return f"{self.get_event_display()} → {self.subscriber_id} ({self.event_id})"
