"""Markers are defined once (articles/markers.py): pages, feeds and the
ticker name the same markers, in the same order, in every edition."""

from __future__ import annotations

import itertools
import re

import pytest
from django.utils import translation

from articles import markers, markup
from distribution.feeds import NewsFeed
from headlines.models import TickerItem
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

FLAGS = ("is_exclusive", "has_video", "has_photos")


def words(html: str) -> list[str]:
    return re.sub(r"<[^>]+>", " ", html).replace(":", " ").split()


@pytest.mark.parametrize("language", ["en", "az", "ru"])
def test_pages_and_feeds_show_the_same_markers_in_the_same_order(language):
    headline = "Quake"
    for breaking, *flags in itertools.product([False, True], repeat=4):
        article = ArticleFactory.build(
            headline=headline,
            language=language,
            urgency=1 if breaking else 5,
            **dict(zip(FLAGS, flags, strict=True)),
        )
        with translation.override(language):
            page = words(markup.headline_html(article))
            feed = words(NewsFeed().item_title(article))
            names = markers.labels(language)
        assert page == feed, (breaking, flags)
        before, after = markers.markers(article)
        assert page == [
            *(names[k] for k in before),
            headline,
            *(w for k in after for w in names[k].split()),
        ]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_ticker_names_breaking_news_as_headlines_do(client, language):
    TickerItem.objects.create(text="Ticker line", is_breaking=True, language=language)
    ArticleFactory(language=language)
    html = client.get(f"/{language}/").content.decode()
    label = markers.labels(language)[markers.BREAKING]
    assert f'<strong class="marker marker--breaking">{label}</strong>' in html
    if language != "en":
        assert label != "Breaking"  # really translated
