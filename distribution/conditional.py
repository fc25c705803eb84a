"""Last-Modified and ETag for pages and feeds built from published articles.

A list changes when any article in its scope is saved (edited, published,
killed: each bumps `updated_at`) or when a scheduled piece's publish time
passes, so both go into the answer; one aggregate query computes it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.views.decorators.http import condition

from articles.models import Article
from common.db import first_datetimes


def last_change(scope: QuerySet[Article]) -> datetime | None:
    """The newest save or go-live in `scope`: two index-backed ORDER BY ...
    LIMIT 1 subqueries in one query (an aggregate with FILTER would read
    every row of the scope)."""
    now = timezone.now()
    saved = scope.order_by("-updated_at").values("updated_at")[:1]
    went_live = (
        scope.filter(Article.objects.published_q(at=now))
        .order_by("-published_at")
        .values("published_at")[:1]
    )
    times = first_datetimes([saved, went_live], using=scope.db)
    return max(times) if times else None


def conditional(scope_for: Callable[..., QuerySet[Article]]):
    """Decorate a view so it answers 304 when nothing in its scope changed.

    `scope_for(request, **kwargs)` returns the articles the response shows.
    """

    def last_modified(request: HttpRequest, *args, **kwargs) -> datetime | None:
        return last_change(scope_for(request, *args, **kwargs))

    def etag(request: HttpRequest, *args, **kwargs) -> str | None:
        changed = last_modified(request, *args, **kwargs)
        if changed is None:
            return None
        key = f"{request.get_full_path()}|{changed.isoformat()}"
        return hashlib.sha256(key.encode()).hexdigest()[:32]

    return condition(etag_func=etag, last_modified_func=last_modified)
