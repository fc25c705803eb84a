"""What the API sends, our own ingest reads back: the same headline, text,
lead and dateline, and a kill or correction as such, in every format."""

from __future__ import annotations

import pytest
from django.utils.html import strip_tags

from articles.models import Article
from ingest.parsers import CORRECTED, KILLED, USABLE, parse
from tests.factories import ArticleFactory

from .conftest import LIST_URL, item_url, killed

pytestmark = pytest.mark.django_db

KINDS = {"ninjs": "ninjs", "ninjs2": "ninjs", "ninjs1": "ninjs", "newsml": "newsml"}


def _words(html: str) -> list[str]:
    return strip_tags(html).split()


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_piece_comes_back_the_same(api, rich_article, name):
    article = Article.objects.get(pk=rich_article.pk)
    response = api.get(item_url(article.pk), {"format": name})
    (item,) = parse(KINDS[name], response.content)
    assert item.headline == article.headline
    assert _words(item.body) == _words(article.body)
    assert item.lead == article.lead
    assert item.dateline == "Baku"
    assert item.language == "en"
    assert item.urgency == 3
    assert item.version == article.version
    # NewsML-G2 says a correction in a signal; ninjs has no such flag.
    assert item.status == (CORRECTED if name == "newsml" else USABLE)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_kill_comes_back_as_a_kill(api, name):
    article = killed(headline="Withdrawn story")
    response = api.get(item_url(article.pk), {"format": name})
    (item,) = parse(KINDS[name], response.content)
    assert item.status == KILLED
    assert item.headline == "Withdrawn story"
    assert item.body == ""


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_list_page_comes_back_whole(api, rich_article, name):
    """Every text piece of a page, and no picture item taken for one."""
    other = ArticleFactory(language="ru", headline="Вторая новость")
    response = api.get(LIST_URL, {"format": name})
    items = parse(KINDS[name], response.content)
    assert {item.headline for item in items} == {
        rich_article.headline,
        other.headline,
    }
