"""Full-page cache for anonymous readers that never shows a stale page.

Entries carry the global *content version* they were rendered under. Every
change readers could see (an article saved, published, killed or corrected;
the ticker, curated lists, follow-us links, sections, authors, tags or
pictures) replaces the version, on the spot and again on commit, so the next
request misses and renders afresh: nothing waits for a timeout.

What readers see also changes with the clock alone: a scheduled piece goes
live, a ticker or curated item starts or ends. Each entry therefore records
the next such moment and is served only before it; its timeout is capped at
it too. That moment is computed once per content version (one query) and
again whenever it has passed.

Only anonymous GET/HEAD requests without a session or message cookie, and
responses that set no cookie and are not `private`/`no-store`/`no-cache`,
are cached. The admin, previews, the subscriber API and the read beacon are
never cached. Pages get an `ETag` and `Last-Modified` (304 on a match),
`Cache-Control: public, max-age=...` for a CDN (short, and capped by the next
change) and a `Surrogate-Key` naming what they show, for purging.
"""

from __future__ import annotations

import functools
import hashlib
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from newsroom.db import first_datetimes

VERSION_KEY = "pagecache:version"
# The next scheduled change and the first request since the last change,
# each stored with the content version it belongs to, under fixed keys, so
# that a request reads them with the version in one round trip.
NEXT_CHANGE_KEY = "pagecache:next"
SINCE_KEY = "pagecache:since"
PAGE_KEY = "pagecache:page:{digest}"
# Stands for "no change scheduled" in the cache, where None means "missing".
NOTHING_SCHEDULED = "none"
CACHED_STATUSES = {200, 301, 404, 410}
NOT_SHARED = ("private", "no-store", "no-cache")
# A response that differs by these request headers cannot be stored under
# its URL alone: "/" redirects by Accept-Language, a page that read the
# session varies on Cookie.
UNCACHED_VARY = ("accept-language", "cookie", "*")


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def is_enabled() -> bool:
    return bool(getattr(settings, "PAGE_CACHE", False))


# Content version ------------------------------------------------------------


def current_version(key: str = VERSION_KEY) -> str:
    """The token under `key` (the content version by default); other
    versioned caches (articles/story.py) keep their own tokens alike."""
    cache = _cache()
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key)
    return version


def _replace_version(key: str = VERSION_KEY) -> None:
    # A fresh random token rather than incr(): if the key is evicted, a
    # counter restarting at 1 could meet entries stored under an old 1.
    _cache().set(key, uuid.uuid4().hex, None)


def replace_version(key: str = VERSION_KEY) -> None:
    """Replace the token under `key` now and again when the transaction
    commits. The second replacement drops entries rendered by concurrent
    requests between the first one and the commit, which still saw the old
    rows."""
    _replace_version(key)
    transaction.on_commit(lambda: _replace_version(key))


def bump(**kwargs) -> None:
    """Invalidate every cached page now and again when the transaction commits.

    A signal receiver: extra signal arguments are ignored.
    """
    replace_version()


# Tokens of other versioned caches (articles/story.py's furniture version)
# that pages read: fetched in the same round trip as the content version.
_STATE_TOKENS: set[str] = set()


def read_with_state(key: str) -> None:
    """Have every request read the token under `key` with its content
    version (see `token`)."""
    _STATE_TOKENS.add(key)


@dataclass
class RequestState:
    version: str
    until: datetime | None  # the next scheduled change
    since: tuple | None  # SINCE_KEY's stored (version, until, moment)
    tokens: dict[str, str]


