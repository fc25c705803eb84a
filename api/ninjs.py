"""Articles as IPTC ninjs 3.1 items (https://iptc.org/standards/ninjs/).

`article_to_ninjs()` is the only place that knows the mapping; the views
only choose the articles. It reads prefetched relations only (see
`querysets.for_ninjs()`), so a page of items costs the same few queries
whatever its length.

Absolute links are built from SITE_URL, the public address, not from the
request: behind a proxy the request's host can be an internal name, and an
item's `uri` must not change with the host a subscriber happened to call.
"""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import strip_tags

from articles.models import Article
from images.models import Image

NINJS_VERSION = "3.1"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"

# The date in the tag URIs (RFC 4151) of items and images. It is part of
# every identifier ever issued, so it must never change.
TAG_DATE = "2025"

# IPTC genre NewsCodes for the content types (http://cv.iptc.org/newscodes/genre/).
GENRE_CODES = {
    Article.ContentType.NEWS: "Current",
    Article.ContentType.ANALYSIS: "Analysis",
    Article.ContentType.INTERVIEW: "Interview",
    Article.ContentType.OPINION: "Opinion",
    Article.ContentType.FEATURE: "Feature",
    Article.ContentType.PRESS_RELEASE: "Press_Release",
}
GENRE_URI = "http://cv.iptc.org/newscodes/genre/"

IMAGE_CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}

# Root-relative links in a sanitised body (nh3 always writes double quotes);
# a subscriber republishes the HTML on another site, where they would break.
RELATIVE_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)')


def absolute(url: str) -> str:
    """`url` on the public site; media on a CDN are absolute already."""
    if url.startswith(("http://", "https://", "//")):
        return url
    return settings.SITE_URL + url


def timestamp(value: datetime) -> str:
    """RFC 3339 in UTC to the second, as ninjs dates are usually written."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _authority() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def item_uri(article_pk: int) -> str:
    """The item's permanent identifier, e.g. tag:news.example.org,2025:article:42."""
    return f"tag:{_authority()},{TAG_DATE}:article:{article_pk}"


def image_uri(image_pk: int) -> str:
    return f"tag:{_authority()},{TAG_DATE}:image:{image_pk}"


def version_created(article: Article) -> datetime:
    """When the version subscribers get was made: the value of
    `articles.querysets.last_change()` for this row, which `since` compares
    with, so a client polling with the newest `versionCreated` it has seen
    misses nothing.

    A scheduled piece's release is its publish time, though it was last
    saved before that.
    """
    moments = [
        article.updated_at,
        article.published_at,
        article.killed_at,
        article.deleted_at,
    ]
    return max(moment for moment in moments if moment is not None)


def _by(article: Article) -> str:
    names = [byline.author.name for byline in article.bylines.all()]
    if not names:
        return settings.SITE_NAME
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _people(article: Article) -> list[dict[str, str]]:
    people = []
    for byline in article.bylines.all():
        author = byline.author
        person = {"name": author.name, "rel": "author", "literal": author.slug}
        if author.is_active:
            # Only public profiles have a page to point at.
            person["uri"] = absolute(author.get_absolute_url())
        people.append(person)
    return people


def _subjects(article: Article) -> list[dict[str, str]]:
    section = article.section
    subjects = [
        {
            "name": section.display_name,
            "rel": "section",
            "literal": section.slug,
            "uri": absolute(section.get_absolute_url()),
        }
    ]
    for tag in sorted(article.tags.all(), key=lambda tag: tag.name.lower()):
        subject = {"name": tag.name, "rel": "tag", "literal": tag.slug}
        # A slug the tag pages cannot route keeps its name and literal only.
        with suppress(NoReverseMatch):
            subject["uri"] = absolute(
                reverse("articles:tag", kwargs={"slug": tag.slug})
            )
        subjects.append(subject)
    return subjects


def _genres(article: Article) -> list[dict[str, str]]:
    genres = [
        {
            "name": article.get_content_type_display(),
            "literal": article.content_type,
            "uri": GENRE_URI + GENRE_CODES[article.content_type],
        }
    ]
    if article.is_exclusive:
        genres.append(
            {
                "name": "Exclusive",
                "literal": "exclusive",
                "uri": GENRE_URI + "Exclusive",
            }
        )
    if article.is_sponsored:
        genres.append(
            {
                "name": "Partner content",
                "literal": "partner",
                "uri": GENRE_URI + "Advertiser_Supplied",
            }
        )
    return genres


def _info_sources(article: Article) -> list[dict[str, str]]:
    sources = [
        {"name": settings.SITE_NAME, "role": "publisher", "uri": settings.SITE_URL}
    ]
    if article.source:
        sources.append({"name": article.source, "role": "originator"})
    if article.is_sponsored:
        sources.append({"name": article.partner_name, "role": "sponsor"})
    return sources


def _bodies(article: Article) -> list[dict[str, Any]]:
    if not article.body:
        return []
    text = strip_tags(article.body)
    return [
        {
            "role": "main",
            "contentType": "text/html",
            "value": RELATIVE_LINK.sub(rf"\1{settings.SITE_URL}/", article.body),
            "charCount": len(text),
            "wordCount": len(text.split()),
        }
    ]


