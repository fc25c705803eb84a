"""Full-page cache for anonymous readers that never serves a stale page.

A page is stored as an entry (caching/core.py) naming what it shows: the
view names its objects and lists (`shows()`), the story, cards, sections
and clocks it reads add theirs. It is served while none of them has
changed and before its next scheduled change; a change elsewhere on the
site leaves it alone. The parts every page repeats (latest news, the
ticker, related news) are stored apart and spliced in on every hit
(caching/parts.py), so a publish re-renders them once, not every page.

Concurrent misses of one page wait for one render (single-flight).

Only anonymous GET/HEAD requests without a signed-in session, and
responses that set no cookie and are not `private`/`no-store`/`no-cache`,
are stored. The admin, previews, the subscriber API and the read beacon
never are. Pages get an `ETag` and `Last-Modified` (304 on a match),
`Cache-Control: public, max-age=...` for a CDN (short, and capped by the
next change) and a `Surrogate-Key` naming the tags they show, for purging.
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from importlib import import_module
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from . import core, edge, parts

PAGE_KEY = "page:{digest}"
CACHED_STATUSES = {200, 301, 404, 410}
NOT_SHARED = ("private", "no-store", "no-cache")
# A response that differs by these request headers cannot be stored under
# its URL alone: "/" redirects by Accept-Language, a page that read the
# session varies on Cookie.
UNCACHED_VARY = ("accept-language", "cookie", "*")
# Where the WSGI fast path leaves its lookup for the middleware, so a miss
# reads the cache once (caching/fastpath.py).
LOOKUP_META = "caching.page_lookup"
# A page whose view named nothing depends on every change readers can see.
EVERYTHING = "everything"


def is_enabled() -> bool:
    return bool(getattr(settings, "PAGE_CACHE", False))


# What a page shows ------------------------------------------------------------


def shows(*tags: str) -> None:
    """The page being rendered shows what `tags` name (called by views).

    A page that never calls it is taken to show everything: any change
    readers can see replaces it (404s, and any page yet to name its tags).
    """
    core.depend(*tags)
    for current in core.current_scopes():
        if current.is_page:
            current.declared = True


# Called inside an undeclared page's scope: the domain's clock of every
# scheduled change (articles/invalidation.py sets it).
_fallback: list[Callable[[], None]] = []


def on_undeclared_page(hook: Callable[[], None]) -> None:
    _fallback[:] = [hook]


# What may be cached ---------------------------------------------------------


@functools.cache
def _excluded_prefixes() -> tuple[str, ...]:
    # Read on every request, computed once; forgotten when a setting
    # changes (tests).
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


def forget_settings(**kwargs) -> None:
    _excluded_prefixes.cache_clear()


# Query parameters that change what a reader page shows, named by the apps
# whose views read them (in their AppConfig.ready(), so the set is complete
# before the first request reaches the WSGI fast path).
_page_params: set[str] = set()


def reads_query_params(*names: str) -> None:
    """Reader pages read these query parameters; every other one (utm_*,
    fbclid, cache busters, junk) is dropped before the view runs."""
    _page_params.update(names)


def normalise_query(request: HttpRequest) -> None:
    """Keep only the query parameters some page reads, sorted by name.

    The view then sees exactly what the page key names: `/?utm_source=x`
    is the page `/`, and `?q=a&page=2` the page `?page=2&q=a`, so a new
    query string neither keys a new entry nor costs a render. Dropping
    (rather than keying by) the rest is what makes it safe: a view cannot
    answer differently to a parameter it never receives.
    """
    raw = request.META.get("QUERY_STRING", "")
    if not raw:
        return
    pairs = [
        (name, value)
        for name, value in parse_qsl(raw, keep_blank_values=True)
        if name in _page_params
    ]
    pairs.sort(key=lambda pair: pair[0])  # stable: a list keeps its order
    normalised = urlencode(pairs)
    if normalised != raw:
        request.META["QUERY_STRING"] = normalised
        request.GET = QueryDict(normalised)


def request_is_cacheable(request: HttpRequest) -> bool:
    """An anonymous reader's GET of a public page."""
    if request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    if request.path.startswith(_excluded_prefixes()):
        return False
    # Staff (anyone who logged in) are never served or stored a page.
    return not has_signed_in_session(request)


SIGNED_IN_META = "caching.signed_in"


def has_signed_in_session(request: HttpRequest) -> bool:
    """Whether the session cookie names a live, signed-in session.

    Asked of the session store, not read off the cookie's presence: a
    made-up `sessionid` would otherwise buy a full render of any page
    (41 req/s against 791 cached on the demo). It costs one session
    lookup, and only requests carrying the cookie pay it; the answer is
    kept in the WSGI environ so the fast path and the middleware ask once.
    """
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return False
    known = request.META.get(SIGNED_IN_META)
    if known is None:
        store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
        # load() answers {} for an unknown, malformed or expired key.
        known = request.META[SIGNED_IN_META] = AUTH_SESSION_KEY in store.load()
    return known


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
    # language is never stored (UNCACHED_VARY). The scheme is part of it:
    # feeds and sitemaps print absolute links, and one request over plain
    # HTTP must not decide them for readers over HTTPS.
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return PAGE_KEY.format(digest=hashlib.sha256(url.encode()).hexdigest()[:32])


