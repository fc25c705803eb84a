"""Related news, the part of an article page that other pieces change.

A new piece on the same topic enters the related news of many older pages.
Kept inside the page, every publish would throw those pages away; as a
part spliced in per request (caching/parts.py), the story stays cached and
only this short list is rendered again. It names each piece it lists, so an
edit or a kill of one of them shows at once, and the pieces a new one
relates to are told at its publish (articles/invalidation.py). Other new
pieces join within RELATED_REFRESH, the one lag of the list: which pieces it
may show never lags.
"""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

import caching
from caching import parts

from . import invalidation, navigation
from .models import Article
from .related import TagClasses, related_articles

RELATED_REFRESH = timedelta(minutes=10)


def hint(
    request: HttpRequest, article: Article, tag_ids: list[int], classes: TagClasses
) -> None:
    """What the article page knows already, spared to the part's render."""
    if not hasattr(request, "_related_hints"):
        request._related_hints = {}
    request._related_hints[article.pk] = (article, tag_ids, classes)


@parts.register(
    "related", tags=lambda language, article: [invalidation.related_tag(article)]
)
def related(request: HttpRequest | None, article: int) -> str:
    known = getattr(request, "_related_hints", {}).get(int(article))
    if known is not None:
        piece, tag_ids, tag_classes = known
    else:
        piece = (
            Article.objects.published()
            .only("pk", "section_id", "language")
            .filter(pk=article)
            .first()
        )
        if piece is None:
            return ""
        tag_ids, tag_classes = list(piece.tags.values_list("pk", flat=True)), None
    pieces = related_articles(
        piece,
        tag_ids=tag_ids,
        tag_classes=tag_classes,
        sections=navigation.sections(request),
    )
    caching.depend(*(invalidation.article_tag(other.pk) for other in pieces))
    caching.expires(timezone.now() + RELATED_REFRESH)
    return render_to_string("includes/related_news.html", {"related": pieces}, request)
