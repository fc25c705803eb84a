"""Small database helpers shared by the apps."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime


def first_datetimes(
    querysets: Sequence[QuerySet], using: str = "default", *, keep_empty: bool = False
) -> list[datetime | None]:
    """The first value of each one-column query, fetched in one round trip.

    Each queryset selects one datetime column, ordered and sliced to one row
    (`.order_by(f).values(f)[:1]`), so every part is an index-backed LIMIT 1;
    empty parts are left out of the result, or None in their place with
    `keep_empty`.
    """
    parts, params = [], []
    for queryset in querysets:
        sql, part_params = queryset.query.sql_with_params()
        parts.append(f"({sql})")
        params.extend(part_params)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        row = cursor.fetchone()
    if keep_empty:
        return [None if value is None else _as_datetime(value) for value in row]
    return [_as_datetime(value) for value in row if value is not None]


def _as_datetime(value: datetime | str) -> datetime:
    # Raw SQL skips the field converters: SQLite answers in naive UTC text.
    if isinstance(value, str):
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value
