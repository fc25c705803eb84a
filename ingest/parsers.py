"""Parsers from what sources send to `ParsedItem`s.

Every XML document goes through `parse_xml()`, which is defusedxml over the
standard library's parser with entity declarations and external references
forbidden: a billion-laughs bomb or an external entity (XXE) is refused
before anything is expanded or fetched. RSS and Atom are read here too
rather than with feedparser, which runs its own SAX parsing: one hardened
XML path for every format, and no extra runtime dependency.

Bodies are sanitised later, by the same allow-list as article bodies
(`articles.sanitize.sanitize_body`), when the item is stored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import Element, tostring
from xml.etree.ElementTree import ParseError as XMLSyntaxError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator

KILLED = "killed"
CORRECTED = "corrected"
USABLE = "usable"

NAR = "{http://iptc.org/std/nar/2006-10-01/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC = "{http://purl.org/dc/elements/1.1/}"

# ninjs item types that carry no story text to write from.
NON_TEXT_TYPES = {"picture", "graphic", "video", "audio", "event", "planning"}


class ParseError(Exception):
    """The document cannot be read; the message says why, for the admin."""


@dataclass
class ParsedItem:
    guid: str
    headline: str
    body: str = ""
    lead: str = ""
    dateline: str = ""
    byline: str = ""
    link: str = ""
    language: str = ""
    urgency: int | None = None
    sent_at: datetime | None = None
    status: str = USABLE
    # The source's own version number, when it gives one.
    version: int | None = None


def parse_xml(data: bytes) -> Element:
    try:
        return SafeET.fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as error:
        raise ParseError(f"Refused XML: {error}") from None
    except XMLSyntaxError as error:
        raise ParseError(f"Malformed XML: {error}") from None


def parse(kind: str, data: bytes) -> list[ParsedItem]:
    """The items in a document of a source of `kind` ("folder": guessed from
    the first character, since a drop folder takes both formats)."""
    if kind == "folder":
        kind = "ninjs" if data.lstrip()[:1] in (b"{", b"[") else "newsml"
    if kind == "rss":
        return parse_feed(data)
    if kind == "ninjs":
        return parse_ninjs(data)
    if kind == "newsml":
        return parse_newsml(data)
    raise ParseError(f"Unknown source kind {kind!r}.")


# Helpers


def _text(element: Element | None) -> str:
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _html(element: Element) -> str:
    """The element's children as HTML without namespaces (NITF, XHTML and
    Atom's xhtml content all use plain HTML names for their paragraphs)."""
    parts = [escape(element.text or "")]
    for child in element:
        copy = _strip_namespaces(child)
        parts.append(tostring(copy, encoding="unicode", method="html"))
    return "".join(parts).strip()


def _strip_namespaces(element: Element) -> Element:
    copy = Element(_local(element.tag), {_local(k): v for k, v in element.items()})
    copy.text, copy.tail = element.text, element.tail
    for child in element:
        copy.append(_strip_namespaces(child))
    return copy


def _paragraphs(text: str) -> str:
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text or "")]
    return "".join(f"<p>{escape(block)}</p>" for block in blocks if block)


def _plain(html: str, limit: int = 600) -> str:
    text = " ".join(strip_tags(html).split())
    return Truncator(text).chars(limit)


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _urgency(value) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= 9 else None


