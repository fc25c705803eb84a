"""A Redis cache that degrades to "no cache" instead of failing requests.

Django's RedisCache raises when Redis is unreachable, which would turn every
page into a 500 whenever the cache restarts. This backend logs the error,
answers as an empty cache (reads miss, writes are dropped, `add` and
`incr` count from scratch) and leaves Redis alone for a few seconds before
trying again, so a dead Redis costs one failed connection per process per
back-off rather than one per cache call.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
import time

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError as RedisResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _degrades_to(fallback):
    """Run the cache call; on a connection failure return `fallback(*args)`."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self.is_backing_off():
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                self.back_off(error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorator


def _default(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _empty(*args, **kwargs):
    return {}


def _all_failed(data, *args, **kwargs):
    return list(data)


def _counted_from_scratch(key, delta=1, *args, **kwargs):
    return delta


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client builds a new `redis.Redis` for every cache call, and
    building one (its table of reply callbacks) costs more than a cache hit
    round trip. A client is safe to share (connections come from its pool),
    so each pool gets one for the life of the process."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


# Advance the sequence to at least the server's clock in microseconds and
# record the new number against each tag, never lowering one: two changes
# committing together must not leave a tag with the older number
# (caching/core.py).
ADVANCE_SCRIPT = """
local now = redis.call('TIME')
local clock = tonumber(now[1]) * 1000000 + tonumber(now[2])
local number = redis.call('INCR', KEYS[1])
if number < clock then
  redis.call('SET', KEYS[1], clock)
  number = clock
end
for i = 2, #KEYS do
  local known = redis.call('GET', KEYS[i])
  if (not known) or tonumber(known) < number then
    redis.call('SET', KEYS[i], number)
  end
end
return number
"""

# Raise a number to at least ARGV[1], never lowering it: two writers
# recording positions out of order must leave the higher (replicas/).
RAISE_SCRIPT = """
local known = redis.call('GET', KEYS[1])
if (not known) or tonumber(known) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1])
end
"""


class ResilientRedisCache(RedisCache):
    back_off_seconds = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._down_until = 0.0

    def is_backing_off(self) -> bool:
        return time.monotonic() < self._down_until

    def back_off(self, error: Exception) -> None:
        logger.warning(
            "Redis cache unavailable (%s); serving uncached for %.0f s",
            error,
            self.back_off_seconds,
        )
        self._down_until = time.monotonic() + self.back_off_seconds

    def ping(self) -> bool:
        """Whether Redis answers now (for /healthz); ignores the back-off."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except UNAVAILABLE:
            return False

    def validate_key(self, key: str) -> None:
        """Nothing to check: BaseCache warns of keys memcached would refuse
        (over 250 characters, spaces), which Redis takes as they are. A page
        lookup makes some twenty keys, and checking each character of each
        was an eighth of a cache hit's time."""

    def advance_sequence(self, sequence_key: str, tag_keys: list[str]) -> int:
        """caching.core.advance() in one atomic step on the server."""
        if self.is_backing_off():
            return 0
        keys = [self.make_and_validate_key(k) for k in (sequence_key, *tag_keys)]
        try:
            client = self._cache.get_client(keys[0], write=True)
            return int(client.eval(ADVANCE_SCRIPT, len(keys), *keys))
        except UNAVAILABLE as error:
            self.back_off(error)
            return 0

    def raise_number(self, key: str, value: int) -> None:
        """Set `key` (kept without expiry) to `value` unless it holds a
        higher number, in one atomic step on the server."""
        if self.is_backing_off():
            return
        key = self.make_and_validate_key(key)
        try:
            client = self._cache.get_client(key, write=True)
            client.eval(RAISE_SCRIPT, 1, key, int(value))
        except UNAVAILABLE as error:
            self.back_off(error)

    def holder_id(self) -> int:
        """Who this process is, for the render locks it takes
        (caching.core.take_lock): the Redis client id of a connection it
        keeps open and uses for nothing else. The server drops that
        connection when the process dies, however it dies, so a waiter
        can tell a lock whose holder is gone (`release_if_holder_gone`).
        0 when Redis cannot say."""
        if self.is_backing_off():
            return 0
        pool = self._cache.get_client(write=True).connection_pool
        try:
            return _liveness_client_id(pool)
        except RedisResponseError:  # CLIENT ID refused (an ACL, an old server)
            return 0
        except UNAVAILABLE as error:
            self.back_off(error)
            return 0

    def release_if_holder_gone(self, lock: str) -> bool:
        """Delete `lock` if the process that holds it has died (its
        liveness connection is gone); whether it did. False whenever that
        cannot be known: no holder named, or a server refusing CLIENT LIST."""
        if self.is_backing_off():
            return False
        key = self.make_and_validate_key(lock)
        try:
            client = self._cache.get_client(key, write=True)
            holder = client.get(key)
            if not holder or not holder.isdigit() or int(holder) == 0:
                return False
            if client.client_list(client_id=[int(holder)]):
                return False
            # Only the lock of the holder found dead: it may have been
            # released and taken by another process meanwhile.
            return bool(client.eval(RELEASE_SCRIPT, 1, key, holder))
        except RedisResponseError:
            return False
        except UNAVAILABLE as error:
            self.back_off(error)
            return False

    def redis_client(self):
        """The Redis client itself, for data the cache API cannot express
        (readership.rankings' sorted sets); None while backing off. Callers
        catch UNAVAILABLE and call `back_off`."""
        if self.is_backing_off():
            return None
        return self._cache.get_client(write=True)

    get = _degrades_to(_default)(RedisCache.get)
    set = _degrades_to(_nothing)(RedisCache.set)
    add = _degrades_to(_false)(RedisCache.add)
    touch = _degrades_to(_false)(RedisCache.touch)
    delete = _degrades_to(_false)(RedisCache.delete)
    get_many = _degrades_to(_empty)(RedisCache.get_many)
    set_many = _degrades_to(_all_failed)(RedisCache.set_many)
    delete_many = _degrades_to(_nothing)(RedisCache.delete_many)
    has_key = _degrades_to(_false)(RedisCache.has_key)
    incr = _degrades_to(_counted_from_scratch)(RedisCache.incr)
    clear = _degrades_to(_false)(RedisCache.clear)


# Deletes KEYS[1] if it still holds ARGV[1].
RELEASE_SCRIPT = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""

# One per process and server: caches are made per thread, the process dies
# once. A process forked from another opens its own.
_liveness: dict[tuple[int, str], redis.Redis] = {}
_liveness_lock = threading.Lock()


def _liveness_client_id(pool: redis.ConnectionPool) -> int:
    """The client id of this process's liveness connection to `pool`'s
    server, opened on first use (and again if the server dropped it)."""
    key = (os.getpid(), repr(sorted(pool.connection_kwargs.items())))
    with _liveness_lock:
        if key not in _liveness:
            _liveness[key] = redis.Redis(
                connection_pool=redis.ConnectionPool(
                    connection_class=pool.connection_class,
                    max_connections=1,
                    **{**pool.connection_kwargs, "client_name": "newsroom-liveness"},
                )
            )
        return int(_liveness[key].client_id())
