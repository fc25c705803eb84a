"""What readers of the demo newsroom see, reduced to facts a test can pin.

`demo_facts()` reads the database after a default load. Counts and a few
headlines say what changed in words; the digest covers every text, byline,
tag, picture and link, so no story can be lost or altered unnoticed.
Publish times are left out: they are relative to the moment of loading.
"""

from __future__ import annotations

import hashlib
import json

from django.contrib.auth import get_user_model
from django.db.models import Count

from api.models import ApiKey, Subscriber
from articles.models import Article, Section
from authors.models import Author
from headlines.models import CuratedItem, TickerItem
from images.models import Image


def _counted(queryset, *fields: str) -> dict[str, int]:
    rows = queryset.order_by().values_list(*fields).annotate(n=Count("pk"))
    return {"/".join(str(v) for v in row[:-1]): row[-1] for row in rows}


def _article_rows() -> list[list]:
    articles = Article.objects.select_related(
        "section", "hero_image", "translation_of"
    ).prefetch_related("authors", "tags", "related_links__target")
    rows = []
    for a in articles.order_by("slug"):
        rows.append(
            [
                a.slug,
                a.language,
                a.headline,
                a.lead,
                a.body,
                a.section.slug,
                a.content_type,
                a.status,
                a.urgency,
                a.is_exclusive,
                a.has_video,
                a.has_photos,
                a.is_sponsored,
                a.partner_name,
                a.source,
                a.dateline_city,
                a.hero_image.title if a.hero_image else None,
                a.translation_of.slug if a.translation_of else None,
                [author.slug for author in a.authors.all()],
                sorted(tag.name for tag in a.tags.all()),
                sorted(link.target.slug for link in a.related_links.all()),
            ]
        )
    return rows


def _digest(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def demo_facts() -> dict[str, object]:
    articles = Article.objects.all()
    live = Article.objects.published()
    return {
        "per edition and section": _counted(articles, "language", "section__slug"),
        "per edition and status": _counted(articles, "language", "status"),
        "live per edition": _counted(live, "language"),
        "markers per edition": {
            marker: _counted(articles.filter(**{marker: True}), "language")
            for marker in ("is_exclusive", "has_video", "has_photos", "is_sponsored")
        },
        "urgent per edition": _counted(articles.filter(urgency__lte=2), "language"),
        "translations": articles.exclude(translation_of=None).count(),
        "sections": list(
            Section.objects.order_by("position").values_list("slug", "name")
        ),
        "authors": sorted(Author.objects.values_list("slug", flat=True)),
        "images": Image.objects.count(),
        "staff": sorted(
            get_user_model()
            .objects.filter(is_staff=True)
            .values_list("username", "groups__name")
        ),
        "ticker": sorted(
            TickerItem.objects.values_list(
                "language", "text", "is_breaking", "priority"
            )
        ),
        "picks": sorted(
            CuratedItem.objects.values_list(
                "curated_list__slug", "article__slug", "position"
            )
        ),
        "subscribers": list(Subscriber.objects.values_list("name", flat=True)),
        "api keys": ApiKey.objects.count(),
        "headlines": dict(
            articles.filter(
                slug__in=[
                    "earthquake-felt-in-shamakhi-no-damage-reported",
                    "earthquake-felt-in-shamakhi-no-damage-reported-az",
                    "caspian-operator-to-drill-at-three-new-oil-fields-ru",
                    "caspian-energy-corridor-analysis",
                ]
            ).values_list("slug", "headline")
        ),
        "articles digest": _digest(_article_rows()),
    }
