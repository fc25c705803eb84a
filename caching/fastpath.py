"""Serve page-cache hits before Django's request handler.

A cached page costs one Redis round trip; going through Django's handler
(request and response signals, the middleware stack) around it cost as
much again, which kept cached pages near half a static file's throughput.
This WSGI wrapper answers hits itself, with the page cache's own rules
(`caching.pages`): the same cacheable-request test, key and freshness
check, and SecurityMiddleware's response headers. Everything else goes to
Django: a miss, or a page with a part to render again, carries its lookup
along so the middleware does not read the cache a second time.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.middleware.security import SecurityMiddleware
from django.utils import timezone

from common.bench_headers import worker_rss_kib

from . import pages

logger = logging.getLogger(__name__)

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


class PageCacheFastPath:
    def __init__(self, django_app: WSGIApp):
        self.django_app = django_app
        self.security = SecurityMiddleware(lambda request: None)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        try:
            response = self.hit(environ)
        except Exception:
            # Whatever went wrong, Django answers (and logs) it properly.
            logger.exception("page cache fast path failed; handing over to Django")
            response = None
        if response is None:
            return self.django_app(environ, start_response)
        status = f"{response.status_code} {response.reason_phrase}"
        start_response(status, list(response.items()))
        return [response.content]

    def hit(self, environ: dict):
        """The cached response for this request, or None to ask Django."""
        if not pages.is_enabled() or environ.get("REQUEST_METHOD") != "GET":
            return None
        started = time.perf_counter()
        request = WSGIRequest(environ)
        if settings.SECURE_SSL_REDIRECT and not request.is_secure():
            return None  # SecurityMiddleware redirects it
        if not pages.request_is_cacheable(request):
            return None
        pages.normalise_query(request)  # environ too: Django sees the same
        try:
            key = pages.page_key(request)  # validates the Host header
        except DisallowedHost:
            return None
        now = timezone.now()
        found = pages.lookup(key, now)
        if not found.complete:
            environ[pages.LOOKUP_META] = found
            return None
        response = pages.serve(request, found, now)
        response = self.security.process_response(request, response)
        if getattr(settings, "BENCH_HEADERS", False):
            # The same measurements, at the same cost, as every other
            # response gets from BenchHeadersMiddleware.
            elapsed_ms = (time.perf_counter() - started) * 1000
            response["Server-Timing"] = f"app;dur={elapsed_ms:.2f}"
            response["X-SQL-Queries"] = "0"
            response["X-Worker"] = f"pid={os.getpid()} rss_kib={worker_rss_kib()}"
        return response
