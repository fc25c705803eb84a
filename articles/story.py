"""The parts of an article page that only the story itself decides.

The meta tags and JSON-LD in the head, and the story between the headline
and the share links (picture, corrections, body, tags, author boxes), depend
on the article row and on the rows it shows: its section, tags, bylines,
authors with their expertise lines, pictures and corrections. They are
cached per article version and name those rows (articles/invalidation.py),
so only a change to one of them renders the story again; other pieces being
published, killed or scheduled leave it alone. Previews are never cached.
On with `FRAGMENT_CACHE`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

import caching
from common.origin import absolute, public_origin
from editions import current as current_edition

from . import invalidation
from .models import Article
from .related import TagClasses, classify_tags

# The origin: its absolute links follow the request in development.
STORY_KEY = "story:{language}:{pk}:{version}:{origin}"


@dataclass
class Story:
    head: SafeString
    main: SafeString
    tag_ids: list[int] = field(default_factory=list)
    # How related news should look for each tag (PostgreSQL only).
    tag_classes: TagClasses | None = None


def story(request: HttpRequest, article: Article, *, preview: bool = False) -> Story:
    """The head and main parts of `article`'s page, rendered or from the
    cache, and what related news needs to know of its tags."""
    if preview:
        return _render(request, article, preview=True)

    def render() -> tuple[str, str, list[int], TagClasses | None]:
        rendered = _render(request, article, preview=False)
        if connection.vendor == "postgresql" and caching.is_enabled():
            rendered.tag_classes = classify_tags(rendered.tag_ids)
        return (
            str(rendered.head),
            str(rendered.main),
            rendered.tag_ids,
            rendered.tag_classes,
        )

    head, main, tag_ids, tag_classes = caching.cached(
        STORY_KEY.format(
            language=current_edition(),
            pk=article.pk,
            version=article.version,
            origin=public_origin(request),
        ),
        render,
        tags=[invalidation.article_tag(article.pk)],
    )
    return Story(mark_safe(head), mark_safe(main), tag_ids, tag_classes)


def prepare(article: Article) -> None:
    """Fetch what the story shows, in a fixed number of queries: bylines with
    authors, photos and expertise lines, tags, and every picture's
    renditions."""
    from authors.models import ExpertiseLine

    from .models import Byline

    prefetch_related_objects(
        [article],
        Prefetch(
            "bylines",
            queryset=Byline.objects.public()
            .select_related("author__photo")
            .order_by("position", "pk"),
        ),
        Prefetch(
            "bylines__author__expertise_lines",
            queryset=ExpertiseLine.objects.order_by("position", "pk"),
        ),
        "tags",
    )
    images = [article.hero_image] + [b.author.photo for b in article.bylines.all()]
    prefetch_related_objects([image for image in images if image], "renditions")
    caching.depend(
        invalidation.article_tag(article.pk),
        invalidation.SECTIONS,
        *(invalidation.author_tag(b.author_id) for b in article.bylines.all()),
        *(invalidation.image_tag(image.pk) for image in images if image),
        *(invalidation.topic_tag(tag.pk) for tag in article.tags.all()),
    )


def _render(request: HttpRequest, article: Article, *, preview: bool) -> Story:
    prepare(article)
    # Only a correction sets revised_at: most pieces need no query for notes.
    corrections = list(article.corrections.all()) if article.revised_at else []
    context = {
        "article": article,
        "corrections": corrections,
        "social_card": (
            article.shown_hero_image.social_card if article.shown_hero_image else None
        ),
        "canonical_url": absolute(article.get_absolute_url(), request),
        "preview": preview,
    }
    return Story(
        head=render_to_string("includes/article_meta.html", context, request),
        main=render_to_string("includes/article_story.html", context, request),
        tag_ids=[tag.pk for tag in article.tags.all()],
    )
