"""Article sitemap pages find their rows by id first (distribution/sitemaps.py,
IdsFirstPaginator): every page lists exactly the pieces, in the order, that
slicing the whole list would."""

from __future__ import annotations

import re

import pytest

from articles.models import Article
from distribution.sitemaps import ArticleSitemap
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def locations(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return re.findall(r"<loc>http://testserver(.*?)</loc>", response.content.decode())


def test_every_page_lists_its_slice_of_the_edition_newest_first(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 4)
    ArticleFactory.create_batch(10)
    ArticleFactory(draft=True)
    ArticleFactory(language="ru")
    expected = [
        article.get_absolute_url()
        for article in Article.objects.published()
        .filter(language="en")
        .order_by("-published_at", "-pk")
    ]
    pages = [locations(client, f"/en/sitemap-articles.xml?p={n}") for n in (1, 2, 3)]
    assert [len(page) for page in pages] == [4, 4, 2]
    assert [url for page in pages for url in page] == expected
    assert client.get("/en/sitemap-articles.xml?p=4").status_code == 404


def test_alternates_name_the_published_versions_of_a_page_s_stories(client):
    original = ArticleFactory(language="en", slug="harbour")
    ArticleFactory(language="ru", slug="gavan", translation_of=original)
    ArticleFactory(language="az", slug="liman", translation_of=original, draft=True)
    ArticleFactory(language="en", slug="alone")
    xml = client.get("/en/sitemap-articles.xml").content.decode()
    harbour = xml[
        xml.index("/en/news/harbour/") : xml.index(
            "</url>", xml.index("/en/news/harbour/")
        )
    ]
    assert 'hreflang="ru" href="http://testserver/ru/news/gavan/"' in harbour
    assert 'hreflang="en"' in harbour
    assert "liman" not in xml  # a draft version is no alternate
    alone = xml[xml.index("/en/news/alone/") :]
    assert "xhtml:link" not in alone[: alone.index("</url>")]
