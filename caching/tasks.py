"""Background work of the caching package (Huey, `huey.contrib.djhuey`)."""

from __future__ import annotations

from django.conf import settings
from huey.contrib.djhuey import task

from . import edge


# Retried with back-off (1, 2, 4, ... seconds, about two minutes in all):
# a node restarting misses no purge. Idempotent: purging twice is purging.
@task(retries=7, retry_delay=1, retry_backoff=2)
def purge_edge(keys: list[str], url: str, repeat: bool = True) -> int:
    """Purge `keys` at the edge node `url`; the number of objects removed.

    Purged again `EDGE_PURGE_REPEAT_SECONDS` later (caching/edge.py: a
    render in flight during the commit may reach the edge after the first).
    """
    done = edge.purge(keys, urls=[url])
    delay = getattr(settings, "EDGE_PURGE_REPEAT_SECONDS", 0)
    if repeat and delay:
        purge_edge.schedule((keys, url), {"repeat": False}, delay=delay)
    return sum(purged.objects or 0 for purged in done)
