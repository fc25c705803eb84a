"""Tags, entries and the one get-or-render helper.

Every cached value (a page, a part of a page, a story, a card, a list of
sections) is an `Entry` that names the *tags* of what it shows
(`article-12`, `list:section-3`, `ticker`, ...) and the *sequence number*
read before it was rendered. A change readers can see advances the
site-wide sequence and records the new number against each tag it touches
(`invalidate`). An entry is fresh while none of its tags has a number above
the one it started from, and while its clock bound (`until`: the next
scheduled moment that changes it) has not passed.

Why a sequence read before rendering, rather than a version per key: the
page of an article does not know its tags until it has read its rows, and a
change committed between that read and the store would otherwise be
recorded before the entry and hidden by it. Here a change that commits
after a render began always has a higher number than the render, so that
render is never served, whichever finished first. `invalidate` records the
change at once and again on commit: the second number is the one that
keeps renders that read the uncommitted rows from being served.

Tag numbers and the sequence are kept without expiry; entries carry a
timeout. A Redis in production therefore evicts with a `volatile-*` policy
(docker-compose.yml), so only entries, never tags, are dropped. The
sequence is microseconds of the cache server's clock, advanced by at least
one per change, so it also dates changes (`Last-Modified`) and a lost
sequence starts again above every number it handed out.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db import transaction
from django.utils import timezone

T = TypeVar("T")

SEQUENCE_KEY = "caching:sequence"
TAG_PREFIX = "caching:tag:"
TAG_KEY = TAG_PREFIX + "{}"
LOCK_KEY = "caching:lock:{}"

# A render holding the lock longer than this is taken to have died.
LOCK_SECONDS = 10
# How long a request waits for another's render of the same entry before
# rendering it too; it polls every POLL_SECONDS meanwhile, and asks every
# HOLDER_CHECK_SECONDS whether the holder of the lock is still alive.
WAIT_SECONDS = 3.0
POLL_SECONDS = 0.005
HOLDER_CHECK_SECONDS = 0.05


def backend() -> BaseCache:
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def is_enabled() -> bool:
    """Whether parts, stories, cards and the other fragments are cached."""
    return bool(getattr(settings, "FRAGMENT_CACHE", False))


def default_timeout() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 86400))


def is_down(cache: BaseCache) -> bool:
    """Whether the cache is known to be unreachable (caching/backends.py):
    then nobody can hold a lock, and nobody waits for one."""
    backing_off = getattr(cache, "is_backing_off", None)
    return bool(backing_off and backing_off())


def tag_key(tag: str) -> str:
    return TAG_KEY.format(tag)


def as_datetime(sequence: int) -> datetime:
    """When a sequence number was handed out (to the microsecond)."""
    return datetime.fromtimestamp(sequence / 1_000_000, tz=UTC)


def _clock_sequence() -> int:
    return time.time_ns() // 1000


# Advancing the sequence ------------------------------------------------------

_local_lock = threading.Lock()


def _advance_locally(cache: BaseCache, tags: Sequence[str]) -> int:
    # Process-local caches (tests, `make demo`) have one process: a lock
    # makes the read-compare-write atomic, as the Lua script does in Redis.
    with _local_lock:
        number = max((cache.get(SEQUENCE_KEY) or 0) + 1, _clock_sequence())
        cache.set(SEQUENCE_KEY, number, None)
        known = cache.get_many([tag_key(tag) for tag in tags])
        cache.set_many(
            {
                tag_key(tag): number
                for tag in tags
                if (known.get(tag_key(tag)) or 0) < number
            },
            None,
        )
        return number


def advance(tags: Iterable[str]) -> int:
    """Hand out the next sequence number and record it against `tags`, in
    one atomic step where the cache supports it (`ResilientRedisCache`)."""
    cache = backend()
    tags = sorted(set(tags))
    atomic = getattr(cache, "advance_sequence", None)
    if atomic is not None:
        return atomic(SEQUENCE_KEY, [tag_key(tag) for tag in tags])
    return _advance_locally(cache, tags)


def current_sequence(found: dict | None = None) -> int:
    """The number a render records before it reads anything; `found` is a
    `get_many` answer that already holds it."""
    number = (found or {}).get(SEQUENCE_KEY)
    if number is None:
        number = read(backend(), [SEQUENCE_KEY]).get(SEQUENCE_KEY)
    if number is None:
        number = advance(())
    # A change committed since this request chose a replica (its number may
    # be this one) must be on that replica before this render reads it.
    from replicas.routing import recheck

    recheck()
    return number


def invalidate(*tags: str) -> None:
    """Readers can see a change to what `tags` name: entries that show it
    are not served again. Recorded now, for the very next request, and
    again on commit, for requests that rendered from the rows before the
    commit made the change visible."""
    if not tags:
        return
    advance(tags)
    transaction.on_commit(lambda: _committed(tags), robust=True)


def _committed(tags: Sequence[str]) -> None:
    # Replicas first: a render that sees the new numbers must also see
    # that no replica behind this commit may serve it (replicas/positions.py;
    # imported here, as it builds on this module).
    from replicas.positions import note_change

    try:
        note_change()
    finally:
        advance(tags)


# What the value being rendered depends on -------------------------------------


@dataclass
class Scope:
    """What one value being rendered shows, and until when."""

    started: int | None = None
    tags: set[str] = field(default_factory=set)
    until: datetime | None = None
    modified: datetime | None = None
    # A part spliced into a page per request (caching/parts.py): the page
    # does not depend on it, so its tags stop here.
    isolated: bool = False
    # Set on a page's scope: what it is assembled from, and whether the view
    # named what it shows (pages that did not depend on everything).
    is_page: bool = False
    parts: list | None = None
    part_tags: set[str] = field(default_factory=set)
    part_until: datetime | None = None
    declared: bool = False
    marker: str = ""
    # The sequence and tag numbers read so far in this request (on the
    # outermost scope): each is read once however many values name it.
    known: dict[str, Any] = field(default_factory=dict)
    # Entries a page lookup read already, each used once (caching/pages.py).
    prefetched: dict[str, Any] = field(default_factory=dict)


_stack: ContextVar[tuple[Scope, ...]] = ContextVar("caching_scopes", default=())


@contextmanager
def scope(**kwargs: Any) -> Iterator[Scope]:
    """Collect what is rendered inside: `depend()`, `expires()` and cache
    hits add to this scope and those around it (up to an isolated one)."""
    current = Scope(**kwargs)
    token = _stack.set((*_stack.get(), current))
    try:
        yield current
    finally:
        _stack.reset(token)


def _targets() -> list[Scope]:
    targets = []
    for current in reversed(_stack.get()):
        targets.append(current)
        if current.isolated:
            break
    return targets


def current_scopes() -> tuple[Scope, ...]:
    return _stack.get()


def get_many(cache: BaseCache, keys: Sequence[str]) -> dict[str, Any]:
    """`cache.get_many(keys)`, where a tag never changed is None rather than
    left out: the answer says all it knows of the tags asked for."""
    found = cache.get_many(keys)
    for key in keys:
        if key.startswith(TAG_PREFIX):
            found.setdefault(key, None)
    return found


def read(cache: BaseCache, keys: Sequence[str]) -> dict[str, Any]:
    """`get_many(cache, keys)`, with the sequence and tag numbers this
    request has read already taken from memory, and those it reads now
    remembered (a missing tag is remembered as missing)."""
    stack = _stack.get()
    if not stack:
        return get_many(cache, keys)
    known, prefetched = stack[0].known, stack[0].prefetched
    found = {}
    wanted = []
    for key in keys:
        value = known.get(key, None)
        if key in prefetched:
            found[key] = prefetched.pop(key)
        elif key in known:
            found[key] = value
        else:
            wanted.append(key)
    if wanted:
        fetched = get_many(cache, wanted)
        found.update(fetched)
        for key in wanted:
            if key.startswith(TAG_PREFIX) or (
                key == SEQUENCE_KEY and fetched.get(key) is not None
            ):
                known[key] = fetched[key]
    return found


def depend(*tags: str) -> None:
    """The value being rendered shows what `tags` name."""
    for current in _targets():
        current.tags.update(tags)


def expires(moment: datetime | None) -> None:
    """The value being rendered changes at `moment` with no other change
    (a scheduled piece going live, a ticker item ending)."""
    if moment is None:
        return
    for current in _targets():
        if current.until is None or moment < current.until:
            current.until = moment


def modified(moment: datetime | None) -> None:
    """The value being rendered last changed at `moment` by the clock alone
    (for Last-Modified)."""
    if moment is None:
        return
    for current in _targets():
        if current.modified is None or moment > current.modified:
            current.modified = moment


# Entries ---------------------------------------------------------------------


@dataclass
class Entry:
    value: Any
    tags: tuple[str, ...]
    started: int
    until: datetime | None
    stored_at: datetime
    modified: datetime | None = None

    def within_bound(self, now: datetime) -> bool:
        return self.until is None or now < self.until

    def is_fresh(self, numbers: dict[str, int | None], now: datetime) -> bool:
        """Fresh at `now` given the tags' numbers (missing: never changed)."""
        return self.within_bound(now) and all(
            (numbers.get(tag) or 0) <= self.started for tag in self.tags
        )

    def propagate(self) -> None:
        """A value served from the cache depends on what it showed."""
        depend(*self.tags)
        expires(self.until)
        modified(self.modified)


