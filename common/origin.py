"""The public origin (scheme and host) that absolute links start with.

Production names it in SITE_URL: behind a proxy, the Host a request carries
need not be the address readers use. In development (DEBUG without
SITE_URL) it follows the address the page was asked at, so a demo served on
another port or host links to itself. Pages are cached per scheme, host and
path (caching/pages.py), so a link that follows the request is safe in a
cached page; a fragment shared between pages keys on the origin.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def public_origin(request: HttpRequest | None = None) -> str:
    """`https://news.example.org`: no trailing slash."""
    if request is not None and settings.SITE_URL_FOLLOWS_REQUEST:
        return f"{request.scheme}://{request.get_host()}"
    return settings.SITE_URL


def absolute(url: str, request: HttpRequest | None = None) -> str:
    """`url` (a path, or already absolute) as an absolute address."""
    if url.startswith(("http://", "https://")):
        return url
    return public_origin(request) + url
