"""List and detail cost the same few queries whatever the page holds."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from lxml import etree

from api.newsml import NAR
from articles.models import Correction
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory

from .conftest import LIST_URL, item_url, killed

pytestmark = pytest.mark.django_db

# Key lookup, key's last use, articles (with section and image joined),
# bylines with authors, tags, renditions, corrections.
BUDGET = 7


def newsroom(count: int) -> list:
    """`count` items with everything an item shows, and one killed."""
    sections = [SectionFactory(), SectionFactory()]
    images = [ImageFactory(), ImageFactory()]
    authors = [AuthorFactory() for _ in range(3)]
    articles = []
    for n in range(count - 1):
        article = ArticleFactory(
            section=sections[n % 2],
            hero_image=images[n % 2],
            authors=authors[: 1 + n % 3],
            dateline_city="Baku",
            # Every fourth piece translates the one before it (an original).
            translation_of=articles[-1] if articles and n % 4 == 0 else None,
            language="ru" if articles and n % 4 == 0 else "en",
        )
        article.tags.add(f"tag-{n % 5}", "economy")
        Correction.objects.create(article=article, kind="update", text=f"Note {n}")
        articles.append(article)
    articles.append(killed(hero_image=images[0], authors=authors[:1]))
    return articles


@pytest.mark.parametrize("count", [3, 30])
def test_list_query_budget(api, django_assert_max_num_queries, count):
    newsroom(count)
    with django_assert_max_num_queries(BUDGET):
        response = api.get(LIST_URL, {"limit": 100})
    assert len(response.json()["items"]) == count


@pytest.mark.parametrize("count", [1, 3, 30])
@pytest.mark.parametrize("name", ["ninjs1", "ninjs2"])
def test_older_ninjs_list_query_budget(api, django_assert_max_num_queries, count, name):
    newsroom(count)
    with django_assert_max_num_queries(BUDGET):
        response = api.get(LIST_URL, {"limit": 100, "format": name})
    assert len(response.json()["items"]) == count


@pytest.mark.parametrize("count", [1, 3, 30])
def test_newsml_list_query_budget(api, django_assert_max_num_queries, count):
    """A newsMessage with text and picture items costs what a ninjs page does."""
    newsroom(count)
    with django_assert_max_num_queries(BUDGET):
        response = api.get(LIST_URL, {"limit": 100, "format": "newsml"})
    message = etree.fromstring(response.content)
    guids = message.xpath("//g2:newsItem/@guid", namespaces={"g2": NAR})
    assert len([guid for guid in guids if ":article:" in guid]) == count
    # Each picture shown by a live piece is sent once.
    assert len([guid for guid in guids if ":image:" in guid]) == min(count - 1, 2)


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("name", ["ninjs1", "ninjs2", "newsml"])
def test_other_formats_detail_query_budget(
    api, django_assert_max_num_queries, count, name
):
    articles = newsroom(count)
    for article in (articles[0], articles[-1]):
        api.get(item_url(article.pk))  # the key's last use is written once
        with django_assert_max_num_queries(BUDGET - 1):
            response = api.get(item_url(article.pk), {"format": name})
        assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_filtered_page_query_budget(api, django_assert_max_num_queries, count):
    newsroom(count)
    params = {"tag": "economy", "since": "2000-01-01T00:00:00Z", "limit": 1}
    first = api.get(LIST_URL, params).json()
    next_page = urlsplit(first["next"])
    assert "cursor=" in next_page.query
    with django_assert_max_num_queries(BUDGET):
        response = api.get(f"{next_page.path}?{next_page.query}")
    assert response.status_code == 200 and response.json()["items"]


@pytest.mark.parametrize("count", [3, 30])
def test_detail_query_budget(api, django_assert_max_num_queries, count):
    articles = newsroom(count)
    for article in (articles[-2], articles[-1]):
        api.get(item_url(article.pk))  # the key's last use is written once
        with django_assert_max_num_queries(BUDGET - 1):
            response = api.get(item_url(article.pk))
        assert response.status_code == 200
