"""The parts of an article page that only the story itself decides.

The meta tags and JSON-LD in the head, and the story between the headline
and the share links (picture, corrections, body, tags, author boxes), depend
on the article row and on the rows it shows: its section, tags, bylines,
authors with their expertise lines, pictures and corrections. Nothing else
on the site changes them, so they are cached per article version and kept
while other stories are published, killed or scheduled, the ticker turns and
curated lists change; each of those empties the full-page cache, and every
article page read next would otherwise fetch and render its story again.

Keys carry the article's `version` (raised by every save) and a *furniture
version* that any change to those other rows replaces, now and again at
commit, as the page cache's content version is (newsroom/pagecache.py).
Previews are never cached. On with `FRAGMENT_CACHE`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from editions import current as current_edition
from newsroom import fragments, pagecache

from .models import Article
from .related import TagClasses, classify_tags
from .structured_data import absolute

FURNITURE_KEY = "story:furniture"
STORY_KEY = "story:{furniture}:{language}:{pk}:{version}"
# Rows an article page shows besides the article itself (app label, or
# app.model). A row of these changing replaces the furniture version.
FURNITURE = {
    "authors",
    "images",
    "taggit",
    "articles.section",
    "articles.byline",
    "articles.correction",
}


# Read with the content version, in the same round trip.
pagecache.read_with_state(FURNITURE_KEY)


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
    if preview or not fragments.is_enabled():
        return _render(request, article, preview=preview)
    cache = pagecache._cache()
    key = STORY_KEY.format(
        furniture=pagecache.token(request, FURNITURE_KEY),
        language=current_edition(),
        pk=article.pk,
        version=article.version,
    )
    stored = cache.get(key)
    if stored is not None:
        head, main, tag_ids, tag_classes = stored
        return Story(mark_safe(head), mark_safe(main), tag_ids, tag_classes)
    rendered = _render(request, article, preview=False)
    if connection.vendor == "postgresql":
        rendered.tag_classes = classify_tags(rendered.tag_ids)
    cache.set(
        key,
        (
            str(rendered.head),
            str(rendered.main),
            rendered.tag_ids,
            rendered.tag_classes,
        ),
        getattr(settings, "PAGE_CACHE_SECONDS", 300),
    )
    return rendered


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
            queryset=Byline.objects.select_related("author__photo").order_by(
                "position", "pk"
            ),
        ),
        Prefetch(
            "bylines__author__expertise_lines",
            queryset=ExpertiseLine.objects.order_by("position", "pk"),
        ),
        "tags",
    )
    images = [article.hero_image] + [b.author.photo for b in article.bylines.all()]
    prefetch_related_objects([image for image in images if image], "renditions")


def _render(request: HttpRequest, article: Article, *, preview: bool) -> Story:
    prepare(article)
    # Only a correction sets revised_at: most pieces need no query for notes.
    corrections = list(article.corrections.all()) if article.revised_at else []
    context = {
        "article": article,
        "corrections": corrections,
        "social_card": article.hero_image.social_card if article.hero_image else None,
        "canonical_url": absolute(article.get_absolute_url()),
        "preview": preview,
    }
    return Story(
        head=render_to_string("includes/article_meta.html", context, request),
        main=render_to_string("includes/article_story.html", context, request),
        tag_ids=[tag.pk for tag in article.tags.all()],
    )


# Rows that no page shows when they are created: a new picture appears once
# an article or author takes it up, and saving that replaces what shows it.
# Pictures are uploaded all day; each must not empty every cached story.
SHOWN_NOWHERE_WHEN_NEW = {"images.image"}


def on_row_change(sender, **kwargs) -> None:
    """Signal receiver: a row an article page shows has changed."""
    meta = sender._meta
    if kwargs.get("created") and meta.label_lower in SHOWN_NOWHERE_WHEN_NEW:
        return
    if meta.app_label in FURNITURE or meta.label_lower in FURNITURE:
        pagecache.replace_version(FURNITURE_KEY)
