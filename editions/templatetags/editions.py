"""The language switcher and hreflang links on reader pages."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

import editions
from common.origin import absolute

register = template.Library()


def edition_home(code: str) -> str:
    with translation.override(code):
        return reverse("home")


@register.inclusion_tag("includes/edition_switcher.html", takes_context=True)
def edition_switcher(context) -> dict:
    """A link to every edition. An article page passes `edition_versions`
    (language -> URL of its published versions): a language without one
    leads to that edition's home. Other pages lead to the same page in the
    other edition (a section, tag, author, day or search)."""
    versions = context.get("edition_versions")
    request = context.get("request")
    current = editions.current()
    links = []
    for code, name in settings.LANGUAGES:
        if versions is not None:
            url = versions.get(code) or edition_home(code)
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = edition_home(code)
        links.append(
            {"code": code, "name": name, "url": url, "current": code == current}
        )
    return {"links": links}


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context, versions: dict[str, str] | None = None) -> dict:
    """`<link rel="alternate" hreflang>` for the versions of a page, absolute
    and including the page itself, as search engines ask. Without
    `versions`, the editions' home pages, with `/` (which picks an edition
    by the browser's language) as x-default."""
    if versions is None:
        versions = {code: edition_home(code) for code in editions.codes()}
        default = "/"
    else:
        default = None
    if len(versions) < 2:
        return {"links": []}
    request = context.get("request")
    links = [
        {"code": code, "url": absolute(url, request)}
        for code, url in sorted(versions.items())
    ]
    if default:
        links.append({"code": "x-default", "url": absolute(default, request)})
    return {"links": links}
