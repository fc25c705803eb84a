"""Related news: the editor's picks first, then automatic suggestions."""

from __future__ import annotations

from django.db import connection
from django.db.models import Exists, F, OuterRef, Q

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
            content_type__app_label="articles",
            content_type__model="article",
            object_id=OuterRef("pk"),
            tag_id__in=tag_ids,
        )
    )
    candidates = Article.objects.published().filter(
        Q(pk__in=picks.values("target"))
        | Q(section_id=article.section_id)
        | shares_tag
    )
    if connection.features.supports_slicing_ordering_in_compound:
        # Only the picks, the newest pieces sharing a tag and the newest of
        # the section can make the list: a UNION ALL of three short scans
        # keeps the ordering below off the whole section at archive scale.
        newest = ("-published_at", "-pk")
        in_scope = Article.objects.published().exclude(pk=article.pk)
        candidates = candidates.filter(
            pk__in=in_scope.filter(pk__in=picks.values("target"))
            .order_by()
            .values("pk")
            .union(
                in_scope.filter(shares_tag).order_by(*newest).values("pk")[:limit],
                in_scope.filter(section_id=article.section_id)
                .order_by(*newest)
                .values("pk")[:limit],
                all=True,
            )
        )
    return list(
        candidates.exclude(pk=article.pk)
        .annotate(pick_position=pick_position, shares_tag=shares_tag)
        .for_headlines()
        .order_by(
            F("pick_position").asc(nulls_last=True),
            "-shares_tag",
            "-published_at",
            "-pk",
        )[:limit]
    )
