"""Opaque cursors over (publish time, id), newest first.

A cursor names the last item of a page; the next page is everything
strictly older in that order. Pieces published meanwhile sort before the
cursor, so walking the pages never repeats or skips an item, however much
is published during the walk.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime, timedelta

from django.db import models

from articles.models import Article


class InvalidCursor(ValueError):
    pass


# PostgreSQL refuses times whose UTC offset is 16 hours or more, and no
# place on Earth is more than 14 hours from UTC: such a time is a mistake.
MAX_UTC_OFFSET = timedelta(hours=16)


def as_utc(value: datetime) -> datetime:
    """An aware time from a client, in UTC.

    Raises ValueError for an offset of 16 hours or more, or a time that
    leaves the calendar once moved to UTC (year 1 east of Greenwich), so
    the database is never handed a time it cannot store.
    """
    offset = value.utcoffset()
    if offset is None or abs(offset) >= MAX_UTC_OFFSET:
        raise ValueError(value)
    try:
        return value.astimezone(UTC)
    except OverflowError as error:
        raise ValueError(value) from error


def encode_cursor(article: Article) -> str:
    # Microseconds are kept: the cursor must match the stored time exactly.
    raw = json.dumps([article.published_at.isoformat(), article.pk])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        when, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        published_at = as_utc(datetime.fromisoformat(when))
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as error:
        raise InvalidCursor(cursor) from error
    if not isinstance(pk, int) or isinstance(pk, bool):
        raise InvalidCursor(cursor)
    return published_at, pk


def after_cursor_q(cursor: str) -> models.Q:
    """Items after `cursor` in the newest-first order."""
    published_at, pk = decode_cursor(cursor)
    return models.Q(published_at__lt=published_at) | models.Q(
        published_at=published_at, pk__lt=pk
    )
