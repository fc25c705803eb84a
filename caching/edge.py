"""Purging the edge: the Varnish nodes (or a CDN) in front of the site.

Pages name what they show in `Surrogate-Key` (caching/pages.py); the edge
indexes them (deploy/varnish/default.vcl, xkey). A change readers can see
invalidates its tags here as in the page cache (articles/invalidation.py)
and, on commit, the same tags are purged at every node named in
`EDGE_PURGE_URLS`, by the background worker (caching/tasks.py), with
retries. Not before the commit: a reader's request between the purge and
the commit would put the old page back.

The tags of one transaction go out together, once it commits; a rolled
back transaction sends nothing. Purges are hard (`xkey-purge`): the
objects go, stale copies kept for grace with them, so a killed piece is
not served again even while the backend is down. A soft purge would keep
the old page servable as grace, and the next reader would get it.

A render that read the rows before the commit can reach the edge just
after the purge (a request in flight during the commit). The worker
purges once more `EDGE_PURGE_REPEAT_SECONDS` later, a time longer than any
render, so no such copy outlives it.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction

from . import core, parts

logger = logging.getLogger(__name__)

# Varnish refuses request headers longer than http_req_hdr_len (8 kB by
# default): keys go out in batches below that.
MAX_HEADER_BYTES = 4000
TIMEOUT_SECONDS = 5.0


class PurgeFailed(Exception):
    """A node did not confirm a purge; the worker tries again."""


@dataclass(frozen=True)
class Purged:
    """One node's answer to one batch: how many objects it removed."""

    url: str
    keys: tuple[str, ...]
    objects: int | None


def purge_urls() -> list[str]:
    """The edge nodes to purge (`EDGE_PURGE_URLS`); none: purging is off."""
    return list(getattr(settings, "EDGE_PURGE_URLS", []))


def batches(keys: Iterable[str], limit: int = MAX_HEADER_BYTES) -> Iterator[list[str]]:
    """`keys`, sorted and without repeats, in groups whose space-separated
    header value stays under `limit` bytes."""
    batch: list[str] = []
    size = 0
    for key in sorted(set(keys)):
        if batch and size + 1 + len(key) > limit:
            yield batch
            batch, size = [], 0
        batch.append(key)
        size += len(key) + (1 if size else 0)
    if batch:
        yield batch


def send_purge(
    url: str, keys: Sequence[str], *, timeout: float = TIMEOUT_SECONDS
) -> list[Purged]:
    """Purge `keys` at one Varnish node (hard: from grace too); raises
    `PurgeFailed` unless it confirms every batch."""
    done = []
    for batch in batches(keys):
        request = urllib.request.Request(
            url, method="PURGE", headers={"xkey-purge": " ".join(batch)}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                reason = response.reason or ""
        except (urllib.error.URLError, OSError) as error:
            raise PurgeFailed(f"{url}: {error}") from error
        # Varnish answers "Purged N" (default.vcl).
        count = reason.removeprefix("Purged ").strip()
        done.append(Purged(url, tuple(batch), int(count) if count.isdigit() else None))
    return done


def purge(keys: Iterable[str], *, urls: Sequence[str] | None = None) -> list[Purged]:
    """Purge `keys` at every node in `urls` (default: `EDGE_PURGE_URLS`).

    Every node is tried; `PurgeFailed` names the ones that failed once all
    have been, so one node down does not keep the others stale.
    """
    keys = sorted(set(keys))
    if not keys:
        return []
    done: list[Purged] = []
    failed: list[str] = []
    for url in purge_urls() if urls is None else urls:
        try:
            done.extend(send_purge(url, keys))
        except PurgeFailed as error:
            logger.warning("edge purge failed: %s", error)
            failed.append(str(error))
    if failed:
        raise PurgeFailed("; ".join(failed))
    return done


# On commit ------------------------------------------------------------------

PENDING_ATTRIBUTE = "_edge_purge_pending"
PART_PREFIX = "part:"


def purge_on_commit(
    tags: Iterable[str], *, parts: bool = False, using: str | None = None
) -> None:
    """Purge `tags` at the edge once the current transaction commits; with
    `parts`, the pages whose parts show them too (`surrogate_keys`).

    Tags of one transaction are gathered and sent in one task, enqueued
    when it commits (at once outside a transaction); nothing is sent when
    it rolls back, or when no edge is configured.
    """
    if not purge_urls():
        return
    tags = set(tags)
    if parts:
        tags |= {part_key(tag) for tag in tags}
    if not tags:
        return
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        enqueue(tags)
        return
    pending: set[str] | None = getattr(connection, PENDING_ATTRIBUTE, None)
    if pending is None or not _is_scheduled(connection, pending):
        # First change of this transaction (or the last one rolled back
        # and took its callback along): one flush, when it commits.
        pending = set()
        setattr(connection, PENDING_ATTRIBUTE, pending)
        transaction.on_commit(
            partial(_flush, connection, pending), using=using, robust=True
        )
    pending.update(tags)


def _is_scheduled(connection, pending: set[str]) -> bool:
    return any(
        isinstance(callback, partial)
        and callback.func is _flush
        and callback.args[1] is pending
        for _savepoints, callback, _robust in connection.run_on_commit
    )


def _flush(connection, pending: set[str]) -> None:
    if getattr(connection, PENDING_ATTRIBUTE, None) is pending:
        setattr(connection, PENDING_ATTRIBUTE, None)
    enqueue(pending)


def enqueue(tags: Iterable[str]) -> None:
    """Hand the purge of `tags` to the worker, one task per node, so a node
    that is down is retried alone."""
    from . import tasks

    keys = sorted(set(tags))
    for url in purge_urls():
        tasks.purge_edge(keys, url)


# What the edge indexes a page by ----------------------------------------------


def surrogate_keys(shown: core.Scope) -> list[str]:
    """The keys a page goes out with (`Surrogate-Key`, `Cache-Tag`).

    What the page shows itself; what its parts show, less the lists they
    are; and those lists under `part:` (`part:list:latest-en`). The edge
    stores a page with its parts in it (no splicing per request, as the
    page cache does): were the latest-news sidebar's list named plainly on
    every page, each publish would purge every page. A piece entering a
    part's list reaches the edge within the page's max-age (capped by that
    list's next change); a piece leaving what readers see (a kill) purges
    the `part:` keys too, so it leaves every page at once
    (`purge_on_commit(..., parts=True)`).
    """
    lists: set[str] = set()
    for placeholder in shown.parts or ():
        part = parts._registry.get(placeholder.name)
        if part is not None:
            lists.update(part.tags(placeholder.language, **dict(placeholder.params)))
    keys = shown.tags | (shown.part_tags - lists) | {part_key(tag) for tag in lists}
    return sorted(keys)


def part_key(tag: str) -> str:
    """The key of `tag` shown by a part of a page (a sidebar), not the page."""
    return PART_PREFIX + tag
