"""The demo's own wire sources fill the Incoming queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ingest import services
from ingest.demo import create_demo_sources
from ingest.models import IncomingItem, Source
from tests.factories import ArticleFactory


@pytest.fixture
def editions_content(db):
    for language in ("ru", "en"):
        for n in range(2):
            ArticleFactory(
                headline=f"{language} story {n}",
                language=language,
                published_at=timezone.now() - timedelta(hours=n + 1),
            )


def test_demo_sources_are_read_at_once_and_only_once(settings, editions_content):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    sources = create_demo_sources(site_url="http://127.0.0.1:8000")

    assert [(s.language, s.url) for s in sources] == [
        ("en", "http://127.0.0.1:8000/ru/feeds/rss/"),
        ("az", "http://127.0.0.1:8000/en/feeds/atom/"),
    ]
    assert set(IncomingItem.objects.values_list("headline", flat=True)) == {
        "ru story 0",
        "ru story 1",
        "en story 0",
        "en story 1",
    }
    assert all(s.state == Source.State.OK for s in Source.objects.all())

    create_demo_sources(site_url="http://127.0.0.1:8000")
    assert Source.objects.count() == 2
    assert IncomingItem.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_demo_sources_poll_the_running_site(live_server, editions_content):
    """Over real HTTP, as the worker polls them once `make demo` serves."""
    sources = create_demo_sources(site_url=live_server.url, read_now=False)
    results = [services.poll_source(source=source) for source in sources]
    assert [r.created for r in results] == [2, 2], [r.error for r in results]
    # The second round is answered 304 by the site's conditional feeds.
    for source in Source.objects.all():
        assert services.poll_source(source=source).not_modified


def test_a_demo_source_the_site_refuses_is_marked_failing(settings, editions_content):
    settings.ALLOWED_HOSTS = ["testserver"]
    create_demo_sources(site_url="http://wires.example")
    assert not IncomingItem.objects.exists()
    for source in Source.objects.all():
        assert source.state == Source.State.FAILING
        assert source.last_error == "HTTP 400 in-process"
