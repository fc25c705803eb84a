"""What readers read: daily counts from the article page's beacon, and the
most-read list built from them.

The beacon is a separate request from the page itself, so counting keeps
working when the page is served from a cache. Nothing about the reader is
stored: only article, day and a number.
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet, Sum
from django.utils import timezone

from .models import Article, ReadCount

ROBOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|scrape|fetch|preview|monitor|curl|wget|python|"
    r"headless|lighthouse|facebookexternalhit|embedly|quora link",
    re.IGNORECASE,
)


def is_robot(user_agent: str) -> bool:
    return not user_agent or bool(ROBOT_USER_AGENT.search(user_agent))


def count_read(article_id: int) -> bool:
    """Add one read of a published article today; False if it is not public."""
    if not Article.objects.published().filter(pk=article_id).exists():
        return False
    today = timezone.localdate()
    updated = ReadCount.objects.filter(article_id=article_id, day=today).update(
        count=F("count") + 1
    )
    if not updated:
        try:
            with transaction.atomic():
                ReadCount.objects.create(article_id=article_id, day=today, count=1)
        except IntegrityError:  # another request created today's row first
            ReadCount.objects.filter(article_id=article_id, day=today).update(
                count=F("count") + 1
            )
    return True


def most_read(
    *, days: int = 1, limit: int = 10, language: str | None = None
) -> QuerySet[Article]:
    """Published articles of an edition (the current one by default) with
    the most reads over the last `days` days."""
    since = timezone.localdate() - timedelta(days=days - 1)
    return (
        Article.objects.published()
        .in_edition(language)
        .filter(read_counts__day__gte=since)
        .annotate(reads=Sum("read_counts__count"))
        .select_related("section")
        .defer("body", "search_vector")
        .order_by("-reads", "-published_at")[:limit]
    )
