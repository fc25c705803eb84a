"""Site furniture read on every page and changed a few times a year.

Cached under one key each and dropped whenever a row changes (see
`ArticlesConfig.ready`), so a cached copy is never stale.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

from .models import Section

SECTIONS_KEY = "navigation:sections"


def sections(request: HttpRequest | None = None) -> list[Section]:
    """Every section, from the cache; read once per `request` when given
    (the navigation bar, related news and the home page all need them)."""
    cached = getattr(request, "_sections", None)
    if cached is None:
        cached = cache.get(SECTIONS_KEY)
    if cached is None:
        cached = list(Section.objects.all())
        cache.set(SECTIONS_KEY, cached, None)
    if request is not None:
        request._sections = cached
    return cached


def forget_sections(**kwargs) -> None:
    cache.delete(SECTIONS_KEY)