def _corrections(article: Article) -> tuple[list[dict[str, str]], str]:
    """Reader-facing notes as descriptions, and a line each for the desk.

    The notes are printed above the body, so they belong in `descriptions`
    (publishable); `edNote` tells the receiving editors what changed when.
    """
    descriptions, lines = [], []
    for note in article.corrections.all():
        descriptions.append(
            {"role": note.kind, "contentType": "text/plain", "value": note.text}
        )
        lines.append(
            f"{note.get_kind_display()} ({timestamp(note.created_at)}): {note.text}"
        )
    return descriptions, "\n".join(lines)


def _renditions(image: Image) -> list[dict[str, Any]]:
    renditions = []
    if image.file:
        suffix = PurePosixPath(image.file.name).suffix.lower()
        original = {
            "name": "original",
            "href": absolute(image.file.url),
            "width": image.width,
            "height": image.height,
        }
        if suffix in IMAGE_CONTENT_TYPES:
            original["contentType"] = IMAGE_CONTENT_TYPES[suffix]
        renditions.append(original)
    for rendition in image.renditions.all():
        entry = {
            "name": f"{rendition.spec}-{rendition.format}",
            "href": absolute(rendition.url),
            "contentType": f"image/{rendition.format}",
            "width": rendition.width,
            "height": rendition.height,
        }
        if rendition.ratio:
            entry["aspectRatio"] = rendition.ratio
        renditions.append(entry)
    return renditions


def _hero_association(article: Article) -> dict[str, Any]:
    image = article.hero_image
    association: dict[str, Any] = {
        "name": "mainpic",
        "rel": "hero",
        "uri": image_uri(image.pk),
        "type": "picture",
        "versionCreated": timestamp(image.created_at),
        "renditions": _renditions(image),
    }
    descriptions = []
    if article.caption:
        descriptions.append(
            {"role": "caption", "contentType": "text/plain", "value": article.caption}
        )
    if alt_text := article.hero_alt_text:
        descriptions.append(
            {"role": "alt", "contentType": "text/plain", "value": alt_text}
        )
    if descriptions:
        association["descriptions"] = descriptions
    if image.credit:
        association["by"] = image.credit
        association["copyrightHolder"] = image.credit
    return association


def article_to_ninjs(
    article: Article, request: HttpRequest | None = None
) -> dict[str, Any]:
    """The item in the article's own language: section names and page
    addresses are those of its edition."""
    with translation.override(article.language):
        return _article_to_ninjs(article)


def _article_to_ninjs(article: Article) -> dict[str, Any]:
    """The ninjs 3.1 item of a live or withdrawn article.

    A piece killed, or deleted after release, keeps its identity, headline
    and metadata but loses its text and pictures, with `pubStatus`
    "canceled", so subscribers can find and withdraw their copy. Links come
    from SITE_URL (see the module docstring).
    """
    # Deleted after going live counts as withdrawn too (api/querysets.py).
    is_withdrawn = (
        article.status == Article.Status.KILLED or article.deleted_at is not None
    )
    first = article.first_published_at or article.published_at
    item: dict[str, Any] = {
        "uri": item_uri(article.pk),
        "standard": {
            "name": "ninjs",
            "version": NINJS_VERSION,
            "schema": NINJS_SCHEMA,
        },
        "type": "text",
        "profile": "text-photo" if article.hero_image_id else "text-only",
        "representationType": "partial" if is_withdrawn else "full",
        "version": str(article.version),
        "firstCreated": timestamp(first),
        "versionCreated": timestamp(version_created(article)),
        "contentCreated": timestamp(article.created_at),
        "pubStatus": "canceled" if is_withdrawn else "usable",
        "urgency": article.urgency,
        "language": article.language,
        "slugline": article.slug,
        "headlines": [{"role": "main", "value": article.headline}],
        "by": _by(article),
        "subjects": _subjects(article),
        "genres": _genres(article),
        "infoSources": _info_sources(article),
        "copyrightHolder": settings.SITE_NAME,
        "copyrightNotice": f"© {first.year} {settings.SITE_NAME}. All rights reserved.",
        "altIds": [
            {"role": "id", "value": str(article.pk)},
            {"role": "url", "value": absolute(article.get_absolute_url())},
        ],
    }
    if people := _people(article):
        item["people"] = people
    if article.dateline_city:
        item["located"] = article.dateline_city
    if article.is_sponsored:
        item["usageTerms"] = (
            f"Partner content paid for by {article.partner_name}: "
            "label it as such wherever it is published."
        )
    if is_withdrawn:
        withdrawn_at = timestamp(
            article.killed_at or article.deleted_at or version_created(article)
        )
        item["edNote"] = (
            f"Withdrawn by {settings.SITE_NAME} at {withdrawn_at}. Do not use this "
            "item; remove it wherever it was published."
        )
        return item

    descriptions = []
    if article.lead:
        descriptions.append(
            {"role": "summary", "contentType": "text/plain", "value": article.lead}
        )
    notes, desk_lines = _corrections(article)
    descriptions += notes
    if descriptions:
        item["descriptions"] = descriptions
    if desk_lines:
        item["edNote"] = desk_lines
    bodies = _bodies(article)
    if bodies:
        item["bodies"] = bodies
    associations = []
    if article.hero_image_id and article.hero_image is not None:
        associations.append(_hero_association(article))
    if article.translation_of_id and getattr(article, "original_syndicated", False):
        associations.append(
            {
                "name": "original",
                "rel": "translationOf",
                "uri": item_uri(article.translation_of_id),
            }
        )
    if associations:
        item["associations"] = associations
    return item
