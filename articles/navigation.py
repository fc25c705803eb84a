"""Site furniture read on every page and changed a few times a year."""

from __future__ import annotations

from django.http import HttpRequest

import caching

from .invalidation import SECTIONS
from .models import Section

SECTIONS_KEY = "navigation:sections"


def sections(request: HttpRequest | None = None) -> list[Section]:
    """Every section, from the cache; read once per `request` when given
    (the navigation bar, related news and the home page all need them).
    Whatever is rendered with them depends on them."""
    cached = getattr(request, "_sections", None)
    if cached is None:
        cached = caching.cached(
            SECTIONS_KEY,
            lambda: list(Section.objects.all()),
            tags=[SECTIONS],
            enabled=True,  # even with every other cache off: one query a page
        )
        if request is not None:
            request._sections = cached
    else:
        caching.depend(SECTIONS)
    return cached
