"""Most-read rankings kept current as reads arrive, in Redis sorted sets.

Summing a week of daily counts (`ReadCount`) for every home page costs tens
of milliseconds at agency scale. With Redis as the cache, each edition has
two sorted sets per day, today's reads and the reads of the week ending
today, and every counted read adds one to both (`add_read`), so a ranking is
a range of a sorted set (`rolled_rankings`), whatever the traffic.

The database stays the record. The worker builds each edition's sets from
it every REFRESH_MINUTES (`refresh`, readership/tasks.py), which bounds any
drift: reads counted while the sets were being rebuilt, a piece moved to
another edition (its counts move with it in the database), sets evicted or
lost with Redis. A reader's request builds them only when they are missing
(the day's first ranking before the worker's next run: the next day's sets
are new keys, so nothing has to roll the window at midnight) or when the
worker has not refreshed them for REBUILD_SECONDS, so rankings stay right
with the worker stopped. Reads are added only while the day's sets are
marked built, so a read never lands in a half-built set.

Without Redis (the demo's local-memory cache) `rolled_rankings` answers
None and readership.reading sums the database.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Q, Sum

from articles.models import ReadCount
from caching.backends import UNAVAILABLE

logger = logging.getLogger(__name__)

# The windows kept as sorted sets: today, and the week ending today.
ROLLED_WINDOWS = (1, 7)
# The worker's rebuild, and how long a built set is trusted without one:
# long enough that a worker keeping to time is never overtaken by a reader.
REFRESH_MINUTES = 15
REBUILD_SECONDS = 3600
# A day's sets outlive the day by a margin, so that a request still
# finishing at midnight finds them.
SET_SECONDS = 2 * 24 * 3600
LOCK_SECONDS = 30
# Ids are zero-padded so that Redis's order among equal scores (by member,
# descending) is the newer piece first, as the database's ranking orders.
ID_WIDTH = 12
# Every built set holds this member, so a set that exists is a set that was
# built (Redis drops empty sets, and an evicted set must not read as "no
# reads"). Its score is below any count; it is never returned as a piece.
SENTINEL = "0" * ID_WIDTH

# Adds one read to an edition's sets of the day if they are built.
# KEYS: built marker, day set, week set. ARGV: member.
RECORD_SCRIPT = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('ZINCRBY', KEYS[2], 1, ARGV[1])
  redis.call('ZINCRBY', KEYS[3], 1, ARGV[1])
  return 1
end
return 0
"""

# The top ARGV[1] members of the day and week sets, or nothing when the
# day's sets are not (all) there. KEYS: built marker, day set, week set.
TOP_SCRIPT = """
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 0
   or redis.call('EXISTS', KEYS[3]) == 0 then
  return false
end
local last = tonumber(ARGV[1]) - 1
return {redis.call('ZREVRANGE', KEYS[2], 0, last),
        redis.call('ZREVRANGE', KEYS[3], 0, last)}
"""


def _keys(language: str, today: date) -> tuple[str, str, str, str]:
    base = cache.make_key(f"most-read:{language}:{today.toordinal()}")
    return f"{base}:built", f"{base}:day", f"{base}:week", f"{base}:lock"


def _member(article_id: int) -> str:
    return str(article_id).zfill(ID_WIDTH)


def _redis():
    """The Redis client of the cache, or None (no Redis, or it is down)."""
    client = getattr(cache, "redis_client", None)
    return client() if client is not None else None


def add_read(article_id: int, language: str, today: date) -> None:
    """Count one read of `article_id` in its edition's sets of `today`."""
    client = _redis()
    if client is None:
        return
    built, day, week, _lock = _keys(language, today)
    try:
        client.eval(RECORD_SCRIPT, 3, built, day, week, _member(article_id))
    except UNAVAILABLE as error:
        cache.back_off(error)


def rolled_rankings(
    language: str, windows: Sequence[int], places: int, today: date
) -> dict[int, list[int]] | None:
    """The `places` most read piece ids per window (1 or 7 days ending
    `today`), most read first, from the sorted sets; None when they cannot
    answer (no Redis, another window, the sets being built elsewhere)."""
    if not set(windows) <= set(ROLLED_WINDOWS):
        return None
    client = _redis()
    if client is None:
        return None
    built, day, week, _lock = _keys(language, today)
    try:
        top = client.eval(TOP_SCRIPT, 3, built, day, week, places + 1)
        if top is None:
            if not _build_once(client, language, today):
                return None
            top = client.eval(TOP_SCRIPT, 3, built, day, week, places + 1)
            if top is None:
                return None
    except UNAVAILABLE as error:
        cache.back_off(error)
        return None
    by_window = dict(zip(ROLLED_WINDOWS, top, strict=True))
    return {
        days: [int(m) for m in by_window[days] if m != SENTINEL.encode()][:places]
        for days in windows
    }


def refresh(language: str, today: date) -> bool:
    """Build the edition's sets of `today` again from the database; False
    when there is no Redis or another process is building them."""
    client = _redis()
    if client is None:
        return False
    try:
        return _build_once(client, language, today)
    except UNAVAILABLE as error:
        cache.back_off(error)
        return False


def _build_once(client, language: str, today: date) -> bool:
    """Build the sets unless another process holds the day's lock."""
    lock = _keys(language, today)[3]
    if not client.set(lock, 1, nx=True, ex=LOCK_SECONDS):
        return False
    try:
        _build(client, language, today)
    finally:
        client.delete(lock)
    return True


def _build(client, language: str, today: date) -> None:
    """Fill the edition's sets of `today` from the database, in one step."""
    since = today - timedelta(days=max(ROLLED_WINDOWS) - 1)
    totals = (
        ReadCount.objects.filter(language=language, day__gte=since, day__lte=today)
        .values("article_id")
        .annotate(week=Sum("count"), today=Sum("count", filter=Q(day=today)))
        .values_list("article_id", "week", "today")
    )
    week_scores = {SENTINEL: -1}
    day_scores = {SENTINEL: -1}
    for article_id, week_total, today_total in totals:
        week_scores[_member(article_id)] = week_total
        if today_total:
            day_scores[_member(article_id)] = today_total
    built, day, week, _lock = _keys(language, today)
    pipe = client.pipeline(transaction=True)
    pipe.delete(day, week)
    pipe.zadd(day, day_scores)
    pipe.zadd(week, week_scores)
    pipe.expire(day, SET_SECONDS)
    pipe.expire(week, SET_SECONDS)
    pipe.set(built, 1, ex=REBUILD_SECONDS)
    pipe.execute()
    logger.info(
        "Most-read sets of %s for %s built: %d pieces this week",
        language,
        today,
        len(week_scores) - 1,
    )
