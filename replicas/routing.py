"""Which database a query reads from.

A replica serves exactly the requests the page cache would share: an
anonymous reader's GET or HEAD of a public page (`caching.pages.
request_is_cacheable`: no signed-in session, no Authorization header, not
the admin, previews, the API or the beacon). Everything else reads the
primary: staff, every write, a client that wrote within the last
`REPLICA_STICKY_SECONDS` (until a replica has replayed its write), and any
code outside a request (management commands, the worker, migrations), as
the per-request state lives in a context variable that is unset there.

The choice is made once per request, at its first read, and kept for the
rest of it so that one page never mixes two points in time. A replica
serves only if it has replayed up to the position recorded on commit of
the last change readers can see (`positions.required`) and of the
client's own last write (the sticky cookie); else, or when it cannot be
reached, the primary does.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError
from django.http import HttpRequest, HttpResponse

from caching.pages import request_is_cacheable

from . import positions

logger = logging.getLogger(__name__)

# Carries the primary's WAL position after the client's write.
STICKY_COOKIE = "newsroom_wrote"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


@dataclass
class Reads:
    """Where the current request may read."""

    replica_allowed: bool
    # The position the client's own last write reached (its sticky cookie).
    own_write: int = 0
    # Decided at the first read: a replica's alias or the primary's.
    alias: str | None = None
    # The required position the replica was found to have replayed.
    required: int = 0


_reads: ContextVar[Reads | None] = ContextVar("replicas_reads", default=None)

# A replica that failed is left alone this long (per process): meanwhile
# readers read the primary without each paying a connection attempt.
BACK_OFF_SECONDS = 5.0
_down_until: dict[str, float] = {}


def current() -> Reads | None:
    return _reads.get()


def read_alias() -> str:
    """The database the current context reads from."""
    reads = _reads.get()
    if reads is None or not reads.replica_allowed:
        return DEFAULT_DB_ALIAS
    if reads.alias is None:
        reads.alias = choose(reads)
    return reads.alias


def choose(reads: Reads) -> str:
    """A replica that has replayed every change readers must see, or the
    primary."""
    now = time.monotonic()
    candidates = [a for a in positions.aliases() if _down_until.get(a, 0.0) <= now]
    if not candidates:
        return DEFAULT_DB_ALIAS
    alias = random.choice(candidates)
    try:
        required = positions.required()
    except DatabaseError:
        return DEFAULT_DB_ALIAS
    if required is None:
        return DEFAULT_DB_ALIAS
    try:
        replayed = positions.replay_position(alias)
    except DatabaseError as error:
        _down_until[alias] = now + BACK_OFF_SECONDS
        logger.warning(
            "Replica %s unavailable (%s); readers read the primary for %.0f s",
            alias,
            error,
            BACK_OFF_SECONDS,
        )
        return DEFAULT_DB_ALIAS
    if replayed is not None and replayed < max(required, reads.own_write):
        return DEFAULT_DB_ALIAS
    reads.required = required
    return alias


def recheck() -> None:
    """A cached part's render is about to start (`caching.core.
    current_sequence`). If a change readers can see committed after this
    request chose its replica, the render might be stored as newer than
    that change: it reads the primary unless the replica has the change.

    One cache read per render on a replica, none on the primary."""
    reads = _reads.get()
    if reads is None or reads.alias in (None, DEFAULT_DB_ALIAS):
        return
    try:
        required = positions.required()
        if required is not None and required <= reads.required:
            return
        replayed = None if required is None else positions.replay_position(reads.alias)
    except DatabaseError:
        required = replayed = None
    if required is None or (replayed is not None and replayed < required):
        reads.alias = DEFAULT_DB_ALIAS
    else:
        reads.required = required


def _own_write(request: HttpRequest) -> int:
    try:
        return int(request.COOKIES.get(STICKY_COOKIE, 0))
    except ValueError:
        return 0


class ReplicaReadsMiddleware:
    """Decides, per request, whether its reads may go to a replica, and
    pins a client that wrote to the primary until a replica has its write.
    Does nothing when no replica is configured."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not positions.aliases():
            return self.get_response(request)
        reads = Reads(
            replica_allowed=request_is_cacheable(request),
            own_write=_own_write(request),
        )
        token = _reads.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _reads.reset(token)
        if request.method not in SAFE_METHODS:
            self.remember_write(response)
        return response

    def remember_write(self, response: HttpResponse) -> None:
        """Any request that may have written: the client reads the primary
        until a replica has replayed past this point, for at most
        REPLICA_STICKY_SECONDS."""
        try:
            position = positions.primary_position()
        except DatabaseError:
            return
        response.set_cookie(
            STICKY_COOKIE,
            str(position),
            max_age=settings.REPLICA_STICKY_SECONDS,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )


class ReplicaRouter:
    """Reads as the request's state says (`read_alias`); writes, relations
    and migrations belong to the primary, of which replicas are copies."""

    def db_for_read(self, model, **hints) -> str:
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            # Related rows of an object come from where the object came.
            return instance._state.db
        return read_alias()

    def db_for_write(self, model, **hints) -> str:
        reads = _reads.get()
        if reads is not None:
            # A request that writes reads what it wrote: the primary.
            reads.alias = DEFAULT_DB_ALIAS
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS
