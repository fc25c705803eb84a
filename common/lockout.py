"""Login throttling that stops password guessing without letting strangers
lock staff out.

The policy, on top of django-axes (AXES_HANDLER points here):

- **Username and address.** After AXES_FAILURE_LIMIT wrong passwords for
  one username from one address, that username is locked *from that
  address* for AXES_COOLOFF_TIME (each further failure restarts the wait).
  The same person signs in as usual from any other address.
- **Address.** After LOGIN_FAILURES_PER_ADDRESS wrong passwords from one
  address, whatever the usernames, that address is locked for the cool-off.
  This stops one machine from trying a few passwords on every account
  while staying under the per-username limit.
- **Never the username alone.** A lock on a username wherever the guesses
  come from would let anyone lock the editor-in-chief out during breaking
  news by typing wrong passwords; only the guessing address waits.
- A successful sign-in clears the failures of its own username and address
  only, so signing in to one's own account buys no fresh guesses at another.

"Address" is `common.client_ip.client_ip`: TRUSTED_PROXY_COUNT must match
the proxies in front of the site, or every reader shares the proxy's
address and these limits fall on everyone behind it.
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


class LoginThrottle(AxesDatabaseHandler):
    """Axes' database handler with a second, per-address limit."""

    def address_failures(self, request: HttpRequest) -> int:
        """Wrong passwords from the request's address within the cool-off,
        for every username."""
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(
                attempt_time__gte=get_cool_off_threshold(request)
            )
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0

    def is_address_locked(self, request: HttpRequest) -> bool:
        return self.address_failures(request) >= settings.LOGIN_FAILURES_PER_ADDRESS

    def is_locked(self, request: HttpRequest, credentials: dict | None = None) -> bool:
        return super().is_locked(request, credentials) or self.is_address_locked(
            request
        )

    def user_login_failed(
        self,
        sender,
        credentials: dict,
        request: HttpRequest | None = None,
        **kwargs,
    ) -> None:
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        # The failure that reaches the address's limit is refused with the
        # lockout page at once, as the one reaching the username's is.
        if (
            request is None
            or request.axes_locked_out
            or self.is_whitelisted(request, credentials)
            or not self.is_address_locked(request)
        ):
            return
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes",
            request=request,
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )
