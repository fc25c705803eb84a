"""Error pages: a database outage is a 503 with Retry-After, not a 500."""

from __future__ import annotations

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views.defaults import server_error as django_server_error

# Seconds a client or a CDN should wait before asking again.
RETRY_AFTER = 30
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable_response() -> HttpResponse:
    # Rendered without the request: no context processor may touch the
    # database that is down.
    html = loader.get_template("503.html").render(
        {"SITE_NAME": settings.SITE_NAME, "retry_after": RETRY_AFTER}
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: an unreachable database answers 503, anything else 500.

    Django calls this for every uncaught exception, whichever middleware or
    view raised it, with the exception still in sys.exc_info().
    """
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        return database_unavailable_response()
    return django_server_error(request)
