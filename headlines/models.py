"""The headline ticker and editors' curated lists.

Both are time windows: an item shows while `starts_at <= now < ends_at`, so
scheduled items appear and expire on time with no job running.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import editions


def window_q(at: datetime, prefix: str = "") -> models.Q:
    """Open windows at `at`: started (or no start) and not yet ended (or no end)."""
    return (
        models.Q(**{f"{prefix}starts_at__isnull": True})
        | models.Q(**{f"{prefix}starts_at__lte": at})
    ) & (
        models.Q(**{f"{prefix}ends_at__isnull": True})
        | models.Q(**{f"{prefix}ends_at__gt": at})
    )


# What a reader's ticker shows of an item (`TickerItemQuerySet.active`).
TICKER_FIELDS = ("text", "url", "article", "is_breaking", "language")


class TickerItemQuerySet(models.QuerySet):
    def active_q(self, at: datetime | None = None) -> models.Q:
        from articles.models import Article

        at = at or timezone.now()
        # A link to an article counts only while the article is public.
        # Through the join select_related makes anyway, not IN (all published).
        linked_article_public = models.Q(
            article__isnull=True
        ) | Article.objects.published_q(at=at, prefix="article__")
        return window_q(at) & linked_article_public

    def active(
        self, at: datetime | None = None, *, language: str | None = None
    ) -> TickerItemQuerySet:
        """Items readers of an edition (the current one by default) see now:
        breaking first, then by priority."""
        from editions import current

        return (
            self.filter(self.active_q(at), language=language or current())
            .select_related("article")
            # An item links its piece by address, and that is all it reads
            # of it: each column more is compiled and converted on every
            # uncached page.
            .only(*TICKER_FIELDS, "article__slug", "article__language")
            .order_by("-is_breaking", "-priority", "-starts_at", "-pk")
        )


class TickerItem(models.Model):
    # Each edition runs its own ticker: an item is written for one language.
    language = models.CharField(
        _("edition"),
        max_length=8,
        choices=editions.choices,
        default=editions.default,
    )
    text = models.CharField(_("text"), max_length=200)
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Link to a story; or give a URL below."),
    )
    url = models.URLField(_("URL"), blank=True)
    starts_at = models.DateTimeField(_("starts"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("ends"), null=True, blank=True, help_text=_("Empty: until removed.")
    )
    priority = models.SmallIntegerField(
        _("priority"), default=0, help_text=_("Higher shows first.")
    )
    is_breaking = models.BooleanField(_("breaking"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TickerItemQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("ticker item")
        verbose_name_plural = _("ticker items")
        indexes = [
            models.Index(
                fields=["language", "starts_at", "ends_at"],
                name="ticker_edition_window",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="ticker_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(article__isnull=True) | models.Q(url=""),
                name="ticker_links_article_or_url",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        errors = {}
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if self.article_id and self.url:
            errors["url"] = _("Link to an article or to a URL, not both.")
        if self.article_id and self.article.language != self.language:
            errors["article"] = _(
                "This story is in another language; link the %(language)s "
                "translation, or put the item in that edition."
            ) % {"language": self.get_language_display()}
        if errors:
            raise ValidationError(errors)

    @property
    def link(self) -> str:
        return self.article.get_absolute_url() if self.article_id else self.url


class CuratedList(models.Model):
    """An ordered headline list picked by editors or desk staff ("Editor's picks")."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("curated list")
        verbose_name_plural = _("curated lists")

    def __str__(self) -> str:
        return self.name


class CuratedItemQuerySet(models.QuerySet):
    def active(self, at: datetime | None = None) -> CuratedItemQuerySet:
        from articles.models import Article

        at = at or timezone.now()
        return (
            self.filter(window_q(at))
            .filter(Article.objects.published_q(at=at, prefix="article__"))
            .order_by("position", "pk")
        )

    def in_edition(self, language: str | None = None) -> CuratedItemQuerySet:
        """Items whose piece is in an edition (the current one by default):
        one list of picks serves every edition with its own pieces."""
        from editions import current

        return self.filter(article__language=language or current())


class CuratedItem(models.Model):
    curated_list = models.ForeignKey(
        CuratedList, on_delete=models.CASCADE, related_name="items"
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)

    objects = CuratedItemQuerySet.as_manager()

    class Meta:
        ordering = ["curated_list", "position", "pk"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(starts_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="curated_item_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return str(self.article)
