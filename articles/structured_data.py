"""What search engines and social networks read from an article page:
schema.org JSON-LD (NewsArticle, BreadcrumbList) and Open Graph / X cards.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import to_locale

from common import origin
from images.models import Image, Rendition

from .models import Article

# Open Graph wants a territory; an edition is a language without one.
OG_LOCALES = {"az": "az_AZ", "en": "en_US", "ru": "ru_RU"}


def og_locale(language: str) -> str:
    """`en` -> `en_US`, as Open Graph's `og:locale` reads."""
    return OG_LOCALES.get(language) or to_locale(language)


def _images(article: Article, request: HttpRequest | None) -> list[dict]:
    image = article.shown_hero_image
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
                "url": origin.absolute(rendition.url, request),
                "width": rendition.width,
                "height": rendition.height,
                **_image_rights(image),
            }
        )
    return images


def _image_rights(image: Image) -> dict:
    """The picture's rights as search engines read them for licensable images."""
    rights: dict = {}
    if image.creator:
        rights["creator"] = {"@type": "Person", "name": image.creator}
    if image.credit:
        rights["creditText"] = image.credit
    if image.copyright_notice:
        rights["copyrightNotice"] = image.copyright_notice
    if image.licence_url:
        rights["license"] = image.licence_url
    return rights


def news_article(
    article: Article,
    corrections: list | None = None,
    request: HttpRequest | None = None,
) -> dict:
    """schema.org NewsArticle for `article`, prepared by `articles.story.prepare()`.

    Partner content is credited to the partner, not the agency: the page
    says it is not the agency's reporting, so the partner organisation is
    its author (before any bylined writer) and its sponsor.
    """
    url = origin.absolute(article.get_absolute_url(), request)
    authors = [
        {
            "@type": "Person",
            "name": byline.author.name,
            "url": origin.absolute(byline.author.get_absolute_url(), request),
        }
        for byline in article.bylines.all()
    ]
    partner = (
        {"@type": "Organization", "name": article.partner_name}
        if article.is_sponsored
        else None
    )
    if partner:
        authors.insert(0, partner)
    elif not authors:
        authors = [
            {
                "@type": "Organization",
                "name": settings.SITE_NAME,
                "url": origin.absolute("/", request),
            }
        ]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline[:110],
        "description": article.meta_description,
        "datePublished": article.published_at,
        "dateModified": article.revised_at or article.published_at,
        "author": authors,
        "publisher": publisher(request),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "articleSection": article.section.display_name,
        "keywords": [tag.name for tag in article.tags.all()],
        "inLanguage": article.language,
        "isAccessibleForFree": True,
    }
    if images := _images(article, request):
        data["image"] = images
    if article.dateline_city:
        data["contentLocation"] = {"@type": "Place", "name": article.dateline_city}
    if partner:
        # schema.org has no "sponsored" type; these flag paid content plainly.
        data["sponsor"] = partner
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


def publisher(request: HttpRequest | None = None) -> dict:
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": origin.absolute("/", request),
        "logo": {
            "@type": "ImageObject",
            "url": origin.absolute(static("img/logo.png"), request),
            "width": 600,
            "height": 60,
        },
    }


def breadcrumbs(article: Article, request: HttpRequest | None = None) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": settings.SITE_NAME,
             "item": origin.absolute(reverse("home"), request)},
            {"@type": "ListItem", "position": 2, "name": article.section.display_name,
             "item": origin.absolute(article.section.get_absolute_url(), request)},
            {"@type": "ListItem", "position": 3, "name": article.headline,
             "item": origin.absolute(article.get_absolute_url(), request)},
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
