"""The worker's side of ingest (Huey, discovered by `manage.py run_huey`).

Every minute the scheduler claims the sources that are due and queues one
poll per source, so a slow source occupies one worker thread while the
others poll theirs. A poll never raises (`services.poll_source` records any
failure on its source and backs off), so Huey's own retries are not used:
the source's next poll time is the retry.
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import services
from .models import Source


@db_periodic_task(crontab(minute="*"))
def poll_due() -> list[int]:
    """Queue a poll for each due source; returns the ids it queued."""
    claimed = services.claim_due_sources()
    for source_id in claimed:
        poll_one(source_id)
    return claimed


@db_task()
def poll_one(source_id: int) -> None:
    source = Source.objects.filter(pk=source_id, enabled=True).first()
    if source is not None:
        services.poll_source(source=source)
