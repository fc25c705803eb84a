"""Two demo sources that the demo serves itself, so the Incoming queue of a
fresh `make demo` is not empty.

`create_demo_sources()` is for the demo loader (devdata) to call after the
articles exist. The sources are the site's own feeds of one edition, taken
in for another: the Russian edition's RSS for the English desk and the
English edition's Atom feed for the Azerbaijani desk. They are read once
in-process straight away (the web server is not running yet while the demo
loads) and from then on polled over HTTP by the worker, conditionally, with
the validators of that first read.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client
from django.utils.translation import gettext_lazy as _

from articles.models import Section

from . import services
from .models import Source

# (name, feed edition, feed path, desk edition)
DEMO_SOURCES = (
    (_("Own wire: Russian edition (RSS)"), "ru", "feeds/rss/", "en"),
    (_("Own wire: English edition (Atom)"), "en", "feeds/atom/", "az"),
)


def create_demo_sources(
    *, site_url: str | None = None, read_now: bool = True
) -> list[Source]:
    """The demo's sources (created once, kept on later runs), each read
    in-process when `read_now`. Editions missing from the settings are
    skipped; no section yet means nothing to file drafts under: no sources."""
    site_url = (site_url or settings.SITE_URL).rstrip("/")
    section = Section.objects.order_by("position", "pk").first()
    editions = dict(settings.LANGUAGES)
    if section is None:
        return []
    sources = []
    for name, feed_edition, path, desk_edition in DEMO_SOURCES:
        if feed_edition not in editions or desk_edition not in editions:
            continue
        source, _created = Source.objects.get_or_create(
            name=str(name),
            defaults={
                "kind": Source.Kind.RSS,
                "url": f"{site_url}/{feed_edition}/{path}",
                "language": desk_edition,
                "section": section,
                "poll_interval": 120,
            },
        )
        if read_now:
            read_in_process(source)
        sources.append(source)
    return sources


def read_in_process(source: Source) -> services.PollResult:
    """Ask this site for the source's address without the network."""
    address = urlsplit(source.url)
    response = Client(HTTP_HOST=address.netloc).get(address.path)
    if response.status_code != 200:
        # E.g. the address's host is not in ALLOWED_HOSTS: shown on the
        # source in the admin; the worker tries again over HTTP.
        return services.ingest_document(
            source=source, data=b"", error=f"HTTP {response.status_code} in-process"
        )
    return services.ingest_document(
        source=source,
        data=response.content,
        etag=response.headers.get("ETag", ""),
        last_modified=response.headers.get("Last-Modified", ""),
    )
