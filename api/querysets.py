"""What subscribers may receive, as one rule composed from the site's own.

Subscribers get everything readers see (`Article.objects.published_q()`)
plus the pieces killed or moved to the trash after they went live: a
subscriber may already have printed those, so the API keeps answering for
them, as canceled, until they are withdrawn everywhere. A piece killed or
deleted while still scheduled never reached anyone and stays invisible.
"""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.db.models.lookups import Range
from django.utils import timezone

from articles.models import Article, Byline, Correction
from articles.querysets import last_change


def withdrawn_q(at: datetime | None = None) -> models.Q:
    """Pieces killed, or deleted, after they went live."""
    at = at or timezone.now()
    killed = models.Q(status=Article.Status.KILLED, published_at__lte=at) & (
        models.Q(killed_at__isnull=True)
        | models.Q(published_at__lte=models.F("killed_at"))
    )
    deleted = models.Q(
        status=Article.Status.PUBLISHED,
        deleted_at__isnull=False,
        published_at__lte=models.F("deleted_at"),
    )
    return killed | deleted


def syndicated_q(at: datetime | None = None) -> models.Q:
    """The whole rule as a `Q`: live pieces and withdrawn ones.

    Every branch implies a publish time in the past; said once outside the
    OR, it becomes the index condition of the newest-first walk, which then
    starts at now instead of wading through drafts (no publish time) and
    scheduled pieces.
    """
    at = at or timezone.now()
    return models.Q(published_at__lte=at) & (
        Article.objects.published_q(at) | withdrawn_q(at)
    )


def syndicated(at: datetime | None = None) -> models.QuerySet[Article]:
    # From every row, the trash included: see withdrawn_q.
    return Article.all_objects.filter(syndicated_q(at))


def changed_since_q(since: datetime, at: datetime | None = None) -> models.Q:
    """Pieces with a version newer than `since`: a range of the
    `last_change()` index, so a poll reads what changed, not the archive.

    Nothing a subscriber may receive at `at` changed after `at`; the upper
    bound keeps scheduled pieces, whose last change is their release still
    to come, out of the range.
    """
    at = at or timezone.now()
    return models.Q(Range(last_change(), (since, at)))


def for_ninjs(queryset: models.QuerySet[Article]) -> models.QuerySet[Article]:
    """Everything a ninjs item shows, in a constant number of queries."""
    return (
        queryset.select_related("section", "hero_image")
        .defer("search_vector")
        .annotate(
            # A translation links to its original only if subscribers can
            # fetch that too.
            original_syndicated=models.Exists(
                syndicated().filter(pk=models.OuterRef("translation_of"))
            )
        )
        .prefetch_related(
            models.Prefetch(
                "bylines",
                queryset=Byline.objects.public()
                .select_related("author")
                .order_by("position", "pk"),
            ),
            "tags",
            "hero_image__renditions",
            models.Prefetch(
                "corrections",
                queryset=Correction.objects.order_by("created_at", "pk"),
            ),
        )
        .order_by("-published_at", "-pk")
    )
