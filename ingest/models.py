"""Wires in: the sources the newsroom takes copy from, and what they sent.

A `Source` is polled by the worker (`ingest.tasks`); each story it sends is
one `IncomingItem`, kept by the source's own id (guid/uri) so a new version
updates the row in place and the version it replaced goes to
`IncomingVersion`. Items from different sources that tell the same story
share a `DuplicateGroup` (`ingest.duplicates`). A draft made from an item is
remembered in `ItemUse`, which is what raises the desk's alert when the
source later corrects or kills the item.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import editions


class Source(models.Model):
    class Kind(models.TextChoices):
        RSS = "rss", _("RSS or Atom feed")
        NINJS = "ninjs", _("ninjs API (another agency)")
        NEWSML = "newsml", _("NewsML-G2 feed over HTTP")
        FOLDER = "folder", _("Drop folder (NewsML-G2 or ninjs files)")

    class State(models.TextChoices):
        OK = "ok", _("OK")
        FAILING = "failing", _("Failing")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    url = models.URLField(
        _("address"),
        max_length=1000,
        blank=True,
        help_text=_("The feed or API address (http or https)."),
    )
    api_key = models.CharField(
        _("API key"),
        max_length=500,
        blank=True,
        help_text=_("Sent as 'Authorization: Bearer <key>' to a ninjs API."),
    )
    folder = models.CharField(
        _("drop folder"),
        max_length=500,
        blank=True,
        help_text=_(
            "For a drop folder: a directory under the server's ingest folder. "
            "Read files move to 'done/', unreadable ones to 'failed/'."
        ),
    )
    language = models.CharField(
        _("edition"),
        max_length=8,
        choices=editions.choices,
        default=editions.default,
        help_text=_("The edition its copy is for: drafts made from it start here."),
    )
    section = models.ForeignKey(
        "articles.Section",
        verbose_name=_("default section"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    poll_interval = models.PositiveIntegerField(_("poll every (seconds)"), default=300)
    enabled = models.BooleanField(_("enabled"), default=True)

    # Kept by the worker, read-only in the admin.
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=State.choices,
        default=State.OK,
        editable=False,
    )
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    last_error_at = models.DateTimeField(
        _("last error at"), null=True, blank=True, editable=False
    )
    last_success_at = models.DateTimeField(
        _("last success at"), null=True, blank=True, editable=False
    )
    failures = models.PositiveIntegerField(
        _("failures in a row"), default=0, editable=False
    )
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    next_poll_at = models.DateTimeField(
        _("next poll"), default=timezone.now, editable=False
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        indexes = [
            models.Index(
                fields=["next_poll_at"],
                condition=models.Q(enabled=True),
                name="ingest_source_due",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def backoff(self, failures: int) -> timedelta:
        """The wait after `failures` failures in a row: the interval doubled
        per failure, at most six hours, so a dead source is not hammered and
        a recovered one is picked up again the same day."""
        return timedelta(
            seconds=min(self.poll_interval * 2 ** max(failures, 0), 6 * 3600)
        )

    def is_due(self, at: datetime | None = None) -> bool:
        return self.enabled and self.next_poll_at <= (at or timezone.now())


class DuplicateGroup(models.Model):
    """Items from different sources found to tell the same story."""

    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("duplicate group")
        verbose_name_plural = _("duplicate groups")

    def __str__(self) -> str:
        return f"#{self.pk}"


class IncomingItem(models.Model):
    class Status(models.TextChoices):
        USABLE = "usable", _("Usable")
        CORRECTED = "corrected", _("Corrected")
        KILLED = "killed", _("Killed")

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="items"
    )
    guid = models.CharField(_("source's id"), max_length=500)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Versions received from the source.")
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    sent_at = models.DateTimeField(
        _("source's time"),
        null=True,
        blank=True,
        help_text=_("When the source says it created this version."),
    )
    urgency = models.PositiveSmallIntegerField(_("urgency"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=20, blank=True)
    headline = models.CharField(_("headline"), max_length=500)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("body"), blank=True)
    dateline = models.CharField(_("dateline"), max_length=200, blank=True)
    byline = models.CharField(_("byline"), max_length=300, blank=True)
    link = models.URLField(_("original"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.USABLE
    )
    # What the last version said, hashed: a re-poll that brings the same
    # text makes no new version.
    content_hash = models.CharField(max_length=64, editable=False)
    # The headline reduced for comparison (ingest.duplicates.normalise).
    match_key = models.CharField(max_length=500, blank=True, editable=False)
    group = models.ForeignKey(
        DuplicateGroup,
        verbose_name=_("duplicates"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("incoming item")
        verbose_name_plural = _("incoming")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "guid"], name="ingest_one_item_per_source_guid"
            )
        ]
        indexes = [
            models.Index(fields=["-updated_at", "-id"], name="ingest_item_queue"),
            models.Index(fields=["received_at"], name="ingest_item_received"),
        ]
        permissions = [
            ("use_incomingitem", _("Can make drafts from incoming items")),
        ]

    def __str__(self) -> str:
        return self.headline


class IncomingVersion(models.Model):
    """An earlier version of an item, as it was before the source replaced it."""

    item = models.ForeignKey(
        IncomingItem, on_delete=models.CASCADE, related_name="versions"
    )
    version = models.PositiveIntegerField(_("version"))
    received_at = models.DateTimeField(_("received"))
    sent_at = models.DateTimeField(_("source's time"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=IncomingItem.Status.choices
    )
    urgency = models.PositiveSmallIntegerField(_("urgency"), null=True, blank=True)
    headline = models.CharField(_("headline"), max_length=500)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("body"), blank=True)
    dateline = models.CharField(_("dateline"), max_length=200, blank=True)

    class Meta:
        ordering = ["item", "-version"]
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "version"], name="ingest_one_row_per_item_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.version}"


class ItemUse(models.Model):
    """A draft made from an incoming item, and whether the desk has seen
    what the source did to the item since."""

    item = models.ForeignKey(
        IncomingItem, on_delete=models.CASCADE, related_name="uses"
    )
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="wire_uses"
    )
    item_version = models.PositiveIntegerField(
        _("item version used"),
        help_text=_("The version of the item the draft was made from."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The editor decided about the source's change up to this item version.
    acknowledged_version = models.PositiveIntegerField(default=0)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("draft from a wire")
        verbose_name_plural = _("drafts from wires")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "article"], name="ingest_one_use_per_article"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_id} → {self.article_id}"
