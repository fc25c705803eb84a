"""A hidden author profile leaves every public surface of their live pieces:
the page (author box, link, JSON-LD), the feeds and the subscriber API."""

from __future__ import annotations

import pytest

from authors.models import Author
from tests.factories import ArticleFactory, AuthorFactory

from .conftest import get_json, item_url

pytestmark = pytest.mark.django_db


def test_hiding_an_author_removes_them_from_their_live_pieces(api, settings):
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True
    hidden = AuthorFactory(name="Leaving Reporter")
    kept = AuthorFactory(name="Staying Reporter")
    piece = ArticleFactory(headline="Port reopens", authors=[hidden, kept])
    url = piece.get_absolute_url()
    reader = api.__class__()  # no API key: a reader
    page = reader.get(url).content.decode()
    assert "Leaving Reporter" in page
    assert reader.get(url)["X-Page-Cache"] == "hit"

    author = Author.objects.get(pk=hidden.pk)
    author.is_active = False
    author.save()

    page = reader.get(url).content.decode()
    assert "Leaving Reporter" not in page
    assert hidden.get_absolute_url() not in page
    assert "Staying Reporter" in page
    assert reader.get(hidden.get_absolute_url()).status_code == 404
    feed = reader.get("/en/feeds/rss/").content.decode()
    assert "Port reopens" in feed and "Leaving Reporter" not in feed
    item = get_json(api, item_url(piece.pk))
    assert "Leaving Reporter" not in str(item)
    assert "Staying Reporter" in str(item)

    author.is_active = True
    author.save()
    assert "Leaving Reporter" in reader.get(url).content.decode()
