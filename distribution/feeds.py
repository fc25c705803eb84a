"""RSS 2.0 and Atom feeds: all news, each section, each tag and each author.

Built on Django's syndication framework and started from `published()`, so
a draft, scheduled or killed piece is never in a feed. Feeds answer
conditional requests (see `distribution.conditional`).
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import (
    Atom1Feed,
    Enclosure,
    Rss201rev2Feed,
    SyndicationFeed,
)
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext
from taggit.models import Tag

import caching
from articles import invalidation, markers
from articles.models import Article, Byline, Correction, Section
from authors.models import Author
from caching.pages import shows
from common.origin import public_origin
from editions import current as current_edition
from images.models import SOCIAL_CARD_SPEC, Rendition

FEED_SIZE = 50

# The public origin of the feed being written. Django's item hooks get the
# item alone, and a Feed instance serves every request, so it cannot be an
# attribute.
_origin: ContextVar[str] = ContextVar("feed_origin")


class NewsFeed(Feed):
    """The latest published articles, newest first."""

    feed_type = Rss201rev2Feed
    description_template = None

    def get_object(self, request, *args, **kwargs):
        return None

    def get_feed(self, obj, request: HttpRequest) -> SyndicationFeed:
        token = _origin.set(public_origin(request))
        try:
            return super().get_feed(obj, request)
        finally:
            _origin.reset(token)

    def title(self, obj=None) -> str:
        return f"{settings.SITE_NAME}: {self.scope_name(obj)}"

    def scope_name(self, obj) -> str:
        return gettext("latest news")

    def link(self, obj=None) -> str:
        return reverse("home")

    def description(self, obj=None) -> str:
        return f"{settings.SITE_NAME}, {self.scope_name(obj)}"

    @staticmethod
    def scope_q(slug: str | None = None) -> Q:
        """Which pieces the feed lists, in any state: the one definition its
        items (the published ones) and its validators (all of them, the
        trash too: articles/urls.py) are both drawn from."""
        return Q()

    def scope(self, obj) -> QuerySet[Article]:
        return Article.objects.filter(self.scope_q(getattr(obj, "slug", None)))

    def lists(self, obj) -> list[str]:
        """The tags of the list this feed shows (articles/invalidation.py)."""
        return [invalidation.latest_tag(current_edition())]

    def items(self, obj=None) -> list[Article]:
        items = list(
            self.scope(obj)
            .published()
            .in_edition()
            .select_related("section", "hero_image")
            .prefetch_related(
                Prefetch(
                    "bylines",
                    queryset=Byline.objects.public()
                    .select_related("author")
                    .order_by("position", "pk"),
                ),
                "tags",
                Prefetch(
                    "corrections", queryset=Correction.objects.order_by("created_at")
                ),
                # The enclosure is the social card: one rendition of the
                # twenty-odd each picture has.
                Prefetch(
                    "hero_image__renditions",
                    queryset=Rendition.objects.filter(spec=SOCIAL_CARD_SPEC),
                ),
            )
            .defer("body", "search_vector")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )
        # What the feed shows, for the page cache: the list, and each item's
        # piece, picture, authors and tag names.
        shows(*self.lists(obj), invalidation.SECTIONS)
        for item in items:
            caching.depend(
                invalidation.article_tag(item.pk),
                *(
                    [invalidation.image_tag(item.hero_image_id)]
                    if item.hero_image_id
                    else []
                ),
                *(invalidation.author_tag(b.author_id) for b in item.bylines.all()),
                *(invalidation.topic_tag(tag.pk) for tag in item.tags.all()),
            )
        invalidation.publish_clock(current_edition())
        return items

    def item_title(self, item: Article) -> str:
        title = markers.headline_text(item, item.headline)
        if item.is_sponsored:
            title = f"® {title} ({item.partner_name})"
        return title

    def item_description(self, item: Article) -> str:
        parts = [linebreaks(escape(item.lead))] if item.lead else []
        for note in item.corrections.all():
            parts.append(
                f"<p><strong>{escape(note.get_kind_display())}</strong>: "
                f"{escape(note.text)}</p>"
            )
        if item.is_sponsored:
            note = gettext("Partner content: %(partner)s") % {
                "partner": item.partner_name
            }
            parts.append(f"<p>{escape(note)}</p>")
        return "".join(parts)

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Article) -> str:
        # The URL never changes after publication, so it is a stable id.
        return _origin.get() + item.get_absolute_url()

    item_guid_is_permalink = True

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.changed_for_readers

    def item_author_name(self, item: Article) -> str:
        """The bylines, or the agency. Partner content is credited to the
        partner first, as its JSON-LD is (articles/structured_data.py)."""
        names = [byline.author.name for byline in item.bylines.all()]
        if item.is_sponsored:
            names.insert(0, item.partner_name)
        return ", ".join(names) or settings.SITE_NAME

    def item_categories(self, item: Article) -> list[str]:
        return [
            item.section.display_name,
            *sorted(tag.name for tag in item.tags.all()),
        ]

    def item_enclosures(self, item: Article) -> list[Enclosure]:
        image = item.shown_hero_image
        rendition = image.social_card if image else None
        if rendition is None:
            return []
        length = rendition.file_size
        if length is None:
            try:
                length = rendition.file.size
            except Exception:
                # A file gone from disk (OSError) or from a bucket (the
                # backend's own error): no enclosure rather than no feed.
                return []
        url = rendition.url
        if url.startswith("/"):
            url = _origin.get() + url
        return [Enclosure(url, str(length), "image/jpeg")]


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


class SectionFeed(NewsFeed):
    def get_object(self, request, slug: str) -> Section:
        return get_object_or_404(Section, slug=slug)

    def scope_name(self, obj: Section) -> str:
        return obj.display_name

    def link(self, obj: Section) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def scope_q(slug: str | None = None) -> Q:
        return Q(section__slug=slug)

    def lists(self, obj: Section) -> list[str]:
        return [invalidation.section_list_tag(obj.pk)]


class TagFeed(NewsFeed):
    def get_object(self, request, slug: str) -> Tag:
        """The tag, while a public piece of the edition carries it: like its
        page (articles/views.py, TagView), a feed must not announce a topic
        only drafts or embargoed pieces have. The 404 is declared like the
        feed, so it gives way when the first such piece goes live."""
        tag = get_object_or_404(Tag, slug=slug)
        shows(*self.lists(tag))
        invalidation.publish_clock(current_edition())
        if not Article.objects.published().in_edition().filter(tags=tag).exists():
            raise Http404("No public piece carries this tag.")
        return tag

    def scope_name(self, obj: Tag) -> str:
        return obj.name

    def link(self, obj: Tag) -> str:
        return reverse("articles:tag", args=[obj.slug])

    @staticmethod
    def scope_q(slug: str | None = None) -> Q:
        return Q(tags__slug=slug)

    def lists(self, obj: Tag) -> list[str]:
        return [invalidation.tag_list_tag(obj.pk), invalidation.topic_tag(obj.pk)]


class AuthorFeed(NewsFeed):
    def get_object(self, request, slug: str) -> Author:
        return get_object_or_404(Author.objects.active(), slug=slug)

    def scope_name(self, obj: Author) -> str:
        return obj.name

    def link(self, obj: Author) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def scope_q(slug: str | None = None) -> Q:
        return Q(authors__slug=slug)

    def lists(self, obj: Author) -> list[str]:
        return [invalidation.author_list_tag(obj.pk), invalidation.author_tag(obj.pk)]


class AtomSectionFeed(SectionFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


class AtomTagFeed(TagFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


class AtomAuthorFeed(AuthorFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
