"""Articles as ninjs 1.6 and 2.2 items, for clients that predate ninjs 3.

Superdesk's ingest, the most common consumer, reads ninjs 1.x names:
`headline`, `body_html`, `description_text`, `versioncreated`, and
`renditions` and `associations` as objects keyed by name. Given a 3.x item
it finds none of these and fails on the associations array of an item with
a picture. ninjs 2.x has the arrays of 3.x under lowercase names.

Both are thin writers: 1.x over `facts.article_facts()`, 2.x over the 3.1
item, whose names IPTC only re-cased in 3.0.
"""

from __future__ import annotations

import re
from typing import Any

from .facts import GENRE_URI, ArticleFacts, Picture, timestamp
from .ninjs import digital_source_type_entry, facts_to_ninjs

NINJS1_VERSION = "1.6"
NINJS1_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_1.6.json#"
NINJS2_VERSION = "2.2"
NINJS2_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#"

# ninjs 1.x names renditions and associations by object keys of this form.
NOT_A_KEY = re.compile(r"[^A-Za-z0-9_]+")


def _key(name: str) -> str:
    return NOT_A_KEY.sub("_", name).strip("_") or "rendition"


def _picture_1(picture: Picture) -> dict[str, Any]:
    """The main picture as Superdesk reads it: caption in
    `description_text`, alt text in `body_text`."""
    rights = picture.rights
    association: dict[str, Any] = {
        "uri": picture.uri,
        "type": "picture",
        "version": "1",
        "versioncreated": timestamp(picture.created_at),
        "pubstatus": "usable",
    }
    if picture.caption:
        association["description_text"] = picture.caption
        association["headline"] = picture.caption
    if picture.alt_text:
        association["body_text"] = picture.alt_text
    if by := rights.creator or rights.credit:
        association["byline"] = by
    if rights.credit:
        association["copyrightholder"] = rights.credit
    if rights.copyright_notice:
        association["copyrightnotice"] = rights.copyright_notice
    if rights.source:
        association["infosource"] = [{"name": rights.source, "rel": "source"}]
    if rights.licence_url:
        association["rightsinfo"] = {"linkedrights": rights.licence_url}
    if rights.digital_source_type:
        association["digitalsourcetype"] = digital_source_type_entry(rights)
    renditions = {}
    for rendition in picture.renditions:
        entry: dict[str, Any] = {
            "href": rendition.href,
            "width": rendition.width,
            "height": rendition.height,
        }
        if rendition.content_type:
            entry["mimetype"] = rendition.content_type
        renditions[_key(rendition.name)] = entry
    if renditions:
        association["renditions"] = renditions
    return association


def facts_to_ninjs1(facts: ArticleFacts) -> dict[str, Any]:
    """The ninjs 1.6 item.

    A translation does not link its original: Superdesk ingests every
    association as an item of its own, and would make an empty one of it.
    """
    item: dict[str, Any] = {
        "uri": facts.uri,
        "$standard": {
            "name": "ninjs",
            "version": NINJS1_VERSION,
            "schema": NINJS1_SCHEMA,
        },
        "type": "text",
        "profile": facts.profile,
        "representationtype": "incomplete" if facts.is_withdrawn else "complete",
        "version": str(facts.version),
        "firstcreated": timestamp(facts.first_created),
        "versioncreated": timestamp(facts.version_created),
        "contentcreated": timestamp(facts.content_created),
        "pubstatus": "canceled" if facts.is_withdrawn else "usable",
        "urgency": facts.urgency,
        "language": facts.language,
        "slugline": facts.slugline,
        "headline": facts.headline,
        "byline": facts.byline,
        "subject": [
            {"name": subject.name, "rel": subject.rel, "code": subject.literal}
            for subject in facts.subjects
        ],
        "genre": [
            {"name": genre.name, "code": genre.code, "scheme": GENRE_URI}
            for genre in facts.genres
        ],
        "infosource": [
            {"name": source.name, "rel": source.role} for source in facts.info_sources
        ],
        "copyrightholder": facts.copyright_holder,
        "copyrightnotice": facts.copyright_notice,
        "altids": {"id": str(facts.pk), "url": facts.url},
    }
    if facts.people:
        item["person"] = [
            {"name": person.name, "rel": "author", "code": person.literal}
            for person in facts.people
        ]
    if facts.dateline:
        item["located"] = facts.dateline
    if facts.usage_terms:
        item["usageterms"] = facts.usage_terms
    if facts.ed_note:
        item["ednote"] = facts.ed_note
    if facts.lead:
        item["description_text"] = facts.lead
    for kind in dict.fromkeys(note.kind for note in facts.notes):
        item[f"description_{_key(kind)}"] = "\n".join(
            note.text for note in facts.notes if note.kind == kind
        )
    if facts.body:
        item["body_html"] = facts.body.html
        item["charcount"] = facts.body.char_count
        item["wordcount"] = facts.body.word_count
    if facts.picture:
        # "featuremedia" is the name Superdesk gives an item's main picture.
        item["associations"] = {"featuremedia": _picture_1(facts.picture)}
    return item


def _lowercase_names(value: Any) -> Any:
    if isinstance(value, dict):
        return {name.lower(): _lowercase_names(inner) for name, inner in value.items()}
    if isinstance(value, list):
        return [_lowercase_names(inner) for inner in value]
    return value


def facts_to_ninjs2(facts: ArticleFacts) -> dict[str, Any]:
    """The ninjs 2.2 item: the 3.1 item under 2.x names, without what 2.x
    lacks (an association's `rel`, a rendition's `aspectRatio`)."""
    item = facts_to_ninjs(facts)
    item["standard"] = {
        "name": "ninjs",
        "version": NINJS2_VERSION,
        "schema": NINJS2_SCHEMA,
    }
    for association in item.get("associations", []):
        association.pop("rel", None)
        for rendition in association.get("renditions", []):
            rendition.pop("aspectRatio", None)
    return _lowercase_names(item)
