from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

if TYPE_CHECKING:
    from .models import Article, HeadlineItem

# Columns a list of headlines never shows: the longest ones.
HEADLINE_DEFERRED = ("body", "search_vector")


def last_change() -> Greatest:
    """When a piece last changed for anyone holding a copy: its newest save,
    its release (a scheduled piece goes out at its publish time with nobody
    saving it), its kill or its move to the trash, whichever came last.

    An expression rather than a stored column, so no write path (a save, an
    `update()`, a migration) can leave it stale; the index
    `article_last_change` is built on exactly this expression, which is
    why it is written once, here. `updated_at` is never null and stands in
    for the missing times: SQLite's MAX() is null if any argument is.
    """
    saved = models.F("updated_at")
    return Greatest(
        saved,
        *(
            Coalesce(models.F(name), saved)
            for name in ("published_at", "killed_at", "deleted_at")
        ),
    )


def is_embargoed(article: Article, at: datetime | None = None) -> bool:
    """Approved, with its publish time still to come: the workflow's
    "scheduled" stage, whether or not the piece is in the trash, since
    `workflow.stage()` of a trashed piece is where a restore returns it."""
    return (
        article.status == "published"
        and article.published_at is not None
        and article.published_at > (at or timezone.now())
    )


def is_published(article: Article, at: datetime | None = None) -> bool:
    """`published_q()` for one loaded piece: whether readers see it at `at`.

    Written beside the `Q` so the two change together; a property test
    (tests/articles/test_visibility_predicate.py) holds them to the same
    answer for every state a row can be in.
    """
    return (
        article.status == "published"
        and article.published_at is not None
        and article.published_at <= (at or timezone.now())
        and article.deleted_at is None
    )


