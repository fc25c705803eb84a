"""Expensive renders (search, sitemaps) take a shared slot; when every slot
is taken they are refused at once, and cached pages keep being served."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache

from caching import slots
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

EXPENSIVE = [
    "/en/search/?q=budget",
    "/en/sitemap.xml",
    "/en/sitemap-articles.xml",
    "/en/sitemap-news.xml",
]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True
    settings.EXPENSIVE_RENDER_SLOTS = 1


def hold_every_slot() -> list[str]:
    """What other workers in the middle of expensive renders look like."""
    taken = [slots.take_slot() for _ in range(slots.slots())]
    assert all(taken)
    return taken


@pytest.mark.parametrize("url", EXPENSIVE)
def test_an_expensive_render_is_refused_while_every_slot_is_taken(client, url):
    ArticleFactory(headline="Budget vote")
    hold_every_slot()
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == str(slots.RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("url", EXPENSIVE)
def test_a_free_slot_renders_and_is_given_back(client, url):
    ArticleFactory(headline="Budget vote")
    assert client.get(url).status_code == 200
    assert slots.take_slot() is not None  # the render gave its slot back


def test_cached_pages_are_served_while_every_slot_is_taken(client):
    ArticleFactory(headline="Budget vote")
    client.get("/en/")
    client.get("/en/search/?q=budget")  # cached before the flood
    hold_every_slot()
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    cached = client.get("/en/search/?q=budget")
    assert cached.status_code == 200 and cached["X-Page-Cache"] == "hit"
    assert client.get("/en/search/?q=other").status_code == 503


def test_a_refusal_is_not_stored_for_later_readers(client):
    ArticleFactory(headline="Budget vote")
    taken = hold_every_slot()
    assert client.get("/en/search/?q=budget").status_code == 503
    for key in taken:
        slots.give_back(key)
    response = client.get("/en/search/?q=budget")
    assert response.status_code == 200
    assert "Budget vote" in response.content.decode()


def test_signed_in_staff_are_not_held_back(client, editor):
    ArticleFactory(headline="Budget vote")
    hold_every_slot()
    client.force_login(editor)
    assert client.get("/en/search/?q=budget").status_code == 200


def test_a_slot_a_crashed_worker_kept_frees_itself(client):
    ArticleFactory(headline="Budget vote")
    for key in hold_every_slot():
        cache.touch(key, 0.001)  # as if SLOT_SECONDS had passed
    time.sleep(0.01)
    assert client.get("/en/search/?q=budget").status_code == 200


def test_no_limit_when_turned_off(client, settings):
    settings.EXPENSIVE_RENDER_SLOTS = 0
    ArticleFactory(headline="Budget vote")
    assert slots.take_slot() == ""
    assert client.get("/en/search/?q=budget").status_code == 200
