"""What readers read: daily counts from the article page's beacon, and the
most-read list built from them.

The beacon is a separate request from the page itself, so counting keeps
working when the page is served from a cache. Nothing about the reader is
stored in the database: only article, day and a number.

Anyone can send the beacon, so `record_read` counts a read only when it
could be one reader's: requests sent by another site's page are refused
(`is_cross_site`), a client (its address, behind TRUSTED_PROXY_COUNT
proxies) counts at most once per piece per READ_PERIOD_SECONDS, and at most
READ_BUDGET pieces per period. Both limits are atomic cache operations on
short-lived keys named by a keyed hash of the address, so a flood costs
cache round trips, never a database write or query per request. Readers
sharing one address (an office, a mobile carrier's NAT) count as one: the
ranking undercounts them rather than letting one machine move it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

import caching
from articles.models import Article, ReadCount

from .rankings import add_read, rolled_rankings

ROBOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|scrape|fetch|preview|monitor|curl|wget|python|"
    r"headless|lighthouse|facebookexternalhit|embedly|quora link",
    re.IGNORECASE,
)


def is_robot(user_agent: str) -> bool:
    return not user_agent or bool(ROBOT_USER_AGENT.search(user_agent))


# One client's reads: once per piece per period, and at most READ_BUDGET
# pieces per period (a reader going through the day's news reads a few
# dozen pieces an hour at most).
READ_PERIOD_SECONDS = 3600
READ_BUDGET = 60
READ_KEY = "read:{client}:{article_id}"
BUDGET_KEY = "read-budget:{client}"


def is_cross_site(request: HttpRequest) -> bool:
    """Whether another site's page sent the beacon.

    The page sends it to its own origin, so a browser says `Sec-Fetch-Site:
    same-origin` (and, when it sends Origin, this site's origin). Anything
    else is another page making its visitors' browsers count reads for it.
    A browser that sends neither header is not refused: it cannot be told
    apart, and the per-client limits still bound it.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site != "same-origin":
        return True
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    ours = {f"{request.scheme}://{request.get_host()}", settings.SITE_URL}
    return origin.rstrip("/") not in ours


def record_read(article_id: int, *, client: str | None) -> bool:
    """Count a read of `article_id` from `client` (an address) unless that
    client already read the piece this period or has used its budget.

    True when a read was counted. Only cache operations run before the
    client is allowed a read, so a repeated or over-budget request touches
    no database. With the cache down (`add` answers False) nothing is
    counted: reads are lost for that time rather than let through unbounded.
    """
    # A keyed hash: the cache holds no reader's address, and the key cannot
    # be recomputed for an address without SECRET_KEY.
    # The salt names the module before it moved to readership/: a new one
    # would count every client again for an hour.
    who = salted_hmac("articles.reading", client or "unknown").hexdigest()[:20]
    first_read = cache.add(
        READ_KEY.format(client=who, article_id=article_id), 1, READ_PERIOD_SECONDS
    )
    if not first_read:
        return False
    budget_key = BUDGET_KEY.format(client=who)
    cache.add(budget_key, 0, READ_PERIOD_SECONDS)
    try:
        used = cache.incr(budget_key)
    except ValueError:  # expired between add and incr: a new period
        cache.add(budget_key, 1, READ_PERIOD_SECONDS)
        used = 1
    if used > READ_BUDGET:
        return False
    return count_read(article_id)


def count_read(article_id: int) -> bool:
    """Add one read of a published article today; False if it is not public."""
    language = (
        Article.objects.published()
        .filter(pk=article_id)
        .values_list("language", flat=True)
        .first()
    )
    if language is None:
        return False
    today = timezone.localdate()
    updated = ReadCount.objects.filter(article_id=article_id, day=today).update(
        count=F("count") + 1
    )
    if not updated:
        try:
            with transaction.atomic():
                ReadCount.objects.create(
                    article_id=article_id, day=today, count=1, language=language
                )
        except IntegrityError:  # another request created today's row first
            ReadCount.objects.filter(article_id=article_id, day=today).update(
                count=F("count") + 1
            )
    transaction.on_commit(lambda: add_read(article_id, language, today))
    return True


# How long a ranking of reads is reused: the most-read list's order may lag
# the reads by this long, which pieces it may show never does.
MOST_READ_SECONDS = 300
# Pieces ranked per place shown, so that pieces killed since the ranking
# was made leave enough to fill the list.
RANKED_PER_PLACE = 3
RANKING_KEY = "most-read:{language}:{since}:{places}"


def most_read(
    *, days: int = 1, limit: int = 10, language: str | None = None
) -> list[Article]:
    """Published articles of an edition (the current one by default) with
    the most reads over the last `days` days, most read first."""
    return most_read_by_window([days], limit=limit, language=language)[days]


def most_read_by_window(
    windows: Sequence[int], *, limit: int = 10, language: str | None = None
) -> dict[int, list[Article]]:
    """`most_read` for several windows (in days) at once: the pieces of all
    of them are fetched in one query.

    With Redis the rankings (article ids) are ranges of sorted sets kept
    current as reads arrive (readership/rankings.py). Otherwise they are
    summed from the daily counts, and with `FRAGMENT_CACHE` kept for
    MOST_READ_SECONDS. What may be shown is decided on every call by
    `published()`: a killed piece leaves the lists at once, and an
    embargoed one cannot enter them early.
    """
    from editions import current

    language = language or current()
    today = timezone.localdate()
    since = {days: today - timedelta(days=days - 1) for days in windows}
    places = limit * RANKED_PER_PLACE

    def rank() -> dict[int, list[int]]:
        # Reads are ranked before visibility is applied, so the ranking
        # holds no decision that time or an editor could change.
        return {days: ranking(language, since[days], places) for days in windows}

    ranked_at = timezone.now()
    rankings = rolled_rankings(language, windows, places, today) or caching.cached(
        RANKING_KEY.format(
            language=language,
            since=",".join(since[days].isoformat() for days in windows),
            places=places,
        ),
        rank,
        until=lambda _rankings: ranked_at + timedelta(seconds=MOST_READ_SECONDS),
    )
    every_ranked = {pk for ranked in rankings.values() for pk in ranked}
    visible = (
        Article.objects.published()
        .in_edition(language)
        .filter(pk__in=every_ranked)
        .for_headlines()
        .in_bulk()
    )
    lists = {}
    for days, ranked in rankings.items():
        articles = [visible[pk] for pk in ranked if pk in visible]
        if len(articles) < limit and len(ranked) == places:
            # More of the ranking has been hidden since it was made than it
            # had spare places: rank the visible pieces alone.
            articles = _most_read_now(language, since[days], limit)
        lists[days] = articles[:limit]
    return lists


def ranking(language: str, since: date, places: int) -> list[int]:
    """The `places` most read pieces of an edition since `since` (ids, most
    read first; ties: the newer piece first), whatever their visibility.

    One range of the (language, day, count) index, summed per piece, and
    never a join: at a million articles a week takes 9 ms, against 51 ms
    when ties were broken by the articles' publish times (bench data of
    2026-12-07). Ranking from each day's leaders with a bound proving the
    list was tried and dropped: on a week whose reads fall off day by day
    the bound rarely holds, and it cost 200 ms.
    """
    return list(
        ReadCount.objects.filter(language=language, day__gte=since)
        .values("article_id")
        .annotate(total=Sum("count"))
        .order_by("-total", "-article_id")
        .values_list("article_id", flat=True)[:places]
    )


def _most_read_now(language: str, since: date, limit: int) -> list[Article]:
    """The ranking of visible pieces, read in one query."""
    return list(
        Article.objects.published()
        .in_edition(language)
        .for_headlines()
        .filter(read_counts__day__gte=since)
        .annotate(reads=Sum("read_counts__count"))
        .order_by("-reads", "-published_at", "-pk")[:limit]
    )
