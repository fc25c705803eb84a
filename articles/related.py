"""Related news: the editor's picks first, then automatic suggestions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from . import navigation
from .models import Article, RelatedArticle, Section
from .querysets import HEADLINE_DEFERRED


def related_articles(
    article: Article,
    *,
    limit: int = 6,
    tag_ids: list[int] | None = None,
    tag_classes: TagClasses | None = None,
    sections: Sequence[Section] | None = None,
) -> list[Article]:
    """Up to `limit` published pieces related to `article`, in one query.

    The editor's ordered picks come first. The rest are pieces that share a
    tag or the section, those sharing a tag before those only in the same
    section, most recent first. Never the article itself, never anything
    that is not published. `tag_ids` and `tag_classes` (from
    `classify_tags()`) spare a query each when the caller knows them, and
    `sections` (`navigation.sections()`) a cache read.
    """
    if tag_ids is None:
        tag_ids = [tag.pk for tag in article.tags.all()]
    in_scope = (
        Article.objects.published().in_edition(article.language).exclude(pk=article.pk)
    )
    if connection.vendor == "postgresql":
        busy, rare = tag_classes or classify_tags(tag_ids)
        return _related_at_scale(article, in_scope, busy, rare, limit, sections)
    return _related_portable(article, in_scope, tag_ids, limit)


def _related_portable(
    article: Article, in_scope: QuerySet[Article], tag_ids: list[int], limit: int
) -> list[Article]:
    """The list as one ORM query: fine at SQLite sizes, slow at a million."""
    picks = RelatedArticle.objects.filter(article=article)
    shares_tag = Exists(
        Article.tags.through.objects.filter(
            content_type_id=ContentType.objects.get_for_model(Article).pk,
            object_id=OuterRef("pk"),
            tag_id__in=tag_ids,
        )
    )
    return list(
        in_scope.filter(
            Q(pk__in=picks.values("target"))
            | Q(section_id=article.section_id)
            | shares_tag
        )
        .annotate(
            pick_position=picks.filter(target=OuterRef("pk")).values("position")[:1],
            shares_tag=shares_tag,
        )
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


def _related_at_scale(
    article: Article,
    in_scope: QuerySet[Article],
    busy: list[int],
    rare: list[int],
    limit: int,
    sections: Sequence[Section] | None = None,
) -> list[Article]:
    """The same list on PostgreSQL at archive scale, written as SQL.

    Only the picks, the newest pieces sharing a tag and the newest of the
    section can make the list: a UNION ALL of short index scans keeps the
    ordering off the whole section. Built with the ORM, this query took
    longer to compile (about 6 ms) than to run; here the ORM compiles only
    the visibility rule (`in_scope`, from `published()`), which every branch
    reads as an inlined CTE.
    """
    scope_sql, scope_params = in_scope.as_scope()
    items = Article.tags.through._meta.db_table
    content_type = ContentType.objects.get_for_model(Article).pk
    newest = "ORDER BY published_at DESC, id DESC LIMIT %s"
    picks = RelatedArticle._meta.db_table
    branches = [
        f"SELECT id FROM scope WHERE id IN "
        f"(SELECT target_id FROM {picks} WHERE article_id = %s)",
        f"SELECT id FROM scope WHERE section_id = %s {newest}",
    ]
    params: list = [article.pk, article.section_id, limit]
    if busy:
        branches.append(
            f"SELECT id FROM scope WHERE EXISTS (SELECT 1 FROM {items} i "
            "WHERE i.content_type_id = %s AND i.object_id = scope.id "
            f"AND i.tag_id = ANY(%s::bigint[])) {newest}"
        )
        params += [content_type, busy, limit]
    if rare:
        # Only the most recently created of the tags' pieces are candidates
        # (an index-only scan of (tag, object)), so a tag on a thousand pieces
        # does not fetch a thousand articles to keep six. Ordered by an
        # expression no index serves, so the plan starts from those items
        # instead of walking the archive backwards.
        branches.append(
            f"SELECT id FROM scope WHERE id IN (SELECT object_id FROM {items} "
            "WHERE content_type_id = %s AND tag_id = ANY(%s::bigint[]) "
            "ORDER BY object_id DESC LIMIT %s) "
            "ORDER BY published_at + interval '0' DESC, id DESC LIMIT %s"
        )
        params += [content_type, rare, limit * RARE_TAG_WINDOW, limit]
    table = Article._meta.db_table
    columns = ", ".join(
        f"a.{connection.ops.quote_name(field.column)}"
        for field in Article._meta.concrete_fields
        if field.name not in HEADLINE_DEFERRED
    )
    union = " UNION ALL ".join(f"({branch})" for branch in branches)
    sql = (
        f"{scope_sql} SELECT {columns}, pick.position AS pick_position, EXISTS ("
        f"SELECT 1 FROM {items} i WHERE i.content_type_id = %s "
        "AND i.object_id = a.id AND i.tag_id = ANY(%s::bigint[])) AS shares_tag "
        f"FROM {table} a LEFT JOIN {picks} pick "
        "ON pick.article_id = %s AND pick.target_id = a.id "
        f"WHERE a.id IN ({union}) "
        "ORDER BY pick.position ASC NULLS LAST, shares_tag DESC, "
        "a.published_at DESC, a.id DESC LIMIT %s"
    )
    related = list(
        Article.objects.raw(
            sql,
            [*scope_params, content_type, busy + rare, article.pk, *params, limit],
        )
    )
    # Sections are the site's few navigation rows, cached.
    by_pk = {section.pk: section for section in sections or navigation.sections()}
    for piece in related:
        piece.section = by_pk[piece.section_id]
    return related


class TagClasses(NamedTuple):
    busy: list[int]
    rare: list[int]


def classify_tags(tag_ids: list[int]) -> TagClasses:
    """Which of `tag_ids` are busy enough to find by walking the newest
    pieces, and which are rare (tags on no piece are neither). A tag's class
    changes slowly, so a cached story may keep its answer for minutes: it
    picks a plan, never what may be shown."""
    if not tag_ids:
        return TagClasses([], [])
    counts, threshold = _capped_counts(tag_ids)
    return TagClasses(
        busy=[t for t in tag_ids if counts.get(t, 0) > threshold],
        rare=[t for t in tag_ids if 0 < counts.get(t, 0) <= threshold],
    )


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
