"""The read beacon counts readers, not requests (#17, item 3).

One client flooding the beacon, or another site's page making its visitors'
browsers send it, must not move a piece up "most read"; and a flood must
cost the database nothing.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import ReadCount
from readership import reading
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0"
LOCAL_MEMORY = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "beacon-tests",
    }
}


def read(client, article, ip: str = "192.0.2.10", **headers):
    return client.post(
        f"/beacon/read/{article.pk}/",
        headers={"user-agent": BROWSER, **headers},
        REMOTE_ADDR=ip,
    )


def reads(article) -> int:
    counts = ReadCount.objects.filter(article=article).values_list("count", flat=True)
    return sum(counts)


def test_a_flood_from_one_client_counts_once_and_writes_nothing(
    client, django_assert_num_queries
):
    """1,500 reads in a burst from one address moved a months-old piece to
    the top of most read; now they are one read, and every request after the
    first runs no query at all."""
    old = ArticleFactory(published_at=timezone.now() - timedelta(days=90))
    todays = ArticleFactory()
    for n in range(3):
        assert read(client, todays, ip=f"198.51.100.{n}").status_code == 204

    assert read(client, old).status_code == 204
    with django_assert_num_queries(0):
        for _ in range(300):
            assert read(client, old).status_code == 204

    assert reads(old) == 1
    assert reading.most_read(days=1, limit=2) == [todays, old]


def test_each_client_counts(client):
    article = ArticleFactory()
    read(client, article, ip="192.0.2.10")
    read(client, article, ip="192.0.2.11")
    read(client, article, ip="2001:db8::1")
    assert reads(article) == 3


def test_one_client_adds_at_most_its_budget_per_period(client, monkeypatch):
    """Going through many pieces (or ids that name none) spends the budget:
    past it, nothing more is counted for that client, others still count."""
    monkeypatch.setattr(reading, "READ_BUDGET", 3)
    articles = [ArticleFactory() for _ in range(5)]
    for article in articles:
        assert read(client, article).status_code == 204
    assert [reads(article) for article in articles] == [1, 1, 1, 0, 0]
    read(client, articles[4], ip="192.0.2.99")
    assert reads(articles[4]) == 1


def test_the_same_client_counts_again_next_period(client, settings):
    # Local memory follows the moved clock; Redis expires keys by its own.
    settings.CACHES = LOCAL_MEMORY
    article = ArticleFactory()
    read(client, article)
    read(client, article)
    assert reads(article) == 1
    with time_machine.travel(
        timezone.now() + timedelta(seconds=reading.READ_PERIOD_SECONDS + 1)
    ):
        read(client, article)
    assert reads(article) == 2


@pytest.mark.parametrize(
    "headers",
    [
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},
        {"origin": "https://elsewhere.example"},
        {"origin": "null"},
        {"sec-fetch-site": "same-origin", "origin": "https://elsewhere.example"},
    ],
    ids=["cross-site", "same-site", "other-origin", "opaque-origin", "mixed"],
)
def test_requests_from_other_sites_are_refused(client, headers):
    article = ArticleFactory()
    response = read(client, article, **headers)
    assert response.status_code == 403
    assert reads(article) == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"sec-fetch-site": "same-origin", "origin": "http://testserver"},
        {"sec-fetch-site": "same-origin"},
        {},  # an older browser: no Fetch metadata, no Origin
    ],
    ids=["same-origin", "fetch-metadata-only", "no-headers"],
)
def test_this_sites_pages_still_count(client, headers):
    article = ArticleFactory()
    assert read(client, article, **headers).status_code == 204
    assert reads(article) == 1


def test_the_site_url_is_this_site(client, settings):
    """Behind a proxy that changes the Host, SITE_URL is still our origin."""
    settings.SITE_URL = "https://news.example.org"
    article = ArticleFactory()
    assert read(client, article, origin="https://news.example.org").status_code == 204
    assert reads(article) == 1


def test_behind_a_proxy_clients_are_told_apart_by_the_forwarded_address(
    client, settings
):
    """The client is the address the trusted proxy saw: two readers behind
    it both count, and a forged entry further left buys no extra read."""
    settings.TRUSTED_PROXY_COUNT = 1
    article = ArticleFactory()

    def through_proxy(forwarded: str):
        return client.post(
            f"/beacon/read/{article.pk}/",
            headers={"user-agent": BROWSER},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    through_proxy("203.0.113.7")
    through_proxy("203.0.113.8")
    for n in range(5):
        through_proxy(f"198.51.100.{n}, 203.0.113.7")
    assert reads(article) == 2


def test_the_cache_holds_no_readers_address(client, settings):
    settings.CACHES = LOCAL_MEMORY
    from django.core.cache import cache

    read(client, ArticleFactory(), ip="203.0.113.77")
    keys = list(cache._cache)
    assert keys
    assert not [key for key in keys if "203.0.113.77" in key]
