"""Articles as IPTC NewsML-G2 2.35 items (https://iptc.org/standards/newsml-g2/).

A thin writer over `facts.article_facts()`. A piece is a text `newsItem`
with its body as inline XHTML; its main picture is a picture `newsItem`
of its own (renditions as `remoteContent`, rights per IPTC's photo
metadata mapping), which the text item points at with an `itemMeta/link`.
Several items travel in a `newsMessage`: IPTC's container "to exchange one
or more items". A `packageItem` would be the wrong tool, since it is an
editorial selection that references its members instead of carrying them.

Documents are built with lxml, never from string templates, so a headline
with `<` or `&` cannot break the XML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from lxml import etree
from lxml import html as lxml_html

from .facts import ArticleFacts, Picture, Rendition, role_uri, timestamp

NAR = "http://iptc.org/std/nar/2006-10-01/"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STANDARD_VERSION = "2.35"
IPTC_CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_32.xml"

NEWS_ITEM_TYPE = "application/vnd.iptc.g2.newsitem+xml"
NEWS_MESSAGE_TYPE = "application/vnd.iptc.g2.newsmessage+xml"

# Characters XML 1.0 cannot carry at all; a stray control character in a
# body must not turn into an item a client's parser refuses.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    return NOT_XML.sub("", value)


def _sub(
    parent: etree._Element, name: str, text: str | None = None, /, **attrs: str
) -> etree._Element:
    """A NewsML-G2 element; positional-only, so `tag`, `name` or `text` can
    be attributes too."""
    element = etree.SubElement(parent, f"{{{NAR}}}{name}", attrs)
    if text is not None:
        element.text = _text(text)
    return element


def _named(
    parent: etree._Element, element_name: str, name: str, /, **attrs: str
) -> etree._Element:
    element = _sub(parent, element_name, **attrs)
    _sub(element, "name", name)
    return element


def _item(guid: str, version: int, language: str) -> etree._Element:
    item = etree.Element(f"{{{NAR}}}newsItem", nsmap={None: NAR})
    item.set("guid", guid)
    item.set("version", str(max(version, 1)))
    item.set("standard", "NewsML-G2")
    item.set("standardversion", STANDARD_VERSION)
    item.set("conformance", "power")
    item.set(XML_LANG, language)
    _sub(item, "catalogRef", href=IPTC_CATALOG)
    return item


def _provider(item_meta: etree._Element) -> None:
    _named(item_meta, "provider", settings.SITE_NAME, uri=settings.SITE_URL)


def text_item(facts: ArticleFacts) -> etree._Element:
    """The text `newsItem` of a piece; a withdrawn one is `stat:canceled`
    and carries no content."""
    item = _item(facts.uri, facts.version, facts.language)

    rights = _sub(item, "rightsInfo")
    _named(rights, "copyrightHolder", facts.copyright_holder, uri=settings.SITE_URL)
    _sub(rights, "copyrightNotice", facts.copyright_notice)
    if facts.usage_terms:
        _sub(rights, "usageTerms", facts.usage_terms)

    meta = _sub(item, "itemMeta")
    _sub(meta, "itemClass", qcode="ninat:text")
    _provider(meta)
    _sub(meta, "versionCreated", timestamp(facts.version_created))
    _sub(meta, "firstCreated", timestamp(facts.first_created))
    status = "stat:canceled" if facts.is_withdrawn else "stat:usable"
    _sub(meta, "pubStatus", qcode=status)
    if facts.ed_note:
        _sub(meta, "edNote", facts.ed_note)
    if any(note.kind == "correction" for note in facts.notes):
        _sub(meta, "signal", qcode="sig:correction")
    if facts.picture:
        _picture_link(meta, facts.picture)
    if facts.original_uri:
        # The piece this one translates, fetchable from the same API.
        _sub(meta, "link", rel="irel:seeAlso", residref=facts.original_uri)
    _sub(meta, "link", rel="irel:seeAlso", href=facts.url, contenttype="text/html")

    content = _sub(item, "contentMeta")
    _sub(content, "urgency", str(facts.urgency))
    _sub(content, "contentCreated", timestamp(facts.content_created))
    if facts.dateline:
        _named(content, "located", facts.dateline)
    for source in facts.info_sources:
        attrs = {"uri": source.uri} if source.uri else {}
        _named(
            content, "infoSource", source.name, roleuri=role_uri(source.role), **attrs
        )
    for person in facts.people:
        attrs = {"uri": person.uri} if person.uri else {"literal": person.literal}
        _named(content, "creator", person.name, **attrs)
    _sub(content, "language", tag=facts.language)
    for genre in facts.genres:
        _named(content, "genre", genre.name, qcode=f"genre:{genre.code}")
    for subject in facts.subjects:
        attrs = {"uri": subject.uri} if subject.uri else {"literal": subject.literal}
        _named(content, "subject", subject.name, type="cpnat:abstract", **attrs)
    _sub(content, "slugline", facts.slugline)
    _sub(content, "headline", facts.headline)
    if facts.dateline:
        _sub(content, "dateline", facts.dateline)
    _sub(content, "by", facts.byline)
    if facts.lead:
        _sub(content, "description", facts.lead, role="drol:summary")
    for note in facts.notes:
        _sub(content, "description", note.text, roleuri=role_uri(note.kind))

    if facts.body:
        content_set = _sub(item, "contentSet")
        inline = _sub(
            content_set,
            "inlineXML",
            contenttype="application/xhtml+xml",
            charcount=str(facts.body.char_count),
            wordcount=str(facts.body.word_count),
        )
        inline.append(_xhtml(facts.headline, facts.body.html, facts.language))
    return item


def _xhtml(title: str, body_html: str, language: str) -> etree._Element:
    """The sanitised HTML body as an XHTML document."""
    document = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML})
    document.set("lang", language)
    head = etree.SubElement(document, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}title").text = _text(title)
    body = etree.SubElement(document, f"{{{XHTML}}}body")
    fragment = lxml_html.fragment_fromstring(_text(body_html), create_parent="div")
    lxml_html.html_to_xhtml(fragment)
    body.text = fragment.text
    for child in list(fragment):
        body.append(child)
    return document


def _picture_link(item_meta: etree._Element, picture: Picture) -> None:
    original = _best(picture.renditions)
    attrs = {"rel": "irel:seeAlso", "residref": picture.uri, "version": "1"}
    if original is not None:
        attrs["href"] = original.href
        if original.content_type:
            attrs["contenttype"] = original.content_type
    _sub(item_meta, "link", **attrs)


def _best(renditions: Iterable[Rendition]) -> Rendition | None:
    renditions = list(renditions)
    for rendition in renditions:
        if rendition.is_original:
            return rendition
    return max(renditions, key=lambda r: r.width * r.height, default=None)


def _rendition_code(rendition: Rendition) -> str:
    if rendition.is_original:
        return "rnd:highRes"
    if rendition.width <= 320:
        return "rnd:thumb"
    return "rnd:web"


def picture_item(picture: Picture, language: str) -> etree._Element:
    """The picture `newsItem`: rights, creator, credit, caption and every
    rendition, following IPTC's photo metadata mapping (LISTING_26)."""
    rights = picture.rights
    item = _item(picture.uri, 1, language)

    rights_info = _sub(item, "rightsInfo")
    if rights.credit:
        _named(rights_info, "copyrightHolder", rights.credit)
    if rights.copyright_notice:
        _sub(rights_info, "copyrightNotice", rights.copyright_notice)
    if rights.licence_url:
        _sub(rights_info, "link", href=rights.licence_url)
    if not len(rights_info):
        item.remove(rights_info)

    meta = _sub(item, "itemMeta")
    _sub(meta, "itemClass", qcode="ninat:picture")
    _provider(meta)
    _sub(meta, "versionCreated", timestamp(picture.created_at))
    _sub(meta, "pubStatus", qcode="stat:usable")

    content = _sub(item, "contentMeta")
    if rights.digital_source_type:
        source_type = _sub(content, "digitalSourceType", uri=rights.digital_source_type)
        if rights.digital_source_type_name:
            _sub(source_type, "name", rights.digital_source_type_name)
    if rights.source:
        _named(content, "infoSource", rights.source, roleuri=role_uri("source"))
    if rights.creator:
        _named(content, "creator", rights.creator, role="crol:photographer")
    _sub(content, "language", tag=language)
    if rights.credit:
        _sub(content, "creditline", rights.credit)
    if picture.caption:
        _sub(content, "description", picture.caption, role="drol:caption")
    if picture.alt_text:
        _sub(content, "description", picture.alt_text, roleuri=role_uri("alt"))

    if picture.renditions:
        content_set = _sub(item, "contentSet")
        for rendition in picture.renditions:
            attrs = {
                "rendition": _rendition_code(rendition),
                "href": rendition.href,
                "width": str(rendition.width),
                "height": str(rendition.height),
            }
            if rendition.content_type:
                attrs["contenttype"] = rendition.content_type
            _sub(content_set, "remoteContent", **attrs)
    return item


def news_items(facts: ArticleFacts) -> list[etree._Element]:
    """A piece's text item, followed by its picture item if it has one."""
    items = [text_item(facts)]
    if facts.picture:
        items.append(picture_item(facts.picture, facts.language))
    return items


def news_message(
    pieces: Iterable[ArticleFacts], *, sent: datetime | None = None
) -> etree._Element:
    """Several pieces in one `newsMessage`, each picture item once."""
    message = etree.Element(f"{{{NAR}}}newsMessage", nsmap={None: NAR})
    header = _sub(message, "header")
    _sub(header, "sent", timestamp(sent or timezone.now()))
    _sub(header, "sender", settings.SITE_NAME)
    item_set = _sub(message, "itemSet")
    seen: set[str] = set()
    for facts in pieces:
        for item in news_items(facts):
            guid = item.get("guid")
            if guid in seen:
                continue
            seen.add(guid)
            item_set.append(item)
    return message


def to_bytes(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8")
