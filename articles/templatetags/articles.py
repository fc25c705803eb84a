from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from django import template
from django.conf import settings
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from common import origin

from .. import markers, markup, structured_data
from ..models import Article

register = template.Library()

_LINK = re.compile(r'<a href="(?P<href>[^"]*)" rel="noopener noreferrer">')


@register.filter
def article_body(article: Article) -> SafeString:
    """The sanitised body; partner content marks outbound links as sponsored."""
    body = article.body
    if article.is_sponsored:
        site_host = urlsplit(settings.SITE_URL).hostname

        def mark(match: re.Match) -> str:
            host = urlsplit(match["href"]).hostname
            if host and host != site_host:
                return f'<a href="{match["href"]}" rel="sponsored noopener noreferrer">'
            return match[0]

        body = _LINK.sub(mark, body)
    # Sanitised with the allow-list on every save (articles.sanitize).
    return mark_safe(body)


SHARE_TARGETS = [
    ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("x", "X", "https://x.com/intent/post?url={url}&text={title}"),
    ("telegram", "Telegram", "https://t.me/share/url?url={url}&text={title}"),
    ("whatsapp", "WhatsApp", "https://wa.me/?text={title}%20{url}"),
    (
        "linkedin",
        "LinkedIn",
        "https://www.linkedin.com/sharing/share-offsite/?url={url}",
    ),
    ("email", _("E-mail"), "mailto:?subject={title}&body={url}"),
]


@register.inclusion_tag("includes/share.html")
def share_links(article: Article, url: str) -> dict:
    """Plain share links: no third-party script runs on the page."""
    quoted = {"url": quote(url, safe=""), "title": quote(article.headline, safe="")}
    return {
        "links": [
            {"key": key, "name": name, "href": pattern.format(**quoted)}
            for key, name, pattern in SHARE_TARGETS
        ],
        "url": url,
    }


@register.simple_tag(takes_context=True)
def article_json_ld(context, article: Article, corrections=None) -> SafeString:
    """NewsArticle and BreadcrumbList JSON-LD blocks for an article page."""
    # No CSP nonce: JSON-LD is data the browser never executes, so the policy
    # does not govern it, and a per-request nonce inside a page the page
    # cache shares between readers would be published to all of them.
    request = context.get("request")
    return mark_safe(
        structured_data.json_ld(
            structured_data.news_article(article, corrections, request)
        )
        + structured_data.json_ld(structured_data.breadcrumbs(article, request))
    )


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    return origin.absolute(url, context.get("request"))


register.filter("og_locale", structured_data.og_locale)


@register.simple_tag
def og_locale_alternates(versions: dict[str, str], language: str) -> SafeString:
    """`og:locale:alternate` for the editions other than `language` in which
    the piece is published (`versions`: language -> address)."""
    return format_html_join(
        "\n",
        '<meta property="og:locale:alternate" content="{}">',
        (
            (structured_data.og_locale(code),)
            for code in sorted(versions)
            if code != language
        ),
    )


register.filter("headline_time", markup.headline_time)
register.simple_tag(markers.label, name="marker_label")
register.simple_tag(markup.headline_html, name="headline_text")
register.simple_tag(markup.labels_html, name="headline_labels")
register.simple_tag(markup.headline_item_html, name="headline_item")
register.simple_tag(markup.headline_items_html, name="headline_items")