def tag_numbers(
    found: dict, tags: Iterable[str], cache: BaseCache | None = None
) -> dict[str, int | None]:
    """The numbers of `tags`, from `found` (a get_many answer) where it holds
    them (a present key) and from the cache for the rest."""
    numbers: dict[str, int | None] = {}
    missing = []
    for tag in tags:
        key = tag_key(tag)
        if key in found:
            numbers[tag] = found[key]
        else:
            missing.append(tag)
    if missing:
        more = read(cache or backend(), [tag_key(tag) for tag in missing])
        for tag in missing:
            numbers[tag] = more.get(tag_key(tag))
    return numbers


def fresh_entry(
    entry: Entry | None, found: dict, now: datetime, cache: BaseCache | None = None
) -> Entry | None:
    if entry is None or not entry.within_bound(now):
        return None
    return entry if entry.is_fresh(tag_numbers(found, entry.tags, cache), now) else None


def _lookup_keys(key: str, tags: Sequence[str]) -> list[str]:
    return [key, SEQUENCE_KEY, *(tag_key(tag) for tag in tags)]


def store(
    key: str,
    value: Any,
    rendered: Scope,
    *,
    now: datetime,
    timeout: int | None = None,
    cache: BaseCache | None = None,
) -> Entry | None:
    """Keep `value`, rendered in `rendered`, under `key`; None if its bound
    has passed already."""
    timeout = timeout or default_timeout()
    if rendered.until is not None:
        timeout = min(timeout, int((rendered.until - now).total_seconds()) + 1)
        if rendered.until <= now:
            return None
    entry = Entry(
        value=value,
        tags=tuple(sorted(rendered.tags)),
        started=rendered.started,
        until=rendered.until,
        stored_at=now,
        modified=rendered.modified,
    )
    (cache or backend()).set(key, entry, timeout)
    return entry


