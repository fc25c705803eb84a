"""`/favicon.ico`: browsers ask for it on every site whether a page links it
or not, and a 404 there is an error in every reader's console."""

from __future__ import annotations

import functools
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from caching.pages import shows

ICON = "img/favicon.ico"


@functools.cache
def icon_bytes() -> bytes:
    # From the source tree rather than STATIC_ROOT, so it is there before
    # collectstatic (tests, a fresh checkout).
    return Path(finders.find(ICON)).read_bytes()


@require_safe
@cache_control(max_age=7 * 24 * 3600, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    # Nothing in the database changes it.
    shows()
    return HttpResponse(icon_bytes(), content_type="image/x-icon")
