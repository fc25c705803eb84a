"""Pages composed from parts.

The latest-news sidebar and the ticker are on every page, and related news
on every article page; each changes far more often than the page around it.
Cached inside the page, a publish would throw away every page. So they are
*parts*: rendered and cached on their own, and spliced into the page each
time it is served. A stored page keeps a placeholder where each part goes
(`Placeholder`), a publish re-renders the sidebar once, and the long tail of
article pages stays cached.

A part is a function registered under a name, taking the request and a few
simple parameters (`register`). Templates include one with `{% part %}`
(caching/templatetags/caching.py); the page cache renders one again by name
when its cached copy has gone stale (caching/pages.py).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from . import core

PART_KEY = "part:{name}:{language}:{params}"


@dataclass(frozen=True)
class Part:
    name: str
    render: Callable[..., str]
    # The tags the part is known to show, from its language and parameters,
    # so that a lookup reads them with the part in one round trip.
    tags: Callable[..., Sequence[str]]


@dataclass(frozen=True)
class Placeholder:
    """Where a page shows a part, and what that part's entry showed when the
    page was stored (read with it on the next lookup)."""

    name: str
    language: str
    params: tuple[tuple[str, str | int], ...]
    key: str
    tags: tuple[str, ...]


_registry: dict[str, Part] = {}


def register(
    name: str, *, tags: Callable[..., Sequence[str]] = lambda language, **params: ()
) -> Callable[[Callable[..., str]], Callable[..., str]]:
    """Register `render(request, **params) -> html` as the part `name`."""

    def decorator(render: Callable[..., str]) -> Callable[..., str]:
        _registry[name] = Part(name, render, tags)
        return render

    return decorator


def part_key(name: str, language: str, params: tuple) -> str:
    encoded = ",".join(f"{key}={value}" for key, value in params)
    return PART_KEY.format(name=name, language=language, params=encoded)


def render_part(
    request: HttpRequest | None, name: str, language: str, params: tuple
) -> tuple[SafeString, core.Scope]:
    """The part's HTML, from the cache while fresh, and what it showed."""
    part = _registry[name]
    with translation.override(language), core.scope(isolated=True) as shown:
        html = core.cached(
            part_key(name, language, params),
            lambda: str(part.render(request, **dict(params))),
            tags=part.tags(language, **dict(params)),
            # A stored page is served only with its parts: they are kept
            # whenever pages are, whatever FRAGMENT_CACHE says.
            enabled=core.is_enabled() or bool(getattr(settings, "PAGE_CACHE", False)),
        )
    return mark_safe(html), shown


def _page_scope() -> core.Scope | None:
    for current in reversed(core.current_scopes()):
        if current.is_page:
            return current if current.parts is not None else None
        if current.isolated:
            return None
    return None


def include(request: HttpRequest | None, name: str, **params: str | int) -> SafeString:
    """The part `name` for the current edition, marked for the page cache
    when the page around it is to be stored."""
    language = translation.get_language()
    ordered = tuple(sorted(params.items()))
    html, shown = render_part(request, name, language, ordered)
    page = _page_scope()
    if page is None:
        # Not a stored page: its headers still cover what the part shows.
        core.depend(*shown.tags)
        core.expires(shown.until)
        return html
    page.part_tags.update(shown.tags)
    if shown.until is not None and (
        page.part_until is None or shown.until < page.part_until
    ):
        page.part_until = shown.until
    index = len(page.parts)
    page.parts.append(
        Placeholder(
            name,
            language,
            ordered,
            part_key(name, language, ordered),
            tuple(sorted(shown.tags)),
        )
    )
    marker = _marker(page)
    return mark_safe(f"<!--{marker}:{index}-->{html}<!--/{marker}:{index}-->")


def _marker(page: core.Scope) -> str:
    if not page.marker:
        page.marker = f"part-{secrets.token_hex(8)}"
    return page.marker


def split(content: bytes, page: core.Scope) -> tuple[list[bytes | int], list[str]]:
    """The page as chunks of bytes and the indexes of the parts between
    them (in `page.parts`), markers and part HTML removed; and each part's
    HTML as the page showed it."""
    if not page.parts:
        return [content], []
    marker = re.escape(_marker(page).encode())
    pattern = re.compile(
        rb"<!--" + marker + rb":(\d+)-->(.*?)<!--/" + marker + rb":\1-->", re.DOTALL
    )
    chunks: list[bytes | int] = []
    htmls = [""] * len(page.parts)
    position = 0
    for match in pattern.finditer(content):
        chunks.append(content[position : match.start()])
        index = int(match.group(1))
        chunks.append(index)
        htmls[index] = match.group(2).decode()
        position = match.end()
    chunks.append(content[position:])
    return chunks, htmls


def strip_markers(content: bytes, page: core.Scope) -> bytes:
    """The page as readers get it, without the part markers."""
    if not page.parts:
        return content
    marker = re.escape(_marker(page).encode())
    return re.sub(rb"<!--/?" + marker + rb":\d+-->", b"", content)


def assemble(chunks: Sequence[bytes | int], htmls: Sequence[str]) -> bytes:
    return b"".join(
        htmls[chunk].encode() if isinstance(chunk, int) else chunk for chunk in chunks
    )
