"""The admin refuses a NUL byte in its address with a 400, never a 500.

PostgreSQL text cannot hold a NUL (0x00), so one in a list filter
(`?status=%00`), the admin search, the autocomplete's `term` or the tag
suggestions' `q` failed inside the query as a 500. Nobody types a NUL and no
value the admin reads from its address holds one, so a request carrying one
is refused before any view runs: one rule instead of a check in each of
Django's and our own views.

Only the address (path and query string) is checked. Posted forms validate
their own fields and answer a NUL with a form error that keeps what was
typed; a 400 here would lose it. The reader site passes only the query
parameters its pages read (caching.pages.normalise_query), and those go
through forms; the subscriber API answers its own JSON errors.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

NUL = "\x00"


def address_has_nul(request: HttpRequest) -> bool:
    if NUL in request.path_info:
        return True
    return any(
        NUL in name or any(NUL in value for value in values)
        for name, values in request.GET.lists()
    )


class RejectNulBytesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(f"/{settings.ADMIN_URL}") and (
            address_has_nul(request)
        ):
            return HttpResponseBadRequest(
                "Bad request: the address contains a NUL character (%00).",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