# Stored pages and their lookup ----------------------------------------------


@dataclass
class Page:
    """A stored page: its bytes around the parts' places, and its headers."""

    chunks: list[bytes | int]
    status: int
    headers: list[tuple[str, str]]
    placeholders: list[parts.Placeholder]
    digest: str


@dataclass
class Lookup:
    started: int  # the sequence before anything was read
    entry: core.Entry | None = None  # the page, when fresh
    parts: list[core.Entry | None] = field(default_factory=list)  # fresh ones
    # What the lookup read of a stale page: its parts and their tags, which
    # the render that replaces it reuses instead of reading them again.
    found: dict = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return self.entry is not None and all(p is not None for p in self.parts)


def lookup(key: str, now: datetime) -> Lookup:
    """The stored page under `key` and its parts, each where fresh: two
    round trips (the page; then its tags, its parts and theirs)."""
    cache = core.backend()
    found = cache.get_many([key, core.SEQUENCE_KEY])
    started = core.current_sequence(found)
    entry: core.Entry | None = found.get(key)
    if entry is None or not entry.within_bound(now):
        return Lookup(started)
    page: Page = entry.value
    wanted = [core.tag_key(tag) for tag in entry.tags]
    for placeholder in page.placeholders:
        wanted.append(placeholder.key)
        wanted.extend(core.tag_key(tag) for tag in placeholder.tags)
    found = core.get_many(cache, wanted)
    if not entry.is_fresh(core.tag_numbers(found, entry.tags, cache), now):
        return Lookup(started, found=found)
    return Lookup(
        started,
        entry,
        [
            core.fresh_entry(found.get(p.key), found, now, cache)
            for p in page.placeholders
        ],
    )


def serve(request: HttpRequest, lookup: Lookup, now: datetime) -> HttpResponseBase:
    """The stored page with its parts, the stale ones rendered again."""
    page: Page = lookup.entry.value
    htmls, entries = [], [lookup.entry]
    rendered = 0
    until = lookup.entry.until
    for placeholder, part in zip(page.placeholders, lookup.parts, strict=True):
        if part is None:
            html, shown = parts.render_part(
                request, placeholder.name, placeholder.language, placeholder.params
            )
            rendered += 1
            htmls.append(str(html))
            part_until = shown.until
        else:
            entries.append(part)
            htmls.append(part.value)
            part_until = part.until
        if part_until is not None and (until is None or part_until < until):
            until = part_until
    response = HttpResponse(parts.assemble(page.chunks, htmls), status=page.status)
    for name, value in page.headers:
        response[name] = value
    response["Content-Length"] = str(len(response.content))
    if page.placeholders:
        response["ETag"] = assembled_etag(page.digest, htmls)
        stored = max(e.stored_at for e in entries) if not rendered else now
        response["Last-Modified"] = http_date(stored.timestamp())
    response["Age"] = str(max(0, int((now - lookup.entry.stored_at).total_seconds())))
    # Recompute max-age so a CDN never keeps it past the next change.
    response["Cache-Control"] = f"public, max-age={shared_max_age(now, until)}"
    response["X-Page-Cache"] = "hit" if not rendered else "parts"
    return conditional_response(request, response)


# Headers --------------------------------------------------------------------


def assembled_etag(page_digest: str, htmls: list[str]) -> str:
    """The ETag of a page with its parts: of the page's own bytes (hashed
    once, when stored) and of each part's HTML (a few kB each)."""
    digest = hashlib.sha256(page_digest.encode())
    for html in htmls:
        digest.update(hashlib.sha256(html.encode()).digest())
    return f'"{digest.hexdigest()[:32]}"'


def shared_max_age(now: datetime, until: datetime | None) -> int:
    max_age = getattr(settings, "PAGE_CACHE_MAX_AGE", 60)
    if until is not None:
        max_age = min(max_age, max(0, math.floor((until - now).total_seconds())))
    return max_age


def conditional_response(
    request: HttpRequest, response: HttpResponse
) -> HttpResponseBase:
    """A 304 when the request's validators match the page, else the page."""
    if response.status_code != 200 or not (
        "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META
    ):
        return response
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
        response=response,
    )


def _min(*moments: datetime | None) -> datetime | None:
    present = [moment for moment in moments if moment is not None]
    return min(present) if present else None


