"""Article cards, a headline with its picture, as the home page shows them.

A card shows its article's row, its section and its picture, nothing
else: like the story of an article page (articles/story.py) it is cached
under the article's `version` and names those rows. So a card outlives
other pieces being published, killed or scheduled: the home page read next
renders the new piece's card and reads the other fifty in two round trips,
instead of rendering them all with their pictures' srcsets, which was most
of its work. Pictures are fetched only for the cards rendered. On with
`FRAGMENT_CACHE`, like the stories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

import caching
from editions import current as current_edition
from images.models import Rendition

from . import invalidation
from .markup import CARD_RATIO, article_card_html
from .models import Article
from .querysets import HEADLINE_DEFERRED

CARD_KEY = "card:{language}:{style}:{pk}:{version}"


@dataclass(frozen=True)
class CardStyle:
    """How a card is drawn; `name` keys the cache, one name per style."""

    name: str
    sizes: str  # how wide the picture is shown, as in HTML
    heading: str = "h3"
    show_lead: bool = False


LEAD_CARD = CardStyle(
    "lead", sizes="(min-width: 900px) 760px, 100vw", heading="h2", show_lead=True
)
BLOCK_CARD = CardStyle("block", sizes="(min-width: 900px) 300px, 100vw")


def render_cards(
    request: HttpRequest, cards: Sequence[tuple[Article, CardStyle]]
) -> list[SafeString]:
    """The HTML of each (article, style) card, in order: from the cache
    where current, the rest rendered in a fixed number of queries.

    The articles need only their pk and version
    (`ArticleQuerySet.for_cards()`): the rows and pictures of the cards to
    render are read here.
    """
    language = current_edition()
    items = [
        (
            CARD_KEY.format(
                language=language,
                style=style.name,
                pk=article.pk,
                version=article.version,
            ),
            [invalidation.article_tag(article.pk), invalidation.SECTIONS],
        )
        for article, style in cards
    ]
    return [
        mark_safe(html)
        for html in caching.cached_many(
            items, lambda indexes: _render([cards[index] for index in indexes])
        )
    ]


def _render(
    cards: Sequence[tuple[Article, CardStyle]],
) -> list[tuple[str, list[str]]]:
    """Each card's HTML and the picture it shows."""
    # By pk from all pieces: these were visible when the page listed them
    # a moment ago, and the trash must not leave a hole in the page.
    rows = (
        Article.all_objects.select_related("hero_image")
        .defer(*HEADLINE_DEFERRED)
        .in_bulk({article.pk for article, _style in cards})
    )
    # One query for every picture's card-shaped renditions, the only ones a
    # card draws on; every instance is filled, as two pieces may share one.
    pictures = [row.hero_image for row in rows.values() if row.hero_image]
    prefetch_related_objects(
        pictures,
        Prefetch("renditions", queryset=Rendition.objects.in_shape(CARD_RATIO)),
    )
    return [
        (
            str(
                article_card_html(
                    rows[article.pk],
                    heading=style.heading,
                    show_lead=style.show_lead,
                    sizes=style.sizes,
                )
            ),
            [invalidation.image_tag(rows[article.pk].hero_image_id)]
            if rows[article.pk].hero_image_id
            else [],
        )
        if article.pk in rows
        else ("", [])  # purged since it was listed
        for article, style in cards
    ]
