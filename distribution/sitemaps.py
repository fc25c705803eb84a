"""Sitemaps (Django's framework): articles, sections, authors, tags, and a
Google News sitemap of the last 48 hours.

Everything starts from `published()`. Partner content stays out of the
Google News sitemap, as Google's news policies require.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Page, Paginator
from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Section
from articles.translations import published_versions_of
from authors.models import Author
from common.db import first_datetimes
from editions import current as current_edition

NEWS_WINDOW = timedelta(hours=48)


class DatedByEdition:
    """A sitemap page's Last-Modified is its newest entry's lastmod, which
    goes backwards when that piece is killed and stays put when a headline
    is edited: date it by the edition's last public change instead."""

    def get_urls(self, *args, **kwargs):
        urls = super().get_urls(*args, **kwargs)
        changed = newest_in_edition()
        latest = getattr(self, "latest_lastmod", None)
        if changed is not None and (latest is None or changed > latest):
            self.latest_lastmod = changed
        return urls


class ArticleSitemap(DatedByEdition, Sitemap):
    limit = 5000  # pages of the index stay small and fast to build

    def items(self):
        # Rows, not model instances: building 5,000 instances per page cost
        # about a third of its time. Article's own rules (its address, when
        # it last changed for readers) read the same fields off a row.
        return (
            Article.objects.published()
            .in_edition()
            .order_by("-published_at", "-pk")
            .values_list(*ROW_FIELDS, named=True)
        )

    @property
    def paginator(self) -> Paginator:
        return IdsFirstPaginator(self._items(), self.limit)

    def get_urls(self, page=1, site=None, protocol=None):
        """Each piece with its published translations as hreflang alternates
        (`xhtml:link`), fetched for the page's translated stories only."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        rows = [url["item"] for url in urls]
        translated = set(
            Article.objects.published()
            .filter(translation_of__in=[row.pk for row in rows])
            .values_list("translation_of", flat=True)
        )
        groups = {
            row.translation_of or row.pk
            for row in rows
            if row.translation_of or row.pk in translated
        }
        versions = published_versions_of(groups)
        for url in urls:
            item = url["item"]
            group = versions.get(item.translation_of or item.pk, [])
            if len(group) < 2:
                continue
            origin = url["location"].removesuffix(Article.get_absolute_url(item))
            url["alternates"] = [
                {
                    "lang_code": version.language,
                    "location": origin + version.get_absolute_url(),
                }
                for version in group
            ]
        return urls

    def lastmod(self, item) -> datetime | None:
        return Article.changed_for_readers.fget(item)

    def location(self, item) -> str:
        return Article.get_absolute_url(item)

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every item; an aggregate read
        # every live piece (a third of a second at a million).
        return newest_in_edition()


class IdsFirstPaginator(Paginator):
    """Pages of a long list that find their rows' ids first.

    Page 30 of an edition's article sitemap skips 145,000 pieces. Skipped
    by id alone, they are read off the (edition, publish time, id) index of
    live pieces without visiting the table; only the page's own 5,000 rows
    are then fetched. With whole rows skipped, a deep page took seconds at
    a million articles.
    """

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        listed = self.object_list
        ids = listed.values_list("pk", flat=True)[bottom : bottom + self.per_page]
        rows = listed.filter(pk__in=ids)
        return self._get_page(rows, number, self)


# What the article sitemap reads of each piece.
ROW_FIELDS = (
    "pk",
    "slug",
    "language",
    "translation_of",
    "published_at",
    "updated_at",
    "revised_at",
)


def newest_in_edition():
    """When what the edition's sitemaps show last changed: the newest
    publish or revision of a live piece, or the newest save of a piece that
    is or was public (an edit, a kill, a move to the trash), so that their
    Last-Modified never goes backwards and a 304 never hides a change. Each
    an index-backed LIMIT 1, in one query."""
    now = timezone.now()
    live = Article.objects.published(at=now).in_edition()
    was_public = Article.all_objects.in_edition().filter(
        status__in=[Article.Status.PUBLISHED, Article.Status.KILLED],
        published_at__lte=now,
    )
    times = first_datetimes(
        [
            live.order_by("-published_at").values("published_at")[:1],
            live.filter(revised_at__isnull=False)
            .order_by("-revised_at")
            .values("revised_at")[:1],
            was_public.order_by("-updated_at").values("updated_at")[:1],
        ]
    )
    return max(times, default=None)


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
        return newest_in_edition()


class EditionLatestLastmod:
    """Tag and author pages list their newest pieces, so the newest piece of
    the edition dates the sitemap. Its entries carry no `lastmod`: each
    one's newest piece, at a million articles, took seconds per sitemap
    (a scan of every byline or tagged item), and a missing lastmod is
    better than a wrong one."""

    def get_latest_lastmod(self):
        return newest_in_edition()


class AuthorSitemap(EditionLatestLastmod, Sitemap):
    def items(self):
        # EXISTS stops at the first live piece of the author in this edition.
        credited = (
            Article.objects.published()
            .in_edition()
            .filter(bylines__author=OuterRef("pk"))
        )
        return Author.objects.active().filter(Exists(credited)).order_by("name")


class TagSitemap(EditionLatestLastmod, Sitemap):
    def items(self):
        tagged = Article.objects.published().in_edition().filter(tags=OuterRef("pk"))
        return Tag.objects.filter(Exists(tagged)).order_by("name")

    def location(self, item: Tag) -> str:
        return reverse("articles:tag", args=[item.slug])


class GoogleNewsSitemap(DatedByEdition, Sitemap):
    """Articles of the last 48 hours, for the Google News sitemap template."""

    limit = 1000  # Google's maximum per news sitemap

    def items(self):
        now = timezone.now()
        return (
            Article.objects.published(at=now)
            .in_edition()
            .filter(published_at__gte=now - NEWS_WINDOW, is_sponsored=False)
            .only(
                "slug",
                "headline",
                "language",
                "published_at",
                "revised_at",
                "updated_at",
            )
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item: Article):
        return item.changed_for_readers

    def location(self, item: Article) -> str:
        return item.get_absolute_url()

    def get_latest_lastmod(self):
        # A headline edit changes this sitemap without moving any lastmod.
        return newest_in_edition()


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}
