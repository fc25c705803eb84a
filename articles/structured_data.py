"""What search engines and social networks read from an article page:
schema.org JSON-LD (NewsArticle, BreadcrumbList) and Open Graph / X cards.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import SafeString, mark_safe

from images.models import Rendition

from .models import Article


def absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def _images(article: Article) -> list[dict]:
    image = article.hero_image
    if image is None:
        return []
    chosen = [image.social_card, *image.renditions_for("16:9", Rendition.Format.JPEG)]
    chosen += image.renditions_for("4:3", Rendition.Format.JPEG)[-1:]
    chosen += image.renditions_for("1:1", Rendition.Format.JPEG)[-1:]
    seen, images = set(), []
    for rendition in chosen:
        if rendition is None or rendition.url in seen:
            continue
        seen.add(rendition.url)
        images.append(
            {
                "@type": "ImageObject",
                "url": absolute(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
            }
        )
    return images


def news_article(article: Article, corrections: list | None = None) -> dict:
    """schema.org NewsArticle for `article`, prepared by `articles.story.prepare()`."""
    url = absolute(article.get_absolute_url())
    authors = [
        {
            "@type": "Person",
            "name": byline.author.name,
            "url": absolute(byline.author.get_absolute_url()),
        }
        for byline in article.bylines.all()
    ] or [{"@type": "Organization", "name": settings.SITE_NAME, "url": absolute("/")}]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline[:110],
        "description": article.meta_description,
        "datePublished": article.published_at,
        "dateModified": article.revised_at or article.published_at,
        "author": authors,
        "publisher": publisher(),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "articleSection": article.section.display_name,
        "keywords": [tag.name for tag in article.tags.all()],
        "inLanguage": article.language,
        "isAccessibleForFree": True,
    }
    if images := _images(article):
        data["image"] = images
    if article.dateline_city:
        data["contentLocation"] = {"@type": "Place", "name": article.dateline_city}
    if article.is_sponsored:
        # schema.org has no "sponsored" type; these flag paid content plainly.
        data["sponsor"] = {"@type": "Organization", "name": article.partner_name}
        data["genre"] = "Sponsored"
    if article.is_press_release and article.source:
        data["sourceOrganization"] = {"@type": "Organization", "name": article.source}
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": f"{note.get_kind_display()}: {note.text}",
                "datePublished": note.created_at,
            }
            for note in corrections
        ]
    return data


def publisher() -> dict:
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": absolute("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static("img/logo.png")),
            "width": 600,
            "height": 60,
        },
    }


def breadcrumbs(article: Article) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": settings.SITE_NAME,
             "item": absolute(reverse("home"))},
            {"@type": "ListItem", "position": 2, "name": article.section.display_name,
             "item": absolute(article.section.get_absolute_url())},
            {"@type": "ListItem", "position": 3, "name": article.headline,
             "item": absolute(article.get_absolute_url())},
        ],
    }  # fmt: skip


def json_ld(data: dict, nonce: str = "") -> SafeString:
    """A JSON-LD script block that no string in `data` can break out of.

    `<`, `>` and `&` are escaped as JSON unicode escapes, as Django's
    json_script does, so a headline containing `</script>` stays text.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    escaped = mark_safe(text.translate(_json_script_escapes))
    if nonce:
        return format_html(
            '<script type="application/ld+json" nonce="{}">{}</script>', nonce, escaped
        )
    return format_html('<script type="application/ld+json">{}</script>', escaped)