class ArticleQuerySet(models.QuerySet):
    """Visibility lives here and only here: every reader surface starts from
    `published()`, and code holding one loaded piece asks `is_published()`
    above, the same rule in Python."""

    def published_q(self, at: datetime | None = None, prefix: str = "") -> models.Q:
        """The rule as a `Q`: published state, publish time not in the future,
        not in the trash.

        Killed pieces have their own state, so they never match. `prefix`
        applies the rule across a relation, e.g. "articles__" from sections.
        """
        at = at or timezone.now()
        return models.Q(
            **{
                f"{prefix}status": "published",
                f"{prefix}published_at__lte": at,
                f"{prefix}deleted_at__isnull": True,
            }
        )

    def published(self, at: datetime | None = None) -> ArticleQuerySet:
        return self.filter(self.published_q(at))

    def gone(self) -> ArticleQuerySet:
        """Pieces readers saw and may no longer: killed, or once public and
        now in the trash (410 Gone). A draft in the trash was never public
        and is simply not found. Starts from `Article.all_objects`."""
        return self.filter(
            models.Q(status="killed")
            | models.Q(deleted_at__isnull=False, first_published_at__isnull=False)
        )

    def in_edition(self, language: str | None = None) -> ArticleQuerySet:
        """Pieces of one language edition, the current one by default."""
        from editions import current

        return self.filter(language=language or current())

    def scheduled_q(self, at: datetime | None = None, prefix: str = "") -> models.Q:
        """Approved pieces waiting for their publish time (embargoed), out
        of the trash: those that will go live at that time with nobody
        acting. For one loaded piece, `workflow.stage()` says "scheduled"
        for the same pieces out of the trash."""
        at = at or timezone.now()
        return models.Q(
            **{
                f"{prefix}status": "published",
                f"{prefix}published_at__gt": at,
                f"{prefix}deleted_at__isnull": True,
            }
        )

    def scheduled(self, at: datetime | None = None) -> ArticleQuerySet:
        return self.filter(self.scheduled_q(at))

    def lead_story(self, candidates: int = 25):
        """The lead of a front page: the newest piece with a picture among
        the newest `candidates`, or else the newest; None when empty."""
        newest = self.order_by("-published_at", "-pk").values("pk")[:candidates]
        return (
            self.filter(pk__in=newest)
            .alias(
                no_picture=models.ExpressionWrapper(
                    models.Q(hero_image=None), models.BooleanField()
                )
            )
            .order_by("no_picture", "-published_at", "-pk")
            .first()
        )

    def credited_to(self, author, at: datetime | None = None) -> ArticleQuerySet:
        """`author`'s pieces, newest first, found through the bylines' copy
        of the publish time (`Byline.published_at`): the planner walks the
        author's bylines on their index and reads about a page of articles
        however many pieces the author has. The bound at `at` keeps drafts
        (no publish time) and scheduled pieces out of the walk; visibility
        is still `published()`'s. Sets the order, so it goes last."""
        at = at or timezone.now()
        return self.filter(
            bylines__author=author, bylines__published_at__lte=at
        ).order_by("-bylines__published_at", "-bylines__article_id")

    def newest_per_section(
        self, per_section: int, section_ids: list[int]
    ) -> ArticleQuerySet:
        """The newest `per_section` of each section, as one query.

        On PostgreSQL one short index scan per section, so the cost does not
        grow with the archive; elsewhere a window over the
        whole set, which is fine at SQLite sizes.
        """
        from django.db import connections
        from django.db.models import Window
        from django.db.models.expressions import RawSQL
        from django.db.models.functions import RowNumber

        if connections[self.db].vendor == "postgresql" and section_ids:
            # The visibility rule compiled once as a CTE the planner inlines
            # into a LATERAL scan per section: the same plan as a UNION of
            # one query per section, without compiling twelve of them.
            scope_sql, scope_params = self.as_scope()
            newest = RawSQL(
                f"{scope_sql} SELECT newest.id FROM unnest(%s::bigint[]) AS s(id) "
                "CROSS JOIN LATERAL (SELECT id FROM scope "
                "WHERE scope.section_id = s.id "
                "ORDER BY published_at DESC, id DESC LIMIT %s) AS newest",
                (*scope_params, list(section_ids), per_section),
            )
            return self.filter(pk__in=newest)
        return self.annotate(
            section_rank=Window(
                RowNumber(), partition_by="section", order_by="-published_at"
            )
        ).filter(section_rank__lte=per_section)

    def as_scope(self) -> tuple[str, tuple]:
        """These rows as `WITH scope (id, section_id, published_at) AS NOT
        MATERIALIZED (...)`, and its parameters, for hand-written SQL on
        PostgreSQL that must keep this queryset's rules (visibility, edition):
        the ORM compiles them once, and the planner inlines the CTE into
        every branch that reads `scope`, as if each repeated the filters."""
        sql, params = (
            self.order_by().values("pk", "section_id", "published_at").query
        ).sql_with_params()
        return (
            f"WITH scope (id, section_id, published_at) AS NOT MATERIALIZED ({sql})",
            params,
        )

    def for_headlines(self) -> ArticleQuerySet:
        """A list of headlines with their markers: one query, no images."""
        return (
            self.select_related("section")
            .defer(*HEADLINE_DEFERRED)
            .order_by("-published_at", "-pk")
        )

    def headline_items(self, limit: int) -> list[HeadlineItem]:
        """The newest `limit` pieces as a list shows nothing but their
        headlines (the latest-news sidebar): the columns they read, as rows."""
        from .models import HeadlineItem

        rows = self.order_by("-published_at", "-pk").values_list(*HeadlineItem._fields)[
            :limit
        ]
        return [HeadlineItem._make(row) for row in rows]

    def for_cards(self) -> ArticleQuerySet:
        """Pieces to show as cards, newest first, with only what finds a
        card in the cache (`articles.cards`), which reads the whole rows
        of those it has to render."""
        return self.only("pk", "version", "section_id").order_by("-published_at", "-pk")

    def for_detail(self) -> ArticleQuerySet:
        """An article page's row: what it shows besides the story itself
        (bylines, tags, pictures) is fetched by `articles.story.prepare()`,
        only when the cached story is missing."""
        return self.select_related("section", "hero_image").defer("search_vector")


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    """`Article.objects`: every article except those in the trash.

    Being the default manager, it is what related managers, the admin's
    lookups and every `Article.objects` query start from, so a deleted
    piece disappears from all of them at once. `Article.all_objects`
    includes the trash, for restoring and purging.
    """

    def get_queryset(self) -> ArticleQuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)
