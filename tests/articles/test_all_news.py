"""The sidebar lists the edition's 100 latest headlines, as the agency's
own page does, and links to the paginated All news page (#16)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from articles import workflow
from articles.views import PAGE_SIZE
from headlines.parts import LATEST_HEADLINES
from tests.articles.test_views import newsroom, warm_get
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def sidebar(html: str) -> str:
    match = re.search(r'aria-labelledby="list-latest">(.*?)</section>', html, re.S)
    assert match, "the page has no latest-news list"
    return match[1]


def test_the_sidebar_lists_the_100_latest_headlines_and_links_all_news(client):
    ArticleFactory.create_batch(LATEST_HEADLINES + 5)
    article = ArticleFactory(headline="The newest piece")
    html = client.get(article.get_absolute_url()).content.decode()
    latest = sidebar(html)
    assert LATEST_HEADLINES == 100
    assert latest.count('<li class="headline') == 100
    assert "The newest piece" in latest
    assert f'href="{reverse("articles:all_news")}"' in latest
    assert reverse("articles:all_news") == "/en/news/"


def test_all_news_pages_through_the_edition(client):
    ArticleFactory.create_batch(PAGE_SIZE + 3)
    draft = ArticleFactory(headline="Unpublished draft", draft=True)
    first = client.get("/en/news/")
    assert first.status_code == 200
    assert len(first.context["articles"]) == PAGE_SIZE
    second = client.get("/en/news/?page=2")
    assert len(second.context["articles"]) == 3
    assert draft.headline not in first.content.decode()
    assert len(client.get("/ru/news/").context["articles"]) == 0


def test_with_the_page_cache_a_publish_shows_on_all_news(client, settings, editor):
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True
    ArticleFactory()
    client.get("/en/news/")
    assert client.get("/en/news/")["X-Page-Cache"] == "hit"
    piece = ArticleFactory(headline="Just published", draft=True)
    workflow.publish(piece, by=editor)
    assert "Just published" in client.get("/en/news/").content.decode()


@pytest.mark.parametrize("count", [3, 40])
def test_all_news_query_budget(client, django_assert_max_num_queries, count):
    newsroom(count)
    url = warm_get(client, "/en/news/")
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200