def _version(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


# RSS 2.0 and Atom


def parse_feed(data: bytes) -> list[ParsedItem]:
    root = parse_xml(data)
    if root.tag == f"{ATOM}feed":
        return _atom(root)
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise ParseError(f"Not an RSS or Atom feed (root element {root.tag!r}).")
    language = _text(channel.find("language"))
    items = []
    for node in channel.findall("item"):
        link = _text(node.find("link"))
        guid = _text(node.find("guid")) or link
        headline = _text(node.find("title"))
        if not guid or not headline:
            continue
        description = node.findtext("description") or ""
        content = node.findtext(CONTENT_ENCODED) or ""
        body = content or description
        items.append(
            ParsedItem(
                guid=guid,
                headline=headline,
                body=body if "<" in body else _paragraphs(body),
                lead=_plain(description) if content else "",
                byline=_text(node.find(f"{DC}creator")) or _text(node.find("author")),
                link=link,
                language=_text(node.find(f"{DC}language")) or language,
                sent_at=_date(node.findtext("pubDate")),
            )
        )
    return items


def _atom(root: Element) -> list[ParsedItem]:
    language = root.get(XML_LANG, "")
    items = []
    for entry in root.findall(f"{ATOM}entry"):
        guid = _text(entry.find(f"{ATOM}id"))
        headline = _text(entry.find(f"{ATOM}title"))
        if not guid or not headline:
            continue
        link = ""
        for node in entry.findall(f"{ATOM}link"):
            if node.get("rel", "alternate") == "alternate":
                link = node.get("href", "")
                break
        summary = _atom_content(entry.find(f"{ATOM}summary"))
        content = _atom_content(entry.find(f"{ATOM}content"))
        items.append(
            ParsedItem(
                guid=guid,
                headline=headline,
                body=content or summary,
                lead=_plain(summary) if content else "",
                byline=_text(entry.find(f"{ATOM}author/{ATOM}name")),
                link=link,
                language=entry.get(XML_LANG, language),
                sent_at=_date(
                    entry.findtext(f"{ATOM}updated")
                    or entry.findtext(f"{ATOM}published")
                ),
            )
        )
    return items


def _atom_content(node: Element | None) -> str:
    if node is None:
        return ""
    kind = node.get("type", "text")
    if kind == "xhtml":
        div = node.find("{http://www.w3.org/1999/xhtml}div")
        return _html(div if div is not None else node)
    if kind == "html":
        return node.text or ""
    return _paragraphs(node.text or "")


# ninjs 1.x, 2.x and 3.x


def parse_ninjs(data: bytes) -> list[ParsedItem]:
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, ValueError) as error:
        raise ParseError(f"Malformed JSON: {error}") from None
    if isinstance(document, dict) and isinstance(document.get("items"), list):
        # A list endpoint, such as this project's own subscriber API.
        document = document["items"]
    if isinstance(document, dict):
        document = [document]
    if not isinstance(document, list):
        raise ParseError("Not a ninjs item or list of items.")
    items = []
    for entry in document:
        if not isinstance(entry, dict):
            raise ParseError("Not a ninjs item: an entry is not an object.")
        item = _ninjs_item(entry)
        if item is not None:
            items.append(item)
    return items


def _first(entry: dict, *names: str):
    for name in names:
        value = entry.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _by_role(values, roles: tuple[str, ...]) -> dict | None:
    """From a 2.x/3.x list of {role, value}, the first of `roles`, else the first."""
    if not isinstance(values, list):
        return None
    entries = [v for v in values if isinstance(v, dict) and v.get("value")]
    for role in roles:
        for value in entries:
            if value.get("role") == role:
                return value
    return entries[0] if entries else None


def _ninjs_item(entry: dict) -> ParsedItem | None:
    guid = str(entry.get("uri") or entry.get("guid") or "").strip()
    if entry.get("type") in NON_TEXT_TYPES or not guid:
        return None
    # Headline: 1.x "headline" (and the examples' "headline_main"); 2.x and
    # 3.x a list of {role, value}.
    headline = _first(entry, "headline", "headline_main", "headline_simple")
    if not isinstance(headline, str):
        chosen = _by_role(entry.get("headlines"), ("main", "default"))
        headline = chosen["value"] if chosen else ""
    # Body: 1.x body_html/body_xhtml/body_richtext/body_text/body_main;
    # 2.x/3.x bodies with a contentType (contenttype in 2.x).
    body = _first(entry, "body_html", "body_xhtml", "body_richtext")
    if not isinstance(body, str):
        plain = _first(entry, "body_text", "body_main")
        body = _paragraphs(plain) if isinstance(plain, str) else ""
    bodies = entry.get("bodies")
    if not body and isinstance(bodies, list):
        rich = [
            b
            for b in bodies
            if isinstance(b, dict)
            and "html" in str(b.get("contentType") or b.get("contenttype") or "")
            and b.get("value")
        ]
        if rich:
            body = rich[0]["value"]
        else:
            chosen = _by_role(bodies, ("main",))
            body = _paragraphs(chosen["value"]) if chosen else ""
    lead = _first(entry, "description_text", "description_html", "description")
    if not isinstance(lead, str):
        chosen = _by_role(entry.get("descriptions"), ("summary", "main"))
        lead = chosen["value"] if chosen else ""
    located = entry.get("located")
    if isinstance(located, dict):
        located = located.get("name", "")
    byline = entry.get("byline") or entry.get("by") or ""
    link = ""
    for candidate in entry.get("links") or ():
        if isinstance(candidate, dict) and candidate.get("href"):
            link = candidate["href"]
            break
    for alt_id in entry.get("altIds") or ():
        # This project's own API names the page as the "url" alternative id.
        if not link and isinstance(alt_id, dict) and alt_id.get("role") == "url":
            link = str(alt_id.get("value") or "")
    if not link and str(guid).startswith(("http://", "https://")):
        link = guid
    status = str(entry.get("pubStatus") or entry.get("pubstatus") or "usable")
    if not headline:
        return None
    return ParsedItem(
        guid=guid,
        headline=" ".join(str(headline).split()),
        body=str(body or ""),
        lead=_plain(str(lead)),
        dateline=str(located or "")[:200],
        byline=str(byline)[:300],
        link=link,
        language=str(entry.get("language") or ""),
        urgency=_urgency(entry.get("urgency")),
        sent_at=_date(_first(entry, "versionCreated", "versioncreated")),
        status=KILLED if status in {"canceled", "withheld"} else USABLE,
        version=_version(entry.get("version")),
    )


