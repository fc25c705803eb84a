"""Sitemaps (Django's framework): articles, sections, authors, tags, and a
Google News sitemap of the last 48 hours.

Everything starts from `published()`. Partner content stays out of the
Google News sitemap, as Google's news policies require.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from authors.models import Author
from editions import current as current_edition

from .models import Article, Section
from .translations import published_versions

NEWS_WINDOW = timedelta(hours=48)


class ArticleSitemap(Sitemap):
    limit = 5000  # pages of the index stay small and fast to build

    def items(self):
        return (
            Article.objects.published()
            .in_edition()
            .only(
                "slug",
                "language",
                "translation_of",
                "published_at",
                "updated_at",
                "revised_at",
            )
            .order_by("-published_at", "-pk")
        )

    def get_urls(self, page=1, site=None, protocol=None):
        """Each piece with its published translations as hreflang alternates
        (`xhtml:link`), fetched for the whole page in one query."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        versions = published_versions(url["item"] for url in urls)
        for url in urls:
            item = url["item"]
            group = versions.get(item.translation_group_id, [])
            if len(group) < 2:
                continue
            origin = url["location"].removesuffix(item.get_absolute_url())
            url["alternates"] = [
                {
                    "lang_code": version.language,
                    "location": origin + version.get_absolute_url(),
                }
                for version in group
            ]
        return urls

    def lastmod(self, item: Article):
        return max(t for t in (item.published_at, item.revised_at) if t)

    def location(self, item: Article) -> str:
        return item.get_absolute_url()

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every item: one aggregate instead.
        latest = self.items().aggregate(
            published=Max("published_at"), revised=Max("revised_at")
        )
        return max((t for t in latest.values() if t), default=None)


def newest_published(prefix: str) -> Max:
    """The publish time of the newest published article of the current
    edition across a relation."""
    return Max(
        f"{prefix}published_at",
        filter=Article.objects.published_q(at=timezone.now(), prefix=prefix)
        & Q(**{f"{prefix}language": current_edition()}),
    )


class SectionSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.annotate(newest=newest_published("articles__")).order_by(
            "position", "name"
        )

    def lastmod(self, item: Section):
        return item.newest

    def get_latest_lastmod(self):
        return (
            Article.objects.published()
            .in_edition()
            .aggregate(latest=Max("published_at"))["latest"]
        )


class AuthorSitemap(Sitemap):
    def items(self):
        return (
            Author.objects.active()
            .annotate(newest=newest_published("articles__"))
            .filter(newest__isnull=False)
            .order_by("name")
        )

    def lastmod(self, item: Author):
        return item.newest

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("newest"))["latest"]


class TagSitemap(Sitemap):
    def items(self):
        # Tags reach articles through a generic relation: a subquery per tag
        # is both correct and index-friendly.
        newest = (
            Article.objects.published()
            .in_edition()
            .filter(tags=OuterRef("pk"))
            .order_by("-published_at")
            .values("published_at")[:1]
        )
        return (
            Tag.objects.annotate(newest=Subquery(newest))
            .filter(newest__isnull=False)
            .order_by("name")
        )

    def location(self, item: Tag) -> str:
        return reverse("articles:tag", args=[item.slug])

    def lastmod(self, item: Tag):
        return item.newest

    def get_latest_lastmod(self):
        return (
            Article.objects.published()
            .in_edition()
            .filter(tags__isnull=False)
            .aggregate(latest=Max("published_at"))["latest"]
        )


class GoogleNewsSitemap(Sitemap):
    """Articles of the last 48 hours, for the Google News sitemap template."""

    limit = 1000  # Google's maximum per news sitemap

    def items(self):
        now = timezone.now()
        return (
            Article.objects.published(at=now)
            .in_edition()
            .filter(published_at__gte=now - NEWS_WINDOW, is_sponsored=False)
            .only("slug", "headline", "language", "published_at", "revised_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item: Article):
        return max(t for t in (item.published_at, item.revised_at) if t)

    def location(self, item: Article) -> str:
        return item.get_absolute_url()

    @property
    def publication_name(self) -> str:
        return settings.SITE_NAME


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}
