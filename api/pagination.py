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
from datetime import datetime

from django.db import models

from articles.models import Article


class InvalidCursor(ValueError):
    pass


def encode_cursor(article: Article) -> str:
    # Microseconds are kept: the cursor must match the stored time exactly.
    raw = json.dumps([article.published_at.isoformat(), article.pk])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        when, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        published_at = datetime.fromisoformat(when)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as error:
        raise InvalidCursor(cursor) from error
    if published_at.tzinfo is None or not isinstance(pk, int):
        raise InvalidCursor(cursor)
    return published_at, pk


def after_cursor_q(cursor: str) -> models.Q:
    """Items after `cursor` in the newest-first order."""
    published_at, pk = decode_cursor(cursor)
    return models.Q(published_at__lt=published_at) | models.Q(
        published_at=published_at, pk__lt=pk
    )
