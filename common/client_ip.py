"""The client's address, for login throttling and the read beacon, behind a
known number of proxies.

Behind a load balancer every request comes from the balancer's address, so
locking out "username + address" would lock out the username for everyone.
`TRUSTED_PROXY_COUNT` says how many proxies of ours stand in front of the
site; each appends the address it saw to X-Forwarded-For, so the client's is
that many entries from the right. Entries further left came from the client
and are ignored: they can be forged. With no proxies (the default) the
connection's own address is used.
"""

from __future__ import annotations

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)

# Set once the missing-proxy-count warning has been logged by this process.
_warned_of_forwarding = False


def client_ip(request: HttpRequest) -> str | None:
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies and _is_address(forwarded[-proxies]):
            return forwarded[-proxies]
    elif "HTTP_X_FORWARDED_FOR" in request.META:
        _warn_of_forwarding(request.META.get("REMOTE_ADDR"))
    return request.META.get("REMOTE_ADDR")


def _is_address(value: str) -> bool:
    # Only a miscounted proxy chain can put a client's text here; the
    # lockout stores addresses in an inet column, which refuses anything else.
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _warn_of_forwarding(remote_addr: str | None) -> None:
    """Say once per process that a proxy seems to be in front while
    TRUSTED_PROXY_COUNT is 0: then every client has the proxy's address, and
    five wrong passwords from anyone lock a username out for everyone.

    A check at `check --deploy` time cannot see headers, so the warning comes
    with the first request that shows one. A client can send the header
    itself, so this is a hint to check the setting, not proof of a proxy.
    """
    global _warned_of_forwarding
    if _warned_of_forwarding:
        return
    _warned_of_forwarding = True
    logger.warning(
        "X-Forwarded-For arrived from %s but TRUSTED_PROXY_COUNT is 0: if a "
        "proxy or load balancer stands in front of the site, every client "
        "shares its address for login lockouts and the read beacon. Set "
        "TRUSTED_PROXY_COUNT to the number of proxies.",
        remote_addr,
    )
