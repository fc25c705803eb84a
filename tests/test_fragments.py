"""Cached fragments (ticker, latest-news sidebar) with the page cache off:
reused across pages, yet every change shows on the very next request."""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import workflow
from headlines.models import TickerItem
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]


def sidebar(client, article) -> str:
    html = client.get(article.get_absolute_url()).content.decode()
    return html[html.index('<aside class="layout-sidebar"') :]


def ticker(client, url="/en/") -> str:
    html = client.get(url).content.decode()
    if 'class="ticker"' not in html:
        return ""
    start = html.index('class="ticker"')
    return html[start : html.index("</section>", start)]


def test_the_sidebar_is_rendered_once_for_every_page(client):
    first, second = ArticleFactory(headline="First"), ArticleFactory(headline="Second")
    with CaptureQueriesContext(connection) as cold:
        client.get(first.get_absolute_url())
    with CaptureQueriesContext(connection) as warm:
        client.get(second.get_absolute_url())
    assert len(warm) < len(cold)
    assert "First" in sidebar(client, second) and "Second" in sidebar(client, first)


def test_a_publish_shows_in_every_sidebar_at_once(client, editor):
    page = ArticleFactory(headline="Page")
    waiting = ArticleFactory(headline="Waiting story", status="submitted")
    assert "Waiting story" not in sidebar(client, page)
    workflow.publish(waiting, by=editor)
    assert "Waiting story" in sidebar(client, page)


def test_an_edit_and_a_kill_show_at_once(client, editor):
    page = ArticleFactory(headline="Page")
    story = ArticleFactory(headline="Old headline")
    assert "Old headline" in sidebar(client, page)
    story.headline = "New headline"
    story.save()
    assert "New headline" in sidebar(client, page)
    workflow.kill(story, by=editor, reason="Legal")
    assert "New headline" not in sidebar(client, page)


def test_a_ticker_change_shows_at_once(client):
    ArticleFactory()
    assert "Breaking: ticker line" not in ticker(client)
    item = TickerItem.objects.create(text="Breaking: ticker line")
    assert "Breaking: ticker line" in ticker(client)
    item.delete()
    assert "Breaking: ticker line" not in ticker(client)


def test_a_scheduled_piece_enters_the_sidebar_at_its_time(client):
    now = timezone.now()
    page = ArticleFactory(headline="Page")
    ArticleFactory(headline="Embargoed story", published_at=now + timedelta(minutes=5))
    assert "Embargoed story" not in sidebar(client, page)
    with time_machine.travel(now + timedelta(minutes=4, seconds=59)):
        assert "Embargoed story" not in sidebar(client, page)
    with time_machine.travel(now + timedelta(minutes=5, seconds=1)):
        assert "Embargoed story" in sidebar(client, page)


def test_a_ticker_item_leaves_at_its_end(client):
    now = timezone.now()
    ArticleFactory()
    TickerItem.objects.create(
        text="Short-lived line", ends_at=now + timedelta(minutes=2)
    )
    assert "Short-lived line" in ticker(client)
    with time_machine.travel(now + timedelta(minutes=2, seconds=1)):
        assert "Short-lived line" not in ticker(client)


def test_each_edition_keeps_its_own_fragments(client):
    english = ArticleFactory(headline="English story", language="en")
    russian = ArticleFactory(headline="Русская новость", language="ru")
    TickerItem.objects.create(text="Ticker in English", language="en")
    TickerItem.objects.create(text="Бегущая строка", language="ru")
    assert "Русская новость" not in sidebar(client, english)
    ru_sidebar = sidebar(client, russian)
    assert "Русская новость" in ru_sidebar and "English story" not in ru_sidebar
    assert "Бегущая строка" in ticker(client, "/ru/")
    assert "Бегущая строка" not in ticker(client, "/en/")
    assert "Ticker in English" not in ticker(client, "/ru/")


def test_an_entry_is_not_served_past_the_change_it_was_stored_for():
    """Even if the cache still holds an entry (a clock ahead of Redis's, a
    timeout rounded up), one stored as valid until a past moment is
    rendered afresh."""
    from caching import core

    def stored(html, until):
        core.backend().set(
            "probe",
            core.Entry(html, (), core.current_sequence(), until, timezone.now()),
            300,
        )

    stored("stale html", timezone.now() - timedelta(seconds=1))
    assert core.cached("probe", lambda: "fresh html") == "fresh html"
    stored("kept html", timezone.now() + timedelta(minutes=5))
    assert core.cached("probe", lambda: "fresh html") == "kept html"


def count_round_trips(client, url) -> list:
    from django.core.cache import caches

    cache = caches["default"]
    round_trips = []
    inside_get_many = False

    def get(key, *args, **kwargs):
        if not inside_get_many:  # local memory's get_many calls get per key
            round_trips.append(key)
        return real_get(key, *args, **kwargs)

    def get_many(keys, *args, **kwargs):
        nonlocal inside_get_many
        round_trips.append(list(keys))
        inside_get_many = True
        try:
            return real_get_many(keys, *args, **kwargs)
        finally:
            inside_get_many = False

    real_get, real_get_many = cache.get, cache.get_many
    with (
        mock.patch.object(cache, "get", get),
        mock.patch.object(cache, "get_many", get_many),
    ):
        assert client.get(url).status_code == 200
    return round_trips


@pytest.mark.parametrize("pieces", [3, 30])
def test_an_article_page_reads_the_cache_in_a_fixed_number_of_round_trips(
    client, pieces
):
    """Like a query budget, with the page cache off: the sequence, then each
    cached value with the tags it is known to show (the story, sections,
    follow-us links, the three parts), each tag read once per request."""
    articles = ArticleFactory.create_batch(pieces)
    url = articles[-1].get_absolute_url()
    client.get(url)
    round_trips = count_round_trips(client, url)
    assert len(round_trips) <= 10, round_trips


@pytest.mark.parametrize("pieces", [3, 30])
def test_a_stored_page_is_served_in_two_round_trips(client, settings, pieces):
    """The page, then its tags, its parts and theirs; after a change to the
    piece, the render reuses what the lookup read (5 in all)."""
    from articles import invalidation
    from caching import invalidate

    settings.PAGE_CACHE = True
    articles = ArticleFactory.create_batch(pieces)
    url = articles[-1].get_absolute_url()
    client.get(url)
    assert len(count_round_trips(client, url)) == 2
    invalidate(invalidation.article_tag(articles[-1].pk))
    round_trips = count_round_trips(client, url)
    assert len(round_trips) <= 5, round_trips
