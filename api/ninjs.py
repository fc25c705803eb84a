"""Articles as IPTC ninjs 3.1 items (https://iptc.org/standards/ninjs/).

A thin writer over `facts.article_facts()`, which decides what an item
says; this module only spells it in ninjs 3.1.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from articles.models import Article

from .facts import (
    ArticleFacts,
    InfoSource,
    Person,
    Picture,
    PictureRights,
    Rendition,
    Subject,
    article_facts,
    timestamp,
)

__all__ = ["NINJS_SCHEMA", "NINJS_VERSION", "article_to_ninjs", "timestamp"]

NINJS_VERSION = "3.1"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"


def _rendition(rendition: Rendition) -> dict[str, Any]:
    if rendition.is_original:
        original: dict[str, Any] = {
            "name": rendition.name,
            "href": rendition.href,
            "width": rendition.width,
            "height": rendition.height,
        }
        if rendition.content_type:
            original["contentType"] = rendition.content_type
        return original
    entry = {
        "name": rendition.name,
        "href": rendition.href,
        "contentType": rendition.content_type,
        "width": rendition.width,
        "height": rendition.height,
    }
    if rendition.ratio:
        entry["aspectRatio"] = rendition.ratio
    return entry


def _hero_association(picture: Picture) -> dict[str, Any]:
    association: dict[str, Any] = {
        "name": "mainpic",
        "rel": "hero",
        "uri": picture.uri,
        "type": "picture",
        "versionCreated": timestamp(picture.created_at),
        "renditions": [_rendition(rendition) for rendition in picture.renditions],
    }
    descriptions = []
    if picture.caption:
        descriptions.append(
            {"role": "caption", "contentType": "text/plain", "value": picture.caption}
        )
    if picture.alt_text:
        descriptions.append(
            {"role": "alt", "contentType": "text/plain", "value": picture.alt_text}
        )
    if descriptions:
        association["descriptions"] = descriptions
    rights = picture.rights
    # ninjs has no credit line: `by` is the creator, else the credit as before.
    if by := rights.creator or rights.credit:
        association["by"] = by
    if rights.credit:
        association["copyrightHolder"] = rights.credit
    if rights.copyright_notice:
        association["copyrightNotice"] = rights.copyright_notice
    if rights.source:
        association["infoSources"] = [{"name": rights.source, "role": "source"}]
    if rights.licence_url:
        association["rightsInfo"] = {"linkedRights": rights.licence_url}
    if rights.digital_source_type:
        association["digitalSourceType"] = digital_source_type_entry(rights)
    return association


def digital_source_type_entry(rights: PictureRights) -> dict[str, str]:
    entry = {"uri": rights.digital_source_type}
    if rights.digital_source_type_name:
        entry["name"] = rights.digital_source_type_name
    entry["literal"] = rights.digital_source_type_code
    return entry


def article_to_ninjs(
    article: Article, request: HttpRequest | None = None
) -> dict[str, Any]:
    """The ninjs 3.1 item of a live or withdrawn article."""
    return facts_to_ninjs(article_facts(article))


def facts_to_ninjs(facts: ArticleFacts) -> dict[str, Any]:
    item: dict[str, Any] = {
        "uri": facts.uri,
        "standard": {
            "name": "ninjs",
            "version": NINJS_VERSION,
            "schema": NINJS_SCHEMA,
        },
        "type": "text",
        "profile": facts.profile,
        "representationType": "partial" if facts.is_withdrawn else "full",
        "version": str(facts.version),
        "firstCreated": timestamp(facts.first_created),
        "versionCreated": timestamp(facts.version_created),
        "contentCreated": timestamp(facts.content_created),
        "pubStatus": "canceled" if facts.is_withdrawn else "usable",
        "urgency": facts.urgency,
        "language": facts.language,
        "slugline": facts.slugline,
        "headlines": [{"role": "main", "value": facts.headline}],
        "by": facts.byline,
        "subjects": [_subject(subject) for subject in facts.subjects],
        "genres": [
            {"name": genre.name, "literal": genre.literal, "uri": genre.uri}
            for genre in facts.genres
        ],
        "infoSources": [_info_source(source) for source in facts.info_sources],
        "copyrightHolder": facts.copyright_holder,
        "copyrightNotice": facts.copyright_notice,
        "altIds": [
            {"role": "id", "value": str(facts.pk)},
            {"role": "url", "value": facts.url},
        ],
    }
    if facts.people:
        item["people"] = [_person(person) for person in facts.people]
    if facts.dateline:
        item["located"] = facts.dateline
    if facts.usage_terms:
        item["usageTerms"] = facts.usage_terms
    descriptions = []
    if facts.lead:
        descriptions.append(
            {"role": "summary", "contentType": "text/plain", "value": facts.lead}
        )
    descriptions += [
        {"role": note.kind, "contentType": "text/plain", "value": note.text}
        for note in facts.notes
    ]
    if descriptions:
        item["descriptions"] = descriptions
    if facts.ed_note:
        item["edNote"] = facts.ed_note
    if facts.body:
        item["bodies"] = [
            {
                "role": "main",
                "contentType": "text/html",
                "value": facts.body.html,
                "charCount": facts.body.char_count,
                "wordCount": facts.body.word_count,
            }
        ]
    associations = []
    if facts.picture:
        associations.append(_hero_association(facts.picture))
    if facts.original_uri:
        associations.append(
            {"name": "original", "rel": "translationOf", "uri": facts.original_uri}
        )
    if associations:
        item["associations"] = associations
    return item


def _subject(subject: Subject) -> dict[str, str]:
    entry = {"name": subject.name, "rel": subject.rel, "literal": subject.literal}
    if subject.uri:
        entry["uri"] = subject.uri
    return entry


def _person(person: Person) -> dict[str, str]:
    entry = {"name": person.name, "rel": "author", "literal": person.literal}
    if person.uri:
        entry["uri"] = person.uri
    return entry


def _info_source(source: InfoSource) -> dict[str, str]:
    entry = {"name": source.name, "role": source.role}
    if source.uri:
        entry["uri"] = source.uri
    return entry
