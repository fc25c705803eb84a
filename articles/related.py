"""Related news: the editor's picks first, then automatic suggestions."""

from __future__ import annotations

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
    return list(
        Article.objects.published()
        .filter(
            Q(pk__in=picks.values("target"))
            | Q(section_id=article.section_id)
            | shares_tag
        )
        .exclude(pk=article.pk)
        .annotate(pick_position=pick_position, shares_tag=shares_tag)
        .for_headlines()
        .order_by(
            F("pick_position").asc(nulls_last=True),
            "-shares_tag",
            "-published_at",
            "-pk",
        )[:limit]
    )