def read_state(request: HttpRequest | None, now: datetime) -> RequestState:
    """What this request's page is keyed and dated by: the content version,
    the next scheduled change, the Last-Modified moment and the tokens of
    `read_with_state`, in one cache round trip; kept on the request (the
    middleware, the story, the cards and every cached fragment need them)
    and read again only once the scheduled change has come."""
    state = getattr(request, "_content_state", None)
    if state is not None and (state.until is None or now < state.until):
        return state
    tokens = sorted(_STATE_TOKENS)
    found = _cache().get_many([VERSION_KEY, NEXT_CHANGE_KEY, SINCE_KEY, *tokens])
    version = found.get(VERSION_KEY) or current_version()
    state = RequestState(
        version=version,
        until=next_change(version, now, stored=found.get(NEXT_CHANGE_KEY)),
        since=found.get(SINCE_KEY),
        tokens={key: found.get(key) or current_version(key) for key in tokens},
    )
    if request is not None:
        request._content_state = state
    return state


def token(request: HttpRequest | None, key: str) -> str:
    """The token under `key` as this request read it (`read_with_state`)."""
    if request is None:
        return current_version(key)
    state = read_state(request, timezone.now())
    if key not in state.tokens:
        state.tokens[key] = current_version(key)
    return state.tokens[key]


def content_since(request: HttpRequest, now: datetime) -> datetime:
    """Since when the site has shown what it shows now: the first request
    under this content version and this stretch between scheduled changes.

    The Last-Modified of pages rendered without the page cache (a stored
    page has its own time). Never earlier than the change that made the
    content: a new version or a passed scheduled moment starts anew.
    Kept as long as a cached page would be, so what no version tracks
    (most read) dates itself no worse than a cached page does.
    """
    state = read_state(request, now)
    stretch = (
        state.version,
        state.until.isoformat() if state.until else NOTHING_SCHEDULED,
    )
    if state.since is not None and tuple(state.since[:2]) == stretch:
        return state.since[2]
    # A concurrent first request may store its own, later, moment: later is
    # safe (a 200 where a 304 would do), earlier never happens.
    state.since = (*stretch, now)
    _cache().set(SINCE_KEY, state.since, getattr(settings, "PAGE_CACHE_SECONDS", 300))
    return now


# The next moment the clock alone changes what readers see -------------------


def compute_next_change(now: datetime) -> datetime | None:
    """The earliest scheduled publish time, ticker or curated-item start or
    end after `now`; None when nothing is scheduled.

    One query of five `ORDER BY ... LIMIT 1` subqueries, each served by an
    index ((state, publish time); the ticker window), so a request that
    misses pays one cheap query once per content version.
    """
    from articles.models import Article
    from headlines.models import CuratedItem, TickerItem

    firsts = [Article.objects.scheduled(at=now).order_by("published_at")]
    for model in (TickerItem, CuratedItem):
        for field in ("starts_at", "ends_at"):
            firsts.append(model.objects.filter(**{f"{field}__gt": now}).order_by(field))
    fields = ["published_at", "starts_at", "ends_at", "starts_at", "ends_at"]
    upcoming = first_datetimes(
        [
            queryset.values(field)[:1]
            for queryset, field in zip(firsts, fields, strict=True)
        ]
    )
    return min(upcoming) if upcoming else None


_UNREAD = object()


def next_change(
    version: str, now: datetime, *, stored: object = _UNREAD
) -> datetime | None:
    """`compute_next_change`, remembered for this content version.

    A change of data replaces the version; the passing of time is caught by
    recomputing once the remembered moment is reached. `stored` is
    NEXT_CHANGE_KEY's value when the caller has read it already.
    """
    cache = _cache()
    if stored is _UNREAD:
        stored = cache.get(NEXT_CHANGE_KEY)
    if stored is not None and stored[0] == version:
        moment = stored[1]
        if moment == NOTHING_SCHEDULED:
            return None
        if moment > now:
            return moment
    upcoming = compute_next_change(now)
    cache.set(
        NEXT_CHANGE_KEY,
        (version, upcoming or NOTHING_SCHEDULED),
        getattr(settings, "PAGE_CACHE_SECONDS", 300),
    )
    return upcoming


# What may be cached ---------------------------------------------------------


