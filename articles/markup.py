"""How a headline reads wherever it appears: its markers and labels.

Written as Python rather than included templates because every list of the
site renders these for each of its dozens of headlines, and an include costs
several times what these few conditions do.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext

from images.templatetags.images import picture

from .models import Article

# The shape of a card's picture.
CARD_RATIO = "16:9"


def headline_html(article: Article) -> SafeString:
    """The headline with its markers ("Breaking", "Exclusive", "VIDEO",
    "PHOTO"). A piece in another language than the page says so, for screen
    readers and hyphenation."""
    parts = []
    if article.is_breaking:
        parts.append(
            format_html(
                '<strong class="marker marker--breaking">{}</strong> ',
                pgettext("marker", "Breaking"),
            )
        )
    if article.is_exclusive:
        parts.append(
            format_html(
                '<strong class="marker marker--exclusive">{}</strong> ',
                pgettext("marker", "Exclusive"),
            )
        )
    if article.language != translation.get_language():
        parts.append(
            format_html('<span lang="{}">{}</span>', article.language, article.headline)
        )
    else:
        parts.append(format_html("{}", article.headline))
    if article.has_video:
        parts.append(
            format_html(
                ' <span class="marker marker--video">{}</span>', gettext("VIDEO")
            )
        )
    if article.has_photos:
        parts.append(
            format_html(
                ' <span class="marker marker--photo">{}</span>', gettext("PHOTO")
            )
        )
    return mark_safe("".join(parts))


def labels_html(article: Article) -> SafeString:
    """Partner and source labels, shown after a headline."""
    parts = []
    if article.is_sponsored:
        parts.append(
            format_html(
                '<span class="marker marker--partner"><span aria-hidden="true">®</span>'
                '<span class="visually-hidden">{}</span> {}</span>',
                gettext("Partner content:"),
                article.partner_name,
            )
        )
    if article.is_press_release:
        label = gettext("Press release")
        if article.source:
            label = format_html("{}: {}", label, article.source)
        parts.append(
            format_html(' <span class="marker marker--press">{}</span>', label)
        )
    elif article.source:
        parts.append(
            format_html(
                ' <span class="marker marker--source">{}</span>', article.source
            )
        )
    return mark_safe("".join(parts))


def headline_time(value: datetime | None) -> str:
    """ "14:05" for today's news, "28 Nov, 14:05" ("28 ноября, 14:05") for
    older pieces, as the edition's formats (newsroom/formats) write them."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    if local.date() == timezone.localdate():
        return date_format(local, "TIME_FORMAT")
    return date_format(local, "SHORT_DATETIME_FORMAT")


def headline_item_html(article: Article) -> SafeString:
    """One headline of a list, the same on every list of the site."""
    published = article.published_at
    return format_html(
        '<li class="headline{}">\n'
        '  <time datetime="{}">{}</time>\n'
        '  <a href="{}">{}</a>\n'
        "  {}\n"
        "</li>\n",
        " headline--breaking" if article.is_breaking else "",
        timezone.localtime(published).isoformat() if published else "",
        headline_time(published),
        article.get_absolute_url(),
        headline_html(article),
        labels_html(article),
    )


def article_card_html(
    article: Article, *, heading: str = "h3", show_lead: bool = False, sizes: str
) -> SafeString:
    """A headline with its picture, for the home page's blocks. `sizes` says
    how wide the picture is shown, as in HTML."""
    url = article.get_absolute_url()
    published = timezone.localtime(article.published_at)
    picture_link = (
        format_html(
            '<a class="card-picture" href="{}" tabindex="-1" aria-hidden="true">{}</a>',
            url,
            picture(article.hero_image, CARD_RATIO, sizes=sizes),
        )
        if article.hero_image
        else ""
    )
    lead = (
        format_html(
            '<p class="card-lead" lang="{}">{}</p>', article.language, article.lead
        )
        if show_lead and article.lead
        else ""
    )
    return format_html(
        '<article class="card{}">\n'
        "  {}\n"
        '  <{} class="card-title"><a href="{}">{}</a></{}>\n'
        "  {}\n"
        '  <p class="card-meta"><time datetime="{}">{}</time> {}</p>\n'
        "</article>\n",
        " card--breaking" if article.is_breaking else "",
        picture_link,
        heading,
        url,
        headline_html(article),
        heading,
        lead,
        published.isoformat(),
        date_format(published, "SHORT_DATETIME_FORMAT"),
        labels_html(article),
    )
