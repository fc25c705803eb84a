"""Outbound HTTP to addresses that editors type: public addresses only.

Ingest sources (`ingest/fetching.py`) and subscribers' webhooks
(`api/push.py`) make the server request URLs typed into the admin. Left
alone, an editor's account (or a stolen one) could point them at the
server's own neighbours: Redis or PostgreSQL on 127.0.0.1, the cloud's
metadata service on 169.254.169.254, an admin panel on 10.x. The guard:

- only http and https, with no proxy from the environment (a proxy would
  resolve the name itself, out of sight of the check) and none of urllib's
  ftp, file or data handlers;
- the host is resolved once per connection and EVERY address it resolves
  to must be public (`is_public`), or the connection is refused before a
  byte is sent;
- the socket connects to the very address that was checked, so a name
  that resolves to a public address for a form's validation and to
  127.0.0.1 a moment later (DNS rebinding) gains nothing; TLS still checks
  the certificate against the name (SNI and Host are unchanged);
- every redirect opens a new connection, checked the same way.

`OUTBOUND_ALLOW_PRIVATE` turns the address check off (the default under
DEBUG, where the demo's sources read the site's own feeds on 127.0.0.1);
`OUTBOUND_ALLOWED_HOSTS` lets named hosts or networks through in
production, e.g. an agency's own wire server on its private network.

Forms call `validate_url` so that an editor hears about a refused address
when saving it; the check at connection time is the one that counts.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import urllib.request
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _

__all__ = [
    "Refused",
    "is_public",
    "opener",
    "permitted",
    "validate_url",
]

SCHEMES = frozenset({"http", "https"})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# NAT64's well-known prefix carries an IPv4 address in its last 32 bits; on
# an IPv6-only host with DNS64 every IPv4 site resolves into it.
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")

PRIVATE_MESSAGE = _(
    "This address is on a private network; the newsroom only fetches from "
    "public addresses. Ask an administrator to add it to OUTBOUND_ALLOWED_HOSTS."
)
SCHEME_MESSAGE = _("Only http and https addresses can be used.")


class Refused(Exception):
    """A URL the newsroom will not request; the message says why.

    Deliberately not an OSError: urllib would wrap it in a URLError like a
    network fault, and callers treat a refusal as final, not as something
    to retry.
    """


# Addresses -------------------------------------------------------------------


def _address(value: str | IPAddress) -> IPAddress:
    if isinstance(value, str):
        # getaddrinfo gives IPv6 link-local addresses with their zone.
        value = ipaddress.ip_address(value.split("%", 1)[0])
    return value


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for, where it reaches one:
    IPv4-mapped (::ffff:a.b.c.d), 6to4 (2002::/16) or NAT64 (64:ff9b::/96)."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(value: str | IPAddress) -> bool:
    """Whether an address is on the public internet: not loopback, private
    (RFC 1918, unique-local fc00::/7), link-local (169.254.169.254 among
    them), shared (CGNAT 100.64.0.0/10), multicast, unspecified, reserved or
    for documentation, nor an IPv6 form of such an IPv4 address.

    `is_global` is the base; the other tests cover what it lets through
    (multicast, the deprecated site-local fec0::/10 and IPv4-compatible
    ::a.b.c.d addresses, reserved ranges)."""
    address = _address(value)
    if address.version == 6:
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public(embedded)
        if address.is_site_local:
            return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_unspecified
        or address.is_reserved
    )


@lru_cache(maxsize=8)
def _parse_allowed(entries: tuple[str, ...]) -> tuple[frozenset[str], tuple]:
    names, networks = set(), []
    for entry in entries:
        entry = entry.strip()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            if "/" in entry or entry.replace(".", "").isdigit():
                raise ImproperlyConfigured(
                    f"OUTBOUND_ALLOWED_HOSTS: {entry!r} is neither a host name "
                    "nor a network (CIDR)."
                ) from None
            names.add(entry.lower().rstrip("."))
    return frozenset(names), tuple(networks)


def allowed_hosts() -> tuple[frozenset[str], tuple[IPNetwork, ...]]:
    """OUTBOUND_ALLOWED_HOSTS as (host names, networks)."""
    entries = getattr(settings, "OUTBOUND_ALLOWED_HOSTS", ())
    if isinstance(entries, str):
        entries = entries.split(",")
    return _parse_allowed(tuple(entries))


def permitted(host: str, value: str | IPAddress) -> bool:
    """Whether a connection to `host`, resolved to the address `value`, may
    be made under the settings."""
    if getattr(settings, "OUTBOUND_ALLOW_PRIVATE", False):
        return True
    address = _address(value)
    if is_public(address):
        return True
    names, networks = allowed_hosts()
    if host.lower().rstrip(".") in names:
        return True
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(
        address.version == network.version and address in network
        for network in networks
    )


def _refusal(host: str, address: str) -> Refused:
    shown = host if host == address else f"{host} ({address})"
    return Refused(
        f"Refused: {shown} is not a public address; the newsroom only connects "
        "to public addresses (an administrator may allow it in "
        "OUTBOUND_ALLOWED_HOSTS)."
    )


def _resolve(host: str, port: int) -> list[tuple]:
    return socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)


def check_host(host: str, port: int = 0) -> list[tuple]:
    """Resolve `host` and raise `Refused` unless every address it resolves
    to is permitted: a name with one private address among public ones is
    refused whole. Returns getaddrinfo's answer, to connect to."""
    infos = _resolve(host, port)
    for info in infos:
        address = info[4][0]
        if not permitted(host, address):
            raise _refusal(host, address)
    return infos


