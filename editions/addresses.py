"""Addresses of slug pages (articles, sections, authors) without a full
`reverse()` per link.

A list page links to a hundred headlines, sections and authors; reversing
each one walks the URL resolver again (about 30 µs apiece, and an article's
address also switches the active language). The address of a slug page is a
fixed pattern per edition, so it is reversed once per process with a
placeholder and filled in afterwards.
"""

from __future__ import annotations

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

_PLACEHOLDER = "slug-placeholder-0"
_patterns: dict[tuple, tuple[str, str]] = {}


def slug_url(viewname: str, slug: str, language: str | None = None) -> str:
    """`reverse(viewname, kwargs={"slug": slug})` in `language`'s edition
    (the active one by default)."""
    language = language or translation.get_language()
    key = (viewname, language, get_script_prefix(), get_urlconf())
    parts = _patterns.get(key)
    if parts is None:
        with translation.override(language):
            address = reverse(viewname, kwargs={"slug": _PLACEHOLDER})
        before, _, after = address.partition(_PLACEHOLDER)
        parts = _patterns[key] = (before, after)
    # Slugs are ASCII letters, digits, "-" and "_" (SlugField, and the slug
    # converter in the URL), which reverse() leaves as they are.
    return parts[0] + slug + parts[1]


@receiver(setting_changed)
def _forget_patterns(*, setting: str, **kwargs) -> None:
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"}:
        _patterns.clear()
