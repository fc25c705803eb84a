"""Headline furniture shown on many pages: ticker, latest, most read, picks.

Each tag is one query and starts from the published-articles rule.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

import caching
from articles import invalidation
from articles.models import Article
from readership.reading import most_read_by_window

from ..models import CuratedItem, TickerItem

register = template.Library()

EDITORS_PICKS = "editors-picks"


@register.inclusion_tag("includes/ticker.html")
def ticker() -> dict:
    return {"items": list(TickerItem.objects.active()[:12])}


@register.inclusion_tag("includes/headline_list.html")
def latest_headlines(
    limit: int = 20, section=None, title: str = _("Latest news")
) -> dict:
    articles = Article.objects.published().in_edition()
    if section is not None:
        articles = articles.filter(section=section)
    return {
        "title": title,
        "articles": articles.headline_items(limit),
        "list_id": "latest",
        "more_url": reverse("articles:all_news") if section is None else "",
        "more_label": _("All news"),
    }


@register.inclusion_tag("includes/most_read.html")
def most_read(limit: int = 10) -> dict:
    lists = most_read_by_window([1, 7], limit=limit)
    return {"day": lists[1], "week": lists[7]}


@register.inclusion_tag("includes/headline_list.html")
def curated_list(slug: str = EDITORS_PICKS, title: str = _("Editor's picks")) -> dict:
    # Items start and end by the clock, and editors change them: a cached
    # page showing the list says so (articles/invalidation.py).
    caching.depend(invalidation.CURATED)
    invalidation.window_clock(CuratedItem, invalidation.CURATED)
    items = (
        CuratedItem.objects.active()
        .in_edition()
        .filter(curated_list__slug=slug)
        .select_related("article__section")
        .defer("article__body", "article__search_vector")
    )
    return {
        "title": title,
        "articles": [item.article for item in items[:10]],
        "list_id": slug,
    }