# Connections -----------------------------------------------------------------


def connect(
    address: tuple[str, int],
    timeout: float | object | None = socket._GLOBAL_DEFAULT_TIMEOUT,
    source_address: tuple[str, int] | None = None,
    **kwargs,
) -> socket.socket:
    """`socket.create_connection` that connects only to addresses it has
    checked, the ones it resolved itself a moment before."""
    host, port = address
    error: OSError | None = None
    for family, kind, proto, _name, sockaddr in check_host(host, port):
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            error = exc
            sock.close()
    raise error or OSError(f"{host} resolves to no address")


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The one hook http.client gives for how the socket is opened: the
        # rest of connect() (TCP_NODELAY, and for HTTPS the TLS handshake
        # with the host name as SNI) stays the standard library's.
        self._create_connection = connect


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = connect


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_HTTPSConnection, req, context=self._context)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http and https only; the next hop's connection
    is checked like the first. Credentials stay with the host they were
    meant for (a source's API key is not handed to whoever it redirects to).
    """

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme.lower() not in SCHEMES:
            raise Refused(f"Refused: a redirect to {newurl!r}, not http or https.")
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and new.host.lower() != req.host.lower():
            for name in ("Authorization", "Cookie"):
                new.remove_header(name)
        return new


class _OtherSchemes(urllib.request.BaseHandler):
    """Any scheme but http and https (file:, ftp:, data: …): refused, a
    final answer, where urllib's UnknownHandler raises a URLError that
    callers would take for a network fault and retry."""

    def unknown_open(self, req):
        raise _scheme_refusal(req.full_url)


def _scheme_refusal(url: str) -> Refused:
    return Refused(f"Only http and https addresses can be requested: {url!r}.")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A 3xx is the answer (urllib then raises it as an HTTPError)."""

    def redirect_request(self, *args, **kwargs):
        return None


def opener(
    *, redirects: bool = True, context: ssl.SSLContext | None = None
) -> urllib.request.OpenerDirector:
    """An opener for URLs typed by users: `urllib.request.build_opener`
    without the proxy, ftp, file and data handlers (other schemes raise
    `Refused`), with every connection checked. `redirects=False` returns 3xx
    answers as HTTPErrors; `context` is the TLS context (default: the
    system's CAs, names verified)."""
    director = urllib.request.OpenerDirector()
    for handler in (
        _OtherSchemes(),
        _HTTPHandler(),
        _HTTPSHandler(context=context),
        urllib.request.HTTPDefaultErrorHandler(),
        _Redirects() if redirects else _NoRedirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        director.add_handler(handler)
    return director


def check_url(url: str) -> None:
    """Raise `Refused` for a URL that is not http(s) or whose host resolves
    to a refused address now. Requests check again as they connect."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise _scheme_refusal(url)
    if not parts.hostname:
        raise Refused(f"No host in {url!r}.")
    check_host(parts.hostname, parts.port or 0)


# Forms -----------------------------------------------------------------------


def validate_url(url: str) -> None:
    """A form validator: refuse a URL that cannot be requested.

    A host that does not resolve now passes: the address may go live later,
    and the connection is checked then. Nothing is resolved when
    OUTBOUND_ALLOW_PRIVATE is on, since everything would pass."""
    if not url:
        return
    if urlsplit(url).scheme.lower() not in SCHEMES:
        raise ValidationError(SCHEME_MESSAGE, code="scheme")
    if getattr(settings, "OUTBOUND_ALLOW_PRIVATE", False):
        return
    try:
        check_url(url)
    except Refused:
        raise ValidationError(PRIVATE_MESSAGE, code="private") from None
    except (OSError, UnicodeError, ValueError):
        return
