"""Background work of readership (Huey, `huey.contrib.djhuey`)."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

import editions

from . import rankings


@db_periodic_task(crontab(minute=f"*/{rankings.REFRESH_MINUTES}"))
def refresh_most_read() -> list[str]:
    """Rebuild each edition's most-read sets of today from the daily counts,
    so that no reader's request pays for it (readership/rankings.py). The
    editions rebuilt; none without Redis."""
    today = timezone.localdate()
    return [
        language for language in editions.codes() if rankings.refresh(language, today)
    ]
