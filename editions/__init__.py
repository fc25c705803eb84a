"""Language editions: one newsroom publishing in several languages.

An edition is a language in ``settings.LANGUAGES``, served under its own URL
prefix (``/en/``, ``/ru/``...). The active language of a request is its
edition; reader surfaces narrow ``Article.objects.published()`` to it with
``.in_edition()``.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


def codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def current() -> str:
    """The edition of the request being served: the active language, or the
    default edition outside any request."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language in codes():
        return language
    # "en-us" and the like: the edition of the base language, if any.
    base = language.split("-")[0]
    return base if base in codes() else settings.LANGUAGE_CODE


def name(code: str) -> str:
    """The edition's name in its own language ("Русский")."""
    return dict(settings.LANGUAGES)[code]


# Model fields take these callables rather than settings values, so adding
# an edition or changing the default needs no migration.
def choices() -> list[tuple[str, str]]:
    return list(settings.LANGUAGES)


def default() -> str:
    return settings.LANGUAGE_CODE