# The helper ------------------------------------------------------------------


def cached(
    key: str,
    render: Callable[[], T],
    *,
    tags: Iterable[str] = (),
    until: Callable[[T], datetime | None] | None = None,
    timeout: int | None = None,
    enabled: bool | None = None,
) -> T:
    """`render()`'s value, from the cache while fresh.

    `tags` are what the value is known to show before rendering it; what
    `render` depends on besides (`depend()`, nested `cached()` values) is
    added. `until(value)` is the moment the clock alone changes the value.
    Concurrent misses of one key wait for a single render (a lock with a
    short expiry) and are then served that render, which is fresh by the
    same rule: never a value older than what readers may see.
    """
    tags = tuple(sorted(set(tags)))
    if enabled is None:
        enabled = is_enabled()
    if not enabled:
        with scope() as rendered:
            depend(*tags)
            value = render()
            if until is not None:
                expires(until(value))
        return value
    cache = backend()
    found = read(cache, _lookup_keys(key, tags))
    now = timezone.now()
    entry = fresh_entry(found.get(key), found, now, cache)
    if entry is not None:
        entry.propagate()
        return entry.value
    started = current_sequence(found)
    lock = LOCK_KEY.format(key)
    if not take_lock(cache, lock):
        entry = wait_for_render(
            cache,
            lock,
            lambda: fresh_entry(
                (found := get_many(cache, _lookup_keys(key, tags))).get(key),
                found,
                timezone.now(),
                cache,
            ),
        )
        if entry is not None:
            entry.propagate()
            return entry.value
        started = current_sequence()
    try:
        with scope(started=started) as rendered:
            depend(*tags)
            value = render()
            if until is not None:
                expires(until(value))
        store(key, value, rendered, now=timezone.now(), timeout=timeout, cache=cache)
    finally:
        cache.delete(lock)
    return value


def take_lock(cache: BaseCache, lock: str, holder: int | None = None) -> bool:
    """Take `lock` to render what it guards; False if another holds it.
    Its value names this process (`holder`, asked of the cache when not
    given) where the cache can tell whether a process is alive (Redis:
    caching/backends.py), so that waiters need not wait out a holder that
    died mid-render."""
    if holder is None:
        holder = _holder(cache)
    return cache.add(lock, holder, LOCK_SECONDS)