def decorate(
    response: HttpResponse, shown: core.Scope, *, now: datetime, last_modified: datetime
) -> None:
    """Validators, the CDN's max-age and the page's surrogate keys."""
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if not response.has_header("ETag"):
        digest = hashlib.sha256(response.content).hexdigest()[:32]
        response["ETag"] = f'"{digest}"'
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(last_modified.timestamp())
    # For the edge, which stores the page with its parts (caching/edge.py).
    keys = edge.surrogate_keys(shown)
    response["Surrogate-Key"] = " ".join(keys)
    response["Cache-Tag"] = ",".join(keys)
    if not response.has_header("Cache-Control"):
        until = _min(shown.until, shown.part_until)
        patch_cache_control(response, public=True, max_age=shared_max_age(now, until))


def content_since(shown: core.Scope) -> datetime:
    """When what the page shows last changed, for a page not stored: the
    newest change recorded against its tags, or the last scheduled moment
    that passed, whichever is later."""
    numbers = core.read(
        core.backend(), [core.tag_key(tag) for tag in shown.tags | shown.part_tags]
    )
    moments = [core.as_datetime(number) for number in numbers.values() if number]
    if shown.modified is not None:
        moments.append(shown.modified)
    return max(moments) if moments else core.as_datetime(shown.started or 0)


# The middleware ---------------------------------------------------------------


class PageCacheMiddleware:
    """Serve and store anonymous pages; see the module docstring.

    Sits just inside SecurityMiddleware (HTTPS redirects, security headers)
    and WhiteNoise, before the session, locale and CSP middleware, so a hit
    costs two cache round trips, no database query and little else.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request_is_cacheable(request):
            return self.get_response(request)
        normalise_query(request)
        now = timezone.now()
        if not is_enabled():
            return self.uncached(request, now)
        key = page_key(request)
        found = request.META.pop(LOOKUP_META, None) or lookup(key, now)
        if found.entry is not None:
            return serve(request, found, now)
        cache = core.backend()
        lock = core.LOCK_KEY.format(key)
        if not core.take_lock(cache, lock):
            waited = core.wait_for_render(cache, lock, lambda: self.stored(key))
            if waited is not None:
                return serve(request, waited, timezone.now())
            found = lookup(key, timezone.now())
        try:
            return self.render_and_store(request, key, found)
        finally:
            cache.delete(lock)

    @staticmethod
    def stored(key: str) -> Lookup | None:
        """The page under `key`, if stored and fresh by now."""
        found = lookup(key, timezone.now())
        return found if found.entry is not None else None

    def render_and_store(
        self, request: HttpRequest, key: str, found: Lookup
    ) -> HttpResponseBase:
        started = found.started
        with core.scope(started=started, is_page=True, parts=[]) as shown:
            shown.known[core.SEQUENCE_KEY] = started
            for name, value in found.found.items():
                if name.startswith(core.TAG_PREFIX):
                    shown.known[name] = value
                else:
                    shown.prefetched[name] = value
            response = self.get_response(request)
            if not shown.declared:
                _fallback_dependencies()
        # A page that used a CSP nonce must not hand the same one to everyone.
        nonce_used = getattr(request, "_csp_nonce", None) is not None
        if request.method != "GET" or not response_is_cacheable(response) or nonce_used:
            if hasattr(response, "content") and not response.streaming:
                _set_content(response, parts.strip_markers(response.content, shown))
            return response
        now = timezone.now()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        chunks, htmls = parts.split(response.content, shown)
        _set_content(response, parts.strip_markers(response.content, shown))
        page_digest = hashlib.sha256(
            b"".join(c for c in chunks if isinstance(c, bytes))
        ).hexdigest()[:32]
        if shown.parts and not response.has_header("ETag"):
            response["ETag"] = assembled_etag(page_digest, htmls)
        decorate(response, shown, now=now, last_modified=now)
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in ("set-cookie", "age", "content-length")
        ]
        stored = Page(
            chunks=chunks,
            status=response.status_code,
            headers=headers,
            placeholders=shown.parts,
            digest=page_digest,
        )
        core.store(key, stored, shown, now=now)
        response["X-Page-Cache"] = "miss"
        return conditional_response(request, response)

    def uncached(self, request: HttpRequest, now: datetime) -> HttpResponseBase:
        """Not stored, still a public page: validators, 304s and CDN
        headers, whose max-age must not outlast the next scheduled change
        either."""
        with core.scope(is_page=True) as shown:
            shown.started = core.current_sequence()
            response = self.get_response(request)
            if not shown.declared:
                _fallback_dependencies()
            if request.method == "GET" and response_is_cacheable(response):
                since = content_since(shown)
                decorate(response, shown, now=now, last_modified=since)
                return conditional_response(request, response)
        return response


def _set_content(response: HttpResponse, content: bytes) -> None:
    """Replace the body, and its length where CommonMiddleware set one."""
    response.content = content
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(content))


def _fallback_dependencies() -> None:
    core.depend(EVERYTHING)
    for hook in _fallback:
        hook()
