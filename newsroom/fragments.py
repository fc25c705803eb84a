"""Cached fragments: the site furniture every page repeats.

The ticker and the latest-news sidebar are the same on every page of an
edition, yet rendering them is most of a page's work. A page the full-page
cache does not hold (the long tail of article pages, or any page right
after a change) reuses them from here.

They follow the page cache's rules (newsroom/pagecache.py), so they are
never stale: an entry belongs to the content version it was rendered under,
which every change readers could see replaces, and is served only before
the next scheduled change (a piece going live, a ticker item starting or
ending). Keys name the edition, so each language has its own.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from editions import current as current_edition

from . import pagecache

FRAGMENT_KEY = "fragment:{version}:{language}:{name}"


def is_enabled() -> bool:
    return bool(getattr(settings, "FRAGMENT_CACHE", False))


def cached_fragment(
    name: str, render: Callable[[], str], request: HttpRequest | None = None
) -> SafeString:
    """The HTML `render()` gives, from the cache while it is current."""
    if not is_enabled():
        return render()
    now = timezone.now()
    state = pagecache.read_state(request, now)
    until = state.until
    key = FRAGMENT_KEY.format(
        version=state.version, language=current_edition(), name=name
    )
    cache = pagecache._cache()
    stored = cache.get(key)
    if stored is not None:
        html, valid_until = stored
        if valid_until is None or now < valid_until:
            return mark_safe(html)
    html = render()
    timeout = getattr(settings, "PAGE_CACHE_SECONDS", 300)
    if until is not None:
        timeout = min(timeout, math.ceil((until - now).total_seconds()))
    if timeout > 0:
        cache.set(key, (str(html), until), timeout)
    return html
