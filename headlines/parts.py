"""The parts every page of an edition shows: the ticker and the latest news.

Spliced into cached pages per request (caching/parts.py): a publish renders
the latest news once for the edition, not once per page.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

import caching
from articles import invalidation
from articles.models import Article
from caching import parts
from editions import current as current_edition

from .models import TickerItem

LATEST_HEADLINES = 30
TICKER_ITEMS = 12


@parts.register("ticker", tags=lambda language: [invalidation.TICKER])
def ticker(request: HttpRequest | None) -> str:
    language = current_edition()
    # Items start and end by the clock; an item linking a piece shows only
    # while the piece is public, which publishing and the clock decide.
    invalidation.window_clock(TickerItem, invalidation.TICKER, language)
    invalidation.publish_clock(language)
    items = list(TickerItem.objects.active()[:TICKER_ITEMS])
    caching.depend(
        *(
            invalidation.article_tag(item.article_id)
            for item in items
            if item.article_id
        )
    )
    return render_to_string("includes/ticker.html", {"items": items}, request)


@parts.register(
    "latest-headlines", tags=lambda language: [invalidation.latest_tag(language)]
)
def latest_headlines(request: HttpRequest | None) -> str:
    from django.utils.translation import gettext

    language = current_edition()
    invalidation.publish_clock(language)
    articles = Article.objects.published().in_edition().for_headlines()
    return render_to_string(
        "includes/headline_list.html",
        {
            "title": gettext("Latest news"),
            "articles": articles[:LATEST_HEADLINES],
            "list_id": "latest",
        },
        request,
    )
