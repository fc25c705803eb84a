"""The outgoing formats, and which one a request asks for.

Every format writes the same facts (`facts.article_facts()`):

| name     | standard              | one item                                  |
| -------- | --------------------- | ----------------------------------------- |
| `ninjs`  | ninjs 3.1 (default)   | `application/json`                        |
| `ninjs2` | ninjs 2.2             | `application/json; profile="<2.2 schema>"` |
| `ninjs1` | ninjs 1.6             | `application/json; profile="<1.6 schema>"` |
| `newsml` | NewsML-G2 2.35        | `application/vnd.iptc.g2.newsitem+xml`    |

`serialise_article()` is the entry point for anything that sends a piece
outside a request (webhooks); `choose_format()` reads a request.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from articles.models import Article

from . import newsml
from .facts import ArticleFacts, article_facts
from .ninjs import NINJS_SCHEMA, facts_to_ninjs
from .ninjs_legacy import NINJS1_SCHEMA, NINJS2_SCHEMA, facts_to_ninjs1, facts_to_ninjs2

JSON = "application/json"


def _profile(schema: str) -> str:
    return schema.rstrip("#")


def _json_bytes(data: dict[str, Any]) -> bytes:
    # As JsonResponse(data, json_dumps_params={"ensure_ascii": False}) writes it.
    return json.dumps(data, ensure_ascii=False).encode()


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    item_type: str  # Content-Type of one item
    page_type: str  # Content-Type of a list page
    write_item: Callable[[ArticleFacts], bytes]
    write_page: Callable[[Sequence[ArticleFacts], str | None], bytes]
    # NewsML-G2's itemSet must hold an item: an empty page is a 204 there.
    has_empty_page: bool = True


def _json_format(
    name: str, label: str, content_type: str, writer: Callable[[ArticleFacts], dict]
) -> Format:
    return Format(
        name=name,
        label=label,
        item_type=content_type,
        page_type=content_type,
        write_item=lambda facts: _json_bytes(writer(facts)),
        write_page=lambda pieces, next_url: _json_bytes(
            {"items": [writer(facts) for facts in pieces], "next": next_url}
        ),
    )


def _json_profile(schema: str) -> str:
    return f'{JSON}; profile="{_profile(schema)}"'


FORMATS: dict[str, Format] = {
    "ninjs": _json_format("ninjs", "ninjs 3.1", JSON, facts_to_ninjs),
    "ninjs2": _json_format(
        "ninjs2", "ninjs 2.2", _json_profile(NINJS2_SCHEMA), facts_to_ninjs2
    ),
    "ninjs1": _json_format(
        "ninjs1", "ninjs 1.6", _json_profile(NINJS1_SCHEMA), facts_to_ninjs1
    ),
    "newsml": Format(
        name="newsml",
        label="NewsML-G2 2.35",
        item_type=newsml.NEWS_ITEM_TYPE,
        page_type=newsml.NEWS_MESSAGE_TYPE,
        write_item=lambda facts: newsml.to_bytes(newsml.text_item(facts)),
        # The next page is in the Link header: a newsMessage has no place for it.
        write_page=lambda pieces, next_url: newsml.to_bytes(
            newsml.news_message(pieces)
        ),
        has_empty_page=False,
    ),
}
DEFAULT_FORMAT = "ninjs"
ALIASES = {"ninjs3": "ninjs", "newsmlg2": "newsml"}


def serialise_article(article: Article, format_name: str) -> tuple[bytes, str]:
    """One piece in a format of `FORMATS`: (body, Content-Type).

    The article must come from `querysets.for_ninjs()`, or each relation it
    shows costs a query. A NewsML-G2 piece is its text `newsItem`, which
    links its picture item (see `newsml.news_items()` for both).
    """
    chosen = FORMATS[ALIASES.get(format_name, format_name)]
    return chosen.write_item(article_facts(article)), chosen.item_type


class UnknownFormat(ValueError):
    """A `format` parameter naming no format."""


class NotAcceptable(ValueError):
    """An Accept header that no format satisfies."""


# Media types that ask for NewsML-G2; IPTC registered the vnd ones.
XML_TYPES = {
    newsml.NEWS_ITEM_TYPE,
    newsml.NEWS_MESSAGE_TYPE,
    "application/xml",
    "text/xml",
}
# A JSON profile or version parameter names a ninjs generation.
NINJS_PROFILES = {
    _profile(NINJS_SCHEMA): "ninjs",
    _profile(NINJS2_SCHEMA): "ninjs2",
    _profile(NINJS1_SCHEMA): "ninjs1",
}
NINJS_VERSIONS = {
    "1": "ninjs1",
    "1.6": "ninjs1",
    "2": "ninjs2",
    "2.2": "ninjs2",
    "3": "ninjs",
    "3.1": "ninjs",
}


def _media_ranges(accept: str) -> list[tuple[str, dict[str, str]]]:
    """Media ranges by preference: highest q first, then in the order sent;
    q=0 ("not this") left out."""
    ranges = []
    for position, part in enumerate(accept.split(",")):
        media, *raw_params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        params = {}
        for raw in raw_params:
            key, _equals, value = raw.partition("=")
            params[key.strip().lower()] = value.strip().strip('"')
        try:
            quality = float(params.pop("q", "1"))
        except ValueError:
            quality = 0.0
        if quality > 0:
            ranges.append((-quality, position, media.lower(), params))
    ranges.sort()
    return [(media, params) for _q, _position, media, params in ranges]


def _for_range(media: str, params: dict[str, str]) -> str | None:
    if media in XML_TYPES:
        return "newsml"
    if media == JSON:
        if "profile" in params:
            profile = params["profile"].rstrip("#").replace("https://", "http://")
            return NINJS_PROFILES.get(profile)
        if "version" in params:
            return NINJS_VERSIONS.get(params["version"])
        return DEFAULT_FORMAT
    if media in ("*/*", "application/*"):
        return DEFAULT_FORMAT
    return None


def choose_format(request: HttpRequest) -> Format:
    """The format a request asks for: its `format` parameter, else the
    first of its Accept header's media ranges a format satisfies, else
    ninjs 3.1 when it sends no Accept header.

    Raises UnknownFormat or NotAcceptable (answered 400 and 406).
    """
    if name := request.GET.get("format"):
        name = ALIASES.get(name, name)
        if name not in FORMATS:
            raise UnknownFormat(name)
        return FORMATS[name]
    accept = request.headers.get("Accept", "").strip()
    if not accept:
        return FORMATS[DEFAULT_FORMAT]
    for media, params in _media_ranges(accept):
        if name := _for_range(media, params):
            return FORMATS[name]
    raise NotAcceptable(accept)


def available_types() -> list[str]:
    """Media types the API answers, for a 406's explanation."""
    return [
        JSON,
        *(FORMATS[name].item_type for name in ("ninjs2", "ninjs1")),
        newsml.NEWS_ITEM_TYPE,
        newsml.NEWS_MESSAGE_TYPE,
        "application/xml",
    ]
