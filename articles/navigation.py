"""Site furniture read on every page and changed a few times a year.

Cached under one key each and dropped whenever a row changes (see
`ArticlesConfig.ready`), so a cached copy is never stale.
"""

from __future__ import annotations

from django.core.cache import cache

from .models import Section

SECTIONS_KEY = "navigation:sections"


def sections() -> list[Section]:
    cached = cache.get(SECTIONS_KEY)
    if cached is None:
        cached = list(Section.objects.all())
        cache.set(SECTIONS_KEY, cached, None)
    return cached


def forget_sections(**kwargs) -> None:
    cache.delete(SECTIONS_KEY)
