"""The reader's address, for login throttling, behind a known number of proxies.

Behind a load balancer every request comes from the balancer's address, so
locking out "username + address" would lock out the username for everyone.
`TRUSTED_PROXY_COUNT` says how many proxies of ours stand in front of the
site; each appends the address it saw to X-Forwarded-For, so the client's is
that many entries from the right. Entries further left came from the client
and are ignored: they can be forged. With no proxies (the default) the
connection's own address is used.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