@functools.cache
def _excluded_prefixes() -> tuple[str, ...]:
    # Read on every request, computed once: forgotten when a setting changes
    # (tests), see _forget_settings below.
    prefixes = [
        "/" + settings.ADMIN_URL,
        "/preview/",
        "/api/",
        "/beacon/",
        "/healthz",
        settings.MEDIA_URL,
        "/" + settings.STATIC_URL.lstrip("/"),
    ]
    prefixes += getattr(settings, "PAGE_CACHE_EXCLUDE", [])
    return tuple(p if p.startswith("/") else "/" + p for p in prefixes)


def request_is_cacheable(request: HttpRequest) -> bool:
    """An anonymous reader's GET of a public page."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        # Staff (or anyone who logged in): never served or stored.
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not request.path.startswith(_excluded_prefixes())


def response_is_cacheable(response: HttpResponseBase) -> bool:
    if response.status_code not in CACHED_STATUSES or response.streaming:
        return False
    if response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in NOT_SHARED):
        return False
    vary = {h.strip().lower() for h in response.get("Vary", "").split(",")}
    return not vary.intersection(UNCACHED_VARY)


def page_key(request: HttpRequest) -> str:
    # The URL names the edition (/ru/...); what differs by the browser's
    # language is never stored (UNCACHED_VARY).
    url = f"{request.get_host()}{request.get_full_path()}"
    return PAGE_KEY.format(digest=hashlib.sha256(url.encode()).hexdigest()[:32])


# Headers --------------------------------------------------------------------


def surrogate_keys(response: HttpResponseBase) -> list[str]:
    """Purge keys for a CDN: the page kind, its article, section, tag, author."""
    keys = ["pages"]
    context = getattr(response, "context_data", None) or {}
    article = context.get("article")
    if article is not None and getattr(article, "pk", None):
        keys.append(f"article-{article.pk}")
        if getattr(article, "section_id", None):
            keys.append(f"section-{article.section_id}")
    for name in ("section", "tag", "author"):
        obj = context.get(name)
        if obj is not None and getattr(obj, "pk", None):
            keys.append(f"{name}-{obj.pk}")
    return keys


def shared_max_age(now: datetime, until: datetime | None) -> int:
    max_age = getattr(settings, "PAGE_CACHE_MAX_AGE", 60)
    if until is not None:
        max_age = min(max_age, max(0, math.floor((until - now).total_seconds())))
    return max_age


def add_public_headers(
    response: HttpResponseBase, *, now: datetime, until: datetime | None
) -> None:
    if response.has_header("Cache-Control"):
        return
    patch_cache_control(response, public=True, max_age=shared_max_age(now, until))


# The cache entry ------------------------------------------------------------


@dataclass
class Entry:
    content: bytes
    status: int
    headers: list[tuple[str, str]]
    valid_until: datetime | None
    stored_at: datetime
    version: str

    def is_fresh(self, version: str, now: datetime) -> bool:
        return self.version == version and (
            self.valid_until is None or now < self.valid_until
        )

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        return response


def _store(
    key: str,
    response: HttpResponse,
    *,
    version: str,
    now: datetime,
    until: datetime | None,
) -> None:
    timeout = getattr(settings, "PAGE_CACHE_SECONDS", 300)
    if until is not None:
        timeout = min(timeout, math.ceil((until - now).total_seconds()))
    if timeout <= 0:
        return
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in ("set-cookie", "age")
    ]
    entry = Entry(response.content, response.status_code, headers, until, now, version)
    _cache().set(key, entry, timeout)


def lookup(
    request: HttpRequest, key: str, now: datetime
) -> tuple[str, HttpResponseBase | None]:
    """The content version, and the cached response for `key` if fresh.

    One round trip: the version and the page, stored with the version it
    was rendered under; an entry of an older version is a miss.
    """
    found = _cache().get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY) or current_version()
    entry: Entry | None = found.get(key)
    if entry is None or not entry.is_fresh(version, now):
        return version, None
    response = entry.response()
    response["Age"] = str(max(0, int((now - entry.stored_at).total_seconds())))
    # Recompute max-age so a CDN never keeps it past the next change.
    max_age = shared_max_age(now, entry.valid_until)
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["X-Page-Cache"] = "hit"
    return version, conditional_response(request, response)


def conditional_response(
    request: HttpRequest, response: HttpResponse
) -> HttpResponseBase:
    """A 304 when the request's validators match the page, else the page."""
    if response.status_code != 200 or not (
        "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META
    ):
        return response
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=_parse_date(response.get("Last-Modified")),
        response=response,
    )


class PageCacheMiddleware:
    """Serve and store anonymous pages; see the module docstring.

    Sits just inside SecurityMiddleware (HTTPS redirects, security headers)
    and WhiteNoise, before the session, locale and CSP middleware, so a hit
    costs one cache round trip, no database query and little else.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request_is_cacheable(request):
            return self.get_response(request)
        now = timezone.now()
        if not is_enabled():
            # Still a public page: validators, 304s and CDN headers, whose
            # max-age must not outlast the next scheduled change either.
            response = self.get_response(request)
            if request.method == "GET" and response_is_cacheable(response):
                until = read_state(request, now).until
                self._decorate(
                    response,
                    now=now,
                    until=until,
                    last_modified=content_since(request, now),
                )
                return conditional_response(request, response)
            return response
        key = page_key(request)
        _version, hit = lookup(request, key, now)
        if hit is not None:
            return hit
        state = read_state(request, now)
        version, until = state.version, state.until
        response = self.get_response(request)
        # A page that used a CSP nonce must not hand the same one to everyone.
        nonce_used = getattr(request, "_csp_nonce", None) is not None
        if (
            request.method == "GET"
            and response_is_cacheable(response)
            and not nonce_used
        ):
            self._decorate(response, now=now, until=until)
            _store(key, response, version=version, now=now, until=until)
            response["X-Page-Cache"] = "miss"
            return conditional_response(request, response)
        return response

    def _decorate(
        self,
        response: HttpResponse,
        *,
        now: datetime,
        until: datetime | None,
        last_modified: datetime | None = None,
    ) -> None:
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if not response.has_header("ETag"):
            digest = hashlib.sha256(response.content).hexdigest()[:32]
            response["ETag"] = f'"{digest}"'
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date((last_modified or now).timestamp())
        keys = surrogate_keys(response)
        response["Surrogate-Key"] = " ".join(keys)
        response["Cache-Tag"] = ",".join(keys)
        add_public_headers(response, now=now, until=until)


def _parse_date(value: str | None) -> int | None:
    from django.utils.http import parse_http_date_safe

    return parse_http_date_safe(value) if value else None


# Invalidation wiring --------------------------------------------------------

# Rows readers never see change nothing on a page; the read beacon in
# particular writes on every page view and must not empty the cache.
IGNORED_MODELS = {
    "articles.readcount",
    "articles.revision",
    "articles.transition",
    "articles.previewlink",
}
WATCHED_APPS = {"articles", "authors", "headlines", "agency", "images", "taggit"}


def _on_row_change(sender, **kwargs) -> None:
    # Also with the page cache off: the version keys the remembered next
    # change, which bounds the max-age given to browsers and CDNs.
    label = sender._meta.label_lower
    if sender._meta.app_label in WATCHED_APPS and label not in IGNORED_MODELS:
        bump()


def _forget_settings(**kwargs) -> None:
    _excluded_prefixes.cache_clear()


def connect_signals() -> None:
    from django.core.signals import setting_changed
    from django.db.models.signals import m2m_changed, post_delete, post_save

    setting_changed.connect(_forget_settings, dispatch_uid="pagecache_settings")
    from articles.workflow import article_transitioned

    post_save.connect(_on_row_change, dispatch_uid="pagecache_save")
    post_delete.connect(_on_row_change, dispatch_uid="pagecache_delete")
    m2m_changed.connect(_on_row_change, dispatch_uid="pagecache_m2m")
    article_transitioned.connect(_on_transition, dispatch_uid="pagecache_transition")


def _on_transition(**kwargs) -> None:
    _replace_version()
