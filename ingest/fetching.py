"""HTTP for the worker: conditional, bounded in time and in size.

Only http and https, and only public addresses (`outbound`): a source's
address is typed by an editor, and `file://` would read the server's own
files, http://127.0.0.1:6379/ its Redis. Redirects are followed, each hop
checked like the first. The size cap holds
while the response streams in (a declared length over the cap is refused
before the body is read, an undeclared one as soon as it passes the cap),
and the time limit covers the whole response, not each socket read, so a
server that drips one byte a second cannot hold the worker.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException

from django.conf import settings

import outbound

CHUNK = 64 * 1024
USER_AGENT = "Newsroom-ingest/1.0"


def max_bytes() -> int:
    return getattr(settings, "INGEST_MAX_BYTES", 10 * 1024 * 1024)


def default_timeout() -> float:
    return getattr(settings, "INGEST_TIMEOUT", 20.0)


class FetchError(Exception):
    """The source could not be read; the message says why, for the admin."""


@dataclass
class Fetched:
    status: int
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def fetch(
    *,
    url: str,
    etag: str = "",
    last_modified: str = "",
    headers: dict[str, str] | None = None,
    timeout: float | None = None,
    limit: int | None = None,
) -> Fetched:
    """GET `url`, conditionally when a validator from the last fetch is given."""
    timeout = default_timeout() if timeout is None else timeout
    limit = max_bytes() if limit is None else limit
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    if etag:
        request.add_header("If-None-Match", etag)
    if last_modified:
        request.add_header("If-Modified-Since", last_modified)
    deadline = time.monotonic() + timeout
    try:
        response = outbound.opener().open(request, timeout=timeout)
    except outbound.Refused as error:
        raise FetchError(str(error)) from None
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(
                status=304,
                etag=error.headers.get("ETag", etag),
                last_modified=error.headers.get("Last-Modified", last_modified),
            )
        raise FetchError(f"HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, HTTPException, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FetchError(f"Cannot reach the source: {reason}") from None
    with response:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(
                f"Refused: the response is {int(declared):,} bytes, "
                f"more than the limit of {limit:,}."
            )
        chunks, size = [], 0
        try:
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise FetchError(
                        f"Refused: the response passed the limit of {limit:,} bytes."
                    )
                if time.monotonic() > deadline:
                    raise FetchError(f"Timed out after {timeout:g} s.")
                chunks.append(chunk)
        except (TimeoutError, HTTPException, OSError) as error:
            raise FetchError(f"Reading the response failed: {error}") from None
        return Fetched(
            status=response.status,
            body=b"".join(chunks),
            etag=response.headers.get("ETag", ""),
            last_modified=response.headers.get("Last-Modified", ""),
        )
