from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils import timezone


class ArticleQuerySet(models.QuerySet):
    """Visibility lives here and only here: every reader surface starts from
    `published()`."""

    def published_q(self, at: datetime | None = None) -> models.Q:
        """The rule as a `Q`: published state, publish time not in the future.

        Killed pieces have their own state, so they never match.
        """
        at = at or timezone.now()
        return models.Q(status="published", published_at__lte=at)

    def published(self, at: datetime | None = None) -> ArticleQuerySet:
        return self.filter(self.published_q(at))

    def scheduled(self, at: datetime | None = None) -> ArticleQuerySet:
        """Approved pieces waiting for their publish time (embargoed)."""
        at = at or timezone.now()
        return self.filter(status="published", published_at__gt=at)

    def for_listing(self) -> ArticleQuerySet:
        """What a headline list shows, in a constant number of queries."""
        return (
            self.select_related("section", "hero_image")
            .prefetch_related("hero_image__renditions")
            .defer("body")
            .order_by("-published_at", "-pk")
        )

    def for_detail(self) -> ArticleQuerySet:
        return self.select_related("section", "hero_image").prefetch_related(
            "hero_image__renditions",
            "bylines__author__photo__renditions",
            "bylines__author__expertise_lines",
            "tags",
            "corrections",
        )