def _holder(cache: BaseCache) -> int:
    holder_id = getattr(cache, "holder_id", None)
    return holder_id() if holder_id else 0


def wait_for_render(
    cache: BaseCache, lock: str, poll: Callable[[], T | None]
) -> T | None:
    """Single flight: another request holds `lock` and is rendering. Poll
    for its render (`poll()` answers it, fresh, or None) and return it; None
    once this request has taken over a lock released (or whose holder died)
    or waited WAIT_SECONDS, and should render itself."""
    release_if_holder_gone = getattr(cache, "release_if_holder_gone", None)
    holder = _holder(cache)  # asked once: the loop tries the lock every poll
    deadline = time.monotonic() + WAIT_SECONDS
    next_check = time.monotonic() + HOLDER_CHECK_SECONDS
    while time.monotonic() < deadline and not is_down(cache):
        time.sleep(POLL_SECONDS)
        rendered = poll()
        if rendered is not None:
            return rendered
        if release_if_holder_gone and time.monotonic() >= next_check:
            next_check = time.monotonic() + HOLDER_CHECK_SECONDS
            release_if_holder_gone(lock)
        if take_lock(cache, lock, holder):
            # The render may have been stored and its lock released since
            # the poll above: look once more before rendering again.
            rendered = poll()
            if rendered is not None:
                cache.delete(lock)
            return rendered
    return None


def cached_many(
    items: Sequence[tuple[str, Sequence[str]]],
    render: Callable[[list[int]], list[tuple[T, Sequence[str]]]],
    *,
    timeout: int | None = None,
    enabled: bool | None = None,
) -> list[T]:
    """`cached()` for many small values read together (a page of cards):
    `items` are (key, tags) pairs; `render(indexes)` renders the missing
    ones, each with the tags it shows besides. Two round trips at most when
    all are fresh. No single-flight: the page they make up has it."""
    if enabled is None:
        enabled = is_enabled()
    if not enabled:
        values = []
        for value, tags in render(list(range(len(items)))):
            depend(*tags)
            values.append(value)
        for _key, tags in items:
            depend(*tags)
        return values
    cache = backend()
    wanted = [SEQUENCE_KEY]
    for key, tags in items:
        wanted.append(key)
        wanted.extend(tag_key(tag) for tag in tags)
    found = read(cache, wanted)
    now = timezone.now()
    entries = [found.get(key) for key, _tags in items]
    extra = {
        tag_key(tag)
        for entry in entries
        if entry is not None
        for tag in entry.tags
        if tag_key(tag) not in found
    }
    if extra:
        found.update(read(cache, sorted(extra)))
    values: list[Any] = [None] * len(items)
    missing = []
    for index, entry in enumerate(entries):
        if entry is not None and entry.is_fresh(
            tag_numbers(found, entry.tags, cache), now
        ):
            entry.propagate()
            values[index] = entry.value
        else:
            missing.append(index)
    if missing:
        started = current_sequence(found)
        fresh = {}
        for index, (value, tags) in zip(missing, render(missing), strict=True):
            all_tags = {*items[index][1], *tags}
            depend(*all_tags)
            values[index] = value
            fresh[items[index][0]] = Entry(
                value, tuple(sorted(all_tags)), started, None, now
            )
        cache.set_many(fresh, timeout or default_timeout())
    return values


def clock(
    key: str,
    compute: Callable[[], tuple[datetime | None, datetime | None]],
    *,
    tags: Iterable[str],
) -> tuple[datetime | None, datetime | None]:
    """A clock source: (the last moment at or before now, the next one after
    it) at which the clock alone changed or will change what `tags` show.

    Computed once per change of `tags` and again when the next moment has
    passed; whatever is rendered while reading it expires at that moment
    and dates itself no earlier than the last one, but does not depend on
    `tags`: every change that moves a clock also touches the lists it
    moves by their own tags (articles/invalidation.py).
    """

    def remember() -> tuple[datetime | None, datetime | None]:
        moments = compute()
        modified(moments[0])
        return moments

    # What reads the clock takes its moments, not its tags: a change that
    # moves the clock touches the lists it concerns by their own tags.
    with scope(isolated=True) as read_clock:
        # Kept even with every other cache off, as the sections are: it is
        # what bounds the max-age given to browsers and CDNs, one small
        # query a change.
        moments = cached(
            key, remember, tags=tags, until=lambda moments: moments[1], enabled=True
        )
    expires(read_clock.until)
    modified(read_clock.modified)
    return moments
