"""Who has an article open in the admin right now: a soft lock.

Each open change form pings every PING_SECONDS; an entry older than
EXPIRE_SECONDS has gone. It only informs — it never blocks a save (the
version check does that job).
"""

from __future__ import annotations

import time

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache

PING_SECONDS = 20
EXPIRE_SECONDS = 60


def _key(article_id: int) -> str:
    return f"article-presence:{article_id}"


def display_name(user: AbstractBaseUser) -> str:
    return user.get_full_name() or user.get_username()


def touch(article_id: int, user: AbstractBaseUser, *, now: float | None = None) -> None:
    """Record that `user` has the article open."""
    now = time.time() if now is None else now
    editors = _fresh(cache.get(_key(article_id), {}), now)
    editors[str(user.pk)] = (display_name(user), now)
    cache.set(_key(article_id), editors, EXPIRE_SECONDS)


def leave(article_id: int, user: AbstractBaseUser) -> None:
    editors = cache.get(_key(article_id), {})
    if editors.pop(str(user.pk), None) is not None:
        cache.set(_key(article_id), editors, EXPIRE_SECONDS)


def others(
    article_id: int, user: AbstractBaseUser, *, now: float | None = None
) -> list[str]:
    """Names of the other people who have the article open, sorted."""
    now = time.time() if now is None else now
    editors = _fresh(cache.get(_key(article_id), {}), now)
    return sorted(name for pk, (name, _seen) in editors.items() if pk != str(user.pk))


def _fresh(editors: dict, now: float) -> dict:
    return {
        pk: (name, seen)
        for pk, (name, seen) in editors.items()
        if now - seen < EXPIRE_SECONDS
    }
