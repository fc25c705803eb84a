"""Requests per minute per API key, counted in the Django cache.

A fixed window: one counter per key and calendar minute, created with
`cache.add` and raised with `cache.incr`. Both are atomic on Redis and
guarded by a lock in local memory, so concurrent workers never lose a count.
A client can get up to twice the limit across a minute boundary; that is
the usual price of a window costing one cache round trip.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 60
DEFAULT_LIMIT = 120


@dataclass(frozen=True)
class Usage:
    limit: int
    remaining: int
    reset: int  # seconds until the window ends

    @property
    def exceeded(self) -> bool:
        return self.remaining < 0


def limit() -> int:
    """Requests a key may make per minute; 0 or less turns the limit off."""
    return int(getattr(settings, "API_RATE_LIMIT", DEFAULT_LIMIT))


def hit(key_id: int) -> Usage | None:
    """Count one request by `key_id`; None when no limit is configured."""
    allowed = limit()
    if allowed <= 0:
        return None
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    cache_key = f"api:ratelimit:{key_id}:{window}"
    # The counter outlives its window a little so a late incr never
    # recreates it; the window number in the name keeps windows apart.
    cache.add(cache_key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # Evicted between add and incr (a full cache): start over.
        cache.add(cache_key, 1, timeout=WINDOW_SECONDS * 2)
        count = 1
    reset = max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))
    return Usage(limit=allowed, remaining=allowed - count, reset=reset)
