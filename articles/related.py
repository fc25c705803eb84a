"""Related news: the editor's picks first, then automatic suggestions."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, Value

from .models import Article, RelatedArticle


def related_articles(article: Article, *, limit: int = 6) -> list[Article]:
    """Up to `limit` published pieces related to `article`, in one query.

    The editor's ordered picks come first. The rest are pieces that share a
    tag or the section, those sharing a tag before those only in the same
    section, most recent first. Never the article itself, never anything
    that is not published.
    """
    picks = RelatedArticle.objects.filter(article=article)
    pick_position = picks.filter(target=OuterRef("pk")).values("position")[:1]
    # Prefetched on the article page, so reading the tags costs no query.
    tag_ids = [tag.pk for tag in article.tags.all()]
    shares_tag = Exists(
        Article.tags.through.objects.filter(
            content_type_id=ContentType.objects.get_for_model(Article).pk,
            object_id=OuterRef("pk"),
            tag_id__in=tag_ids,
        )
    )
    in_scope = (
        Article.objects.published().in_edition(article.language).exclude(pk=article.pk)
    )
    if connection.features.supports_slicing_ordering_in_compound:
        # Only the picks, the newest pieces sharing a tag and the newest of
        # the section can make the list: a UNION ALL of short scans keeps
        # the ordering below off the whole section at archive scale. Every
        # branch is already in scope, so the outer query filters on ids only.
        newest = ("-published_at", "-pk")
        branches = [
            in_scope.filter(section_id=article.section_id)
            .order_by(*newest)
            .values("pk")[:limit],
            *_tag_branches(in_scope, tag_ids, limit),
        ]
        candidates = Article.objects.filter(
            pk__in=in_scope.filter(pk__in=picks.values("target"))
            .order_by()
            .values("pk")
            .union(*branches, all=True)
        )
    else:
        candidates = in_scope.filter(
            Q(pk__in=picks.values("target"))
            | Q(section_id=article.section_id)
            | shares_tag
        )
    return list(
        candidates.annotate(pick_position=pick_position, shares_tag=shares_tag)
        .for_headlines()
        .order_by(
            F("pick_position").asc(nulls_last=True),
            "-shares_tag",
            "-published_at",
            "-pk",
        )[:limit]
    )


# A tag on more than this share of the archive (and at least BUSY_MINIMUM
# pieces) is found fastest by walking the newest pieces and probing for it;
# a rarer one by starting from its own items.
BUSY_SHARE = 0.005
BUSY_MINIMUM = 200
# How many of a rare tag's newest pieces (by creation) per related slot are
# considered, leaving room for unpublished and other-language pieces.
RARE_TAG_WINDOW = 20


def _tag_branches(in_scope, tag_ids: list[int], limit: int) -> list:
    """The newest `limit` pieces sharing one of `tag_ids`, as one or two
    branches for a UNION: the planner cannot tell a tag on 20 pieces from one
    on 100,000 (each plan takes seconds on the other kind), so a count per
    tag picks the plan."""
    if not tag_ids:
        return []
    items = Article.tags.through.objects.filter(
        content_type=ContentType.objects.get_for_model(Article)
    )
    counts, threshold = _capped_counts(tag_ids)
    busy = [t for t in tag_ids if counts.get(t, 0) > threshold]
    rare = [t for t in tag_ids if 0 < counts.get(t, 0) <= threshold]
    branches = []
    if busy:
        walk = Exists(items.filter(tag_id__in=busy, object_id=OuterRef("pk")))
        branches.append(
            in_scope.filter(walk).order_by("-published_at", "-pk").values("pk")[:limit]
        )
    if rare:
        # Only the most recently created of the tags' pieces are candidates
        # (an index-only scan of (tag, object)), so a tag on a thousand pieces
        # does not fetch a thousand articles to keep six. Ordered by an
        # expression no index serves, so the plan starts from those items
        # instead of walking the archive backwards.
        newest_items = (
            items.filter(tag_id__in=rare)
            .order_by("-object_id")
            .values("object_id")[: limit * RARE_TAG_WINDOW]
        )
        branches.append(
            in_scope.filter(pk__in=newest_items)
            .annotate(when=F("published_at") + Value(timedelta(0)))
            .order_by("-when", "-pk")
            .values("pk")[:limit]
        )
    return branches


def _capped_counts(tag_ids: list[int]) -> tuple[dict[int, int], int]:
    """How many items each tag has, counting no further than past the busy
    threshold (an index-only scan of that many entries at most), and the
    threshold: BUSY_SHARE of the planner's estimate of the article table."""
    items = Article.tags.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH busy AS (SELECT greatest(%s, (reltuples * %s)::bigint) AS n "
            "FROM pg_class WHERE oid = %s::regclass) "
            f"SELECT t.id, (SELECT count(*) FROM (SELECT 1 FROM {items} i "
            "WHERE i.tag_id = t.id LIMIT (SELECT n FROM busy) + 1) AS s), "
            "(SELECT n FROM busy) FROM unnest(%s::integer[]) AS t(id)",
            [BUSY_MINIMUM, BUSY_SHARE, Article._meta.db_table, list(tag_ids)],
        )
        rows = cursor.fetchall()
    threshold = rows[0][2] if rows else BUSY_MINIMUM
    return {tag_id: n for tag_id, n, _ in rows}, threshold
