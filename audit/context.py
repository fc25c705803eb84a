"""Who is making the current request's changes, for signal receivers."""

from __future__ import annotations

from contextvars import ContextVar

_request: ContextVar = ContextVar("audit_request", default=None)


def current_actor():
    """The signed-in user of the request being served; None in the shell,
    migrations and management commands."""
    request = _request.get()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


class AuditActorMiddleware:
    """Makes the current request's user available to the audit receivers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