# NewsML-G2


def parse_newsml(data: bytes) -> list[ParsedItem]:
    """A newsItem, or every newsItem of a newsMessage."""
    root = parse_xml(data)
    if root.tag == f"{NAR}newsItem":
        nodes = [root]
    elif root.tag == f"{NAR}newsMessage":
        nodes = root.findall(f"{NAR}itemSet/{NAR}newsItem")
    else:
        raise ParseError(f"Not a NewsML-G2 newsItem or newsMessage ({root.tag!r}).")
    items = []
    for node in nodes:
        item = _news_item(node, root.get(XML_LANG, ""))
        if item is not None:
            items.append(item)
    return items


def _news_item(node: Element, default_language: str) -> ParsedItem | None:
    item_meta = node.find(f"{NAR}itemMeta")
    content_meta = node.find(f"{NAR}contentMeta")
    if item_meta is None or content_meta is None:
        # A fragment (IPTC's hop-history listing): nothing to write from.
        return None
    item_class = item_meta.find(f"{NAR}itemClass")
    if item_class is not None and item_class.get("qcode", "") not in (
        "",
        "ninat:text",
        "ninat:composite",
    ):
        return None
    headline = _text(content_meta.find(f"{NAR}headline"))
    guid = node.get("guid", "")
    if not guid or not headline:
        return None
    pub_status = item_meta.find(f"{NAR}pubStatus")
    status_code = pub_status.get("qcode", "") if pub_status is not None else ""
    signals = {s.get("qcode", "") for s in item_meta.findall(f"{NAR}signal")}
    if status_code in {"stat:canceled", "stat:withheld"}:
        status = KILLED
    elif "sig:correction" in signals:
        status = CORRECTED
    else:
        status = USABLE
    lead = ""
    for description in content_meta.findall(f"{NAR}description"):
        if description.get("role", "") in ("", "drol:summary", "drol:teaser"):
            lead = _text(description)
            break
    dateline = _text(content_meta.find(f"{NAR}dateline")) or _text(
        content_meta.find(f"{NAR}located/{NAR}name")
    )
    creators = [
        _text(c.find(f"{NAR}name")) for c in content_meta.findall(f"{NAR}creator")
    ]
    language_node = content_meta.find(f"{NAR}language")
    link = ""
    for node_link in item_meta.findall(f"{NAR}link"):
        if node_link.get("rel") in {"irel:canonical", "irel:self"}:
            link = node_link.get("href", "")
    return ParsedItem(
        guid=guid,
        headline=headline,
        body=_newsml_body(node),
        lead=lead,
        dateline=dateline,
        byline=", ".join(c for c in creators if c),
        link=link,
        language=(language_node.get("tag", "") if language_node is not None else "")
        or node.get(XML_LANG, default_language),
        urgency=_urgency(content_meta.findtext(f"{NAR}urgency")),
        sent_at=_date(item_meta.findtext(f"{NAR}versionCreated")),
        status=status,
        version=_version(node.get("version")),
    )


def _newsml_body(node: Element) -> str:
    content_set = node.find(f"{NAR}contentSet")
    if content_set is None:
        return ""
    inline = content_set.find(f"{NAR}inlineXML")
    if inline is not None:
        for element in inline.iter():
            # NITF's body.content or XHTML's body: the story's paragraphs.
            if _local(element.tag) in {"body.content", "body"} and any(
                _local(child.tag) in {"p", "h2", "h3", "ul", "ol", "blockquote"}
                for child in element
            ):
                return _html(element)
        return _html(inline)
    data = content_set.find(f"{NAR}inlineData")
    if data is not None:
        return _paragraphs(data.text or "")
    return ""
