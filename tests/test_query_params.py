"""Query strings a page does not read neither key a new cache entry nor
cost a render; the ones it reads still make their own page."""

from __future__ import annotations

import pytest
from django.test.client import RequestFactory

from articles.views import SearchForm
from caching import pages
from caching.fastpath import PageCacheFastPath
from tests.factories import ArticleFactory, SectionFactory
from tests.test_fastpath import Counting, call

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True
    settings.PAGE_CACHE_SECONDS = 300


def test_unread_parameters_are_served_the_stored_page(client):
    ArticleFactory(headline="Only story")
    assert client.get("/en/")["X-Page-Cache"] == "miss"
    junk = [
        "utm_source=newsletter&utm_medium=email",
        "fbclid=abc123",
        *(f"nocache={n}" for n in range(40)),
    ]
    for query in junk:
        response = client.get(f"/en/?{query}")
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "hit", query
        assert "Only story" in response.content.decode()


def test_a_parameter_the_page_reads_keys_its_own_page(client):
    section = SectionFactory(slug="world")
    for n in range(25):  # more than a page of headlines
        ArticleFactory(section=section, headline=f"World story {n:02d}")
    first = client.get("/en/section/world/")
    second = client.get("/en/section/world/?page=2")
    assert second["X-Page-Cache"] == "miss"
    assert first.content != second.content
    again = client.get("/en/section/world/?utm_campaign=x&page=2")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == second.content


def test_parameter_order_does_not_make_a_new_page(client):
    ArticleFactory(headline="Budget vote")
    assert client.get("/en/search/?q=budget&page=1")["X-Page-Cache"] == "miss"
    response = client.get("/en/search/?page=1&q=budget")
    assert response["X-Page-Cache"] == "hit"
    assert "Budget vote" in response.content.decode()


def test_the_view_never_sees_a_parameter_it_would_not_be_keyed_by():
    request = RequestFactory().get("/en/search/", {"q": "x", "utm_source": "y"})
    pages.normalise_query(request)
    assert dict(request.GET.lists()) == {"q": ["x"]}
    assert request.META["QUERY_STRING"] == "q=x"
    assert request.get_full_path() == "/en/search/?q=x"


def test_every_search_filter_is_a_parameter_pages_read(client):
    """A filter the cache dropped would answer every filtered search with
    the unfiltered page."""
    assert set(SearchForm.base_fields) <= pages._page_params
    world, sport = SectionFactory(slug="world"), SectionFactory(slug="sport")
    ArticleFactory(section=world, headline="Election world")
    ArticleFactory(section=sport, headline="Election sport")
    both = client.get("/en/search/?q=election")
    only_sport = client.get("/en/search/?q=election&section=sport")
    assert len(both.context["results"]) == 2
    assert [a.headline for a in only_sport.context["results"]] == ["Election sport"]


@pytest.mark.django_db(transaction=True)
def test_fast_path_serves_unread_parameters_from_the_stored_page(settings):
    settings.ALLOWED_HOSTS = ["news.example.org"]
    settings.SECURE_SSL_REDIRECT = False
    ArticleFactory(headline="Fast story")
    django_app = Counting()
    app = PageCacheFastPath(django_app)
    assert call(app)[0] == 200
    for n in range(20):
        status, headers, body = call(app, QUERY_STRING=f"cachebuster={n}")
        assert status == 200 and b"Fast story" in body
        assert headers["X-Page-Cache"] == "hit"
    assert django_app.calls == 1
