"""`/healthz` for a load balancer: database and cache status as JSON.

200 while the database answers; 503 when it does not, so the balancer takes
the node out. A cache outage is reported but keeps 200: the site serves
uncached (see caching/backends.py), and taking every node out because the
shared Redis is down would turn a slow site into no site.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .errors import DATABASE_UNAVAILABLE


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DATABASE_UNAVAILABLE:
        # A broken connection is dropped now, so the next check reconnects.
        connection.close_if_unusable_or_obsolete()
        return False


def cache_ok() -> bool:
    ping = getattr(cache, "ping", None)
    if ping is not None:
        return ping()
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 5)
    ok = cache.get(key) == "ok"
    cache.delete(key)
    return ok


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    database, cache_status = database_ok(), cache_ok()
    return JsonResponse(
        {
            "status": "ok"
            if database and cache_status
            else "degraded"
            if database
            else "unavailable",
            "database": "ok" if database else "unavailable",
            "cache": "ok" if cache_status else "unavailable",
        },
        status=200 if database else 503,
    )
