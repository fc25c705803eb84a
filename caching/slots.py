"""A few render slots for pages that are expensive to render.

A page-cache hit costs a worker well under a millisecond; a search or a
sitemap page that misses costs tens to hundreds. With a handful of
workers, four readers (or one client) asking for uncached searches at
once would hold every worker, and cached pages would queue behind them:
on a 2-worker box four such requests pushed a cached home page from 2 ms
to over a second. So an expensive render takes one of
`EXPENSIVE_RENDER_SLOTS` slots shared by every worker (in the cache, so
across processes and machines), and when all are taken the request is
answered at once with 503 and `Retry-After`, which browsers show and
crawlers honour, instead of waiting in a worker. Signed-in staff are not
held back. A page already in the page cache never reaches the view, so
only misses take a slot.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext as _

from . import core
from .pages import has_signed_in_session

logger = logging.getLogger(__name__)

# One pool for every expensive page: what they share is the workers.
SLOT_KEY = "render-slot:{index}"
# A slot a crashed worker never gave back frees itself after this long; a
# render that takes longer than this has bigger problems than its slot.
SLOT_SECONDS = 30
RETRY_AFTER_SECONDS = 5

View = Callable[..., HttpResponseBase]


def slots() -> int:
    return int(getattr(settings, "EXPENSIVE_RENDER_SLOTS", 0))


def take_slot() -> str | None:
    """The key of a free slot, now taken; None when
    every slot is taken. With no slots configured, or the cache
    unreachable (nothing to count with), every render may go ahead."""
    cache = core.backend()
    limit = slots()
    if limit <= 0 or core.is_down(cache):
        return ""
    for index in range(limit):
        key = SLOT_KEY.format(index=index)
        if cache.add(key, 1, SLOT_SECONDS):
            return key
    if core.is_down(cache):  # it went down while we asked
        return ""
    return None


def give_back(key: str) -> None:
    if key:
        core.backend().delete(key)


def busy() -> HttpResponse:
    response = HttpResponse(
        _("This page is busy. Please try again in a few seconds."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def expensive(name: str) -> Callable[[View], View]:
    """Render the decorated view (`name` for the logs) in a shared slot."""

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
            # Asked of the session store, not of request.user: touching the
            # session marks every response Vary: Cookie, and the page cache
            # stores none of those.
            if has_signed_in_session(request) and request.user.is_staff:
                return view(request, *args, **kwargs)
            slot = take_slot()
            if slot is None:
                logger.info("render slots for %s all taken; answering 503", name)
                return busy()
            try:
                response = view(request, *args, **kwargs)
                # A TemplateResponse renders (and runs its queries) after
                # the view returns: inside the slot, not after it.
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                return response
            finally:
                give_back(slot)

        return wrapper

    return decorator
