"""A tag has a page only while a public piece of the edition carries it
(issue #17, item 15): a tag on a draft or an embargoed piece announces
nothing, with the page cache on or off."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import workflow
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_tag_only_on_a_draft_has_no_page(client):
    draft = ArticleFactory(draft=True)
    draft.tags.add("embargoed-topic")
    assert client.get("/en/tag/embargoed-topic/").status_code == 404


def test_a_tag_only_on_a_scheduled_piece_has_no_page_until_it_is_out(client):
    at = timezone.now() + timedelta(hours=2)
    piece = ArticleFactory(headline="Budget day", published_at=at)
    piece.tags.add("budget-leak")
    assert client.get("/en/tag/budget-leak/").status_code == 404
    with time_machine.travel(at + timedelta(seconds=1)):
        response = client.get("/en/tag/budget-leak/")
    assert response.status_code == 200
    assert "Budget day" in response.content.decode()


def test_a_tag_page_is_per_edition(client):
    piece = ArticleFactory(headline="Harbour opens", language="en")
    piece.tags.add("harbour")
    assert client.get("/en/tag/harbour/").status_code == 200
    assert client.get("/ru/tag/harbour/").status_code == 404


def test_a_killed_or_untagged_last_piece_takes_the_page_away(client, editor):
    first, second = ArticleFactory(), ArticleFactory()
    first.tags.add("strike")
    second.tags.add("strike")
    workflow.kill(first, by=editor, reason="Legal")
    assert client.get("/en/tag/strike/").status_code == 200
    second.tags.remove("strike")
    assert client.get("/en/tag/strike/").status_code == 404


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True
    settings.PAGE_CACHE_SECONDS = 300


def test_with_the_page_cache_the_first_publish_opens_the_tag_page(
    client, editor, page_cache
):
    """The 404 is stored, named by the tag's list: the publish replaces it."""
    draft = ArticleFactory(draft=True, headline="Embargoed story")
    draft.tags.add("embargoed-topic")
    url = "/en/tag/embargoed-topic/"
    assert client.get(url).status_code == 404
    cached = client.get(url)
    assert (cached.status_code, cached["X-Page-Cache"]) == (404, "hit")

    workflow.publish(draft, by=editor)

    response = client.get(url)
    assert response.status_code == 200
    assert "Embargoed story" in response.content.decode()

    workflow.kill(draft, by=editor, reason="Legal")
    assert client.get(url).status_code == 404


def test_with_the_page_cache_a_scheduled_piece_opens_the_tag_page_on_time(
    client, editor, page_cache
):
    at = timezone.now() + timedelta(hours=1)
    draft = ArticleFactory(draft=True, headline="Timed story")
    draft.tags.add("timed-topic")
    workflow.schedule(draft, by=editor, at=at)
    url = "/en/tag/timed-topic/"
    assert client.get(url).status_code == 404
    assert client.get(url)["X-Page-Cache"] == "hit"
    with time_machine.travel(at + timedelta(seconds=1)):
        response = client.get(url)
    assert response.status_code == 200
    assert "Timed story" in response.content.decode()


def test_with_the_page_cache_tagging_a_live_piece_opens_the_tag_page(
    client, page_cache
):
    piece = ArticleFactory(headline="Live story")
    url = "/en/tag/late-topic/"
    ArticleFactory(draft=True).tags.add("late-topic")
    assert client.get(url).status_code == 404
    assert client.get(url)["X-Page-Cache"] == "hit"
    piece.tags.add("late-topic")
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_tag_only_on_a_draft_has_no_feed(client, kind):
    draft = ArticleFactory(draft=True)
    draft.tags.add("embargoed-topic")
    assert client.get(f"/en/feeds/tag/embargoed-topic/{kind}/").status_code == 404


def test_with_the_page_cache_the_first_publish_opens_the_tag_feed(
    client, editor, page_cache
):
    draft = ArticleFactory(headline="Harbour deal signed", draft=True)
    draft.tags.add("harbour-deal")
    url = "/en/feeds/tag/harbour-deal/rss/"
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404  # now from the cache
    workflow.publish(draft, by=editor)
    response = client.get(url)
    assert response.status_code == 200
    assert "Harbour deal signed" in response.content.decode()
