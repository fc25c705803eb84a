"""WAL positions: how far the primary has written, how far a replica has
replayed, and the position every replica must reach before readers read it.

A change readers can see (anything that invalidates a cached part, among
them every kill) records the primary's WAL position on commit, before the
caches are told (`caching.core.invalidate`). A reader's request reads a
replica only once that replica has replayed up to the recorded position,
so a page rendered after the purge never comes from rows older than the
change, and is never cached as fresh with a killed piece in it.

Positions are byte offsets in the WAL, compared as integers: PostgreSQL's
`pg_lsn` minus `'0/0'` is the offset, which spares parsing `16/B374D848`.
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.core.cache import BaseCache
from django.db import DEFAULT_DB_ALIAS, connections

from caching import core

# The position every replica must have replayed; kept without expiry, next
# to the cache's tag numbers (a volatile-* eviction policy never drops it).
REQUIRED_KEY = "replicas:required-position"

_local_lock = threading.Lock()


def aliases() -> list[str]:
    """The replicas' database aliases (`replica_1`, ...; newsroom/settings.py)."""
    return [alias for alias in settings.DATABASES if alias.startswith("replica_")]


def primary_position() -> int:
    """The primary's current WAL write position."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn() - '0/0'")
        return int(cursor.fetchone()[0])


def replay_position(alias: str) -> int | None:
    """How far the server behind `alias` has replayed the primary's WAL;
    None when it is not a standby (a promoted replica is its own primary)."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT pg_last_wal_replay_lsn() - '0/0'")
        position = cursor.fetchone()[0]
    return None if position is None else int(position)


def _raise_locally(cache: BaseCache, position: int) -> None:
    # One process (tests, a single-worker install): a lock makes the
    # read-compare-write atomic, as the script does in Redis.
    with _local_lock:
        if (cache.get(REQUIRED_KEY) or 0) < position:
            cache.set(REQUIRED_KEY, position, None)


def require(position: int) -> None:
    """Replicas must replay up to `position` before readers read them again;
    never lowers an earlier requirement (two commits may record out of
    order)."""
    cache = core.backend()
    atomic = getattr(cache, "raise_number", None)
    if atomic is not None:
        atomic(REQUIRED_KEY, position)
    else:
        _raise_locally(cache, position)


def note_change() -> None:
    """Called on commit of a change readers can see, before the caches
    learn of it: from now on no replica serves readers until it has
    replayed this commit."""
    if not aliases():
        return
    require(primary_position())


def required() -> int | None:
    """The position a replica must have replayed to serve readers; None
    when it cannot be known (the cache is down): then only the primary
    serves. A lost value (a flushed cache) is taken afresh from the
    primary, so nothing committed before the loss is read stale."""
    cache = core.backend()
    position = cache.get(REQUIRED_KEY)
    if position is not None:
        return int(position)
    if core.is_down(cache):
        return None
    position = primary_position()
    require(position)
    return position
