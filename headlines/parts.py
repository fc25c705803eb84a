"""The parts every page of an edition shows: the ticker and the latest news.

Spliced into cached pages per request (caching/parts.py): a publish renders
the latest news once for the edition, not once per page.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

import caching
from articles import invalidation
from caching import parts
from editions import current as current_edition

from .models import TickerItem
from .templatetags import headlines as furniture

# As many as the agency's own page lists beside a long article; the rest
# are a click away on the edition's paginated All news page.
LATEST_HEADLINES = 100


@parts.register("ticker", tags=lambda language: [invalidation.TICKER])
def ticker(request: HttpRequest | None) -> str:
    language = current_edition()
    # Items start and end by the clock; an item linking a piece shows only
    # while the piece is public, which publishing and the clock decide.
    invalidation.window_clock(TickerItem, invalidation.TICKER, language)
    invalidation.publish_clock(language)
    context = furniture.ticker()
    caching.depend(
        *(
            invalidation.article_tag(item.article_id)
            for item in context["items"]
            if item.article_id
        )
    )
    return render_to_string("includes/ticker.html", context, request)


@parts.register(
    "latest-headlines", tags=lambda language: [invalidation.latest_tag(language)]
)
def latest_headlines(request: HttpRequest | None) -> str:
    invalidation.publish_clock(current_edition())
    return render_to_string(
        "includes/headline_list.html",
        furniture.latest_headlines(LATEST_HEADLINES),
        request,
    )
