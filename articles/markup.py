"""How a headline reads wherever it appears: its markers and labels.

Written as Python rather than included templates because every list of the
site renders these for each of its dozens of headlines, and an include costs
several times what these few conditions do.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import datetime, tzinfo
from html import escape

from django.utils import dateformat, timezone, translation
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from images.templatetags.images import picture

from . import markers
from .models import Article

# The shape of a card's picture.
CARD_RATIO = "16:9"


@functools.lru_cache(maxsize=16)
def _strings(language: str) -> dict[str, str]:
    """An edition's translated markers and time formats, looked up once:
    a list of 100 headlines asked the translation machinery for each of
    them on every headline, which cost more than writing the headlines."""
    names = markers.labels(language)
    with translation.override(language):
        return {
            # Markers before the headline are strong, those after it quiet.
            **{
                key: format_html(
                    '<strong class="marker marker--{}">{}</strong> ', key, names[key]
                )
                for key in (markers.BREAKING, markers.EXCLUSIVE)
            },
            **{
                key: format_html(
                    ' <span class="marker marker--{}">{}</span>', key, names[key]
                )
                for key in (markers.VIDEO, markers.PHOTO)
            },
            "partner": escape(gettext("Partner content:")),
            "press": escape(gettext("Press release")),
            "time": get_format("TIME_FORMAT"),
            "datetime": get_format("SHORT_DATETIME_FORMAT"),
        }


def headline_html(article: Article) -> SafeString:
    """The headline with its markers ("Breaking", "Exclusive", "VIDEO",
    "PHOTO"). A piece in another language than the page says so, for screen
    readers and hyphenation."""
    language = translation.get_language()
    return mark_safe(_headline(article, language, _strings(language)))


def _headline(article: Article, language: str, strings: dict[str, str]) -> str:
    before, after = markers.markers(article)
    parts = [strings[key] for key in before]
    if article.language != language:
        parts.append(f'<span lang="{escape(article.language)}">')
        parts.append(escape(article.headline))
        parts.append("</span>")
    else:
        parts.append(escape(article.headline))
    parts.extend(strings[key] for key in after)
    return "".join(parts)


def labels_html(article: Article) -> SafeString:
    """Partner and source labels, shown after a headline."""
    language = translation.get_language()
    return mark_safe(_labels(article, _strings(language)))


def _labels(article: Article, strings: dict[str, str]) -> str:
    parts = []
    if article.is_sponsored:
        parts.append(
            '<span class="marker marker--partner"><span aria-hidden="true">®</span>'
            f'<span class="visually-hidden">{strings["partner"]}</span> '
            f"{escape(article.partner_name)}</span>"
        )
    if article.is_press_release:
        label = strings["press"]
        if article.source:
            label = f"{label}: {escape(article.source)}"
        parts.append(f' <span class="marker marker--press">{label}</span>')
    elif article.source:
        parts.append(
            f' <span class="marker marker--source">{escape(article.source)}</span>'
        )
    return "".join(parts)


def headline_time(value: datetime | None) -> str:
    """ "14:05" for today's news, "28 Nov, 14:05" ("28 ноября, 14:05") for
    older pieces, as the edition's formats (newsroom/formats) write them."""
    if value is None:
        return ""
    return _time(
        timezone.localtime(value),
        timezone.localdate(),
        _strings(translation.get_language()),
    )


def _time(local: datetime, today, strings: dict[str, str]) -> str:
    fmt = strings["time"] if local.date() == today else strings["datetime"]
    return _formatted(local, local.tzinfo, fmt, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _formatted(local: datetime, zone: tzinfo | None, fmt: str, language: str) -> str:
    # Django's date formatting took a third of writing a list of headlines;
    # the same publish times come back on every page of an edition. Aware
    # datetimes compare by instant, so the zone is in the key beside them
    # (the same instant reads differently elsewhere), and `language` for
    # the month names the format may write.
    return dateformat.format(local, fmt)


def headline_item_html(article: Article) -> SafeString:
    """One headline of a list, the same on every list of the site."""
    return headline_items_html([article])


def headline_items_html(articles: Iterable[Article]) -> SafeString:
    """Headlines of a list, each as `headline_item_html` writes it, with
    the edition's strings, time zone and today's date looked up once."""
    language = translation.get_language()
    strings = _strings(language)
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    items = []
    for article in articles:
        published = article.published_at
        if published is None:
            stamp = shown = ""
        else:
            local = published.astimezone(zone)
            stamp = local.isoformat()
            shown = escape(_time(local, today, strings))
        breaking = " headline--breaking" if article.is_breaking else ""
        items.append(
            f'<li class="headline{breaking}">\n'
            f'  <time datetime="{stamp}">{shown}</time>\n'
            f'  <a href="{escape(article.get_absolute_url())}">'
            f"{_headline(article, language, strings)}</a>\n"
            f"  {_labels(article, strings)}\n"
            "</li>\n"
        )
    return mark_safe("".join(items))


def article_card_html(
    article: Article, *, heading: str = "h3", show_lead: bool = False, sizes: str
) -> SafeString:
    """A headline with its picture, for the home page's blocks. `sizes` says
    how wide the picture is shown, as in HTML."""
    language = translation.get_language()
    strings = _strings(language)
    url = escape(article.get_absolute_url())
    published = timezone.localtime(article.published_at)
    picture_link = (
        f'<a class="card-picture" href="{url}" tabindex="-1" aria-hidden="true">'
        f"{picture(article.hero_image, CARD_RATIO, sizes=sizes)}</a>"
        if article.shown_hero_image
        else ""
    )
    lead = (
        f'<p class="card-lead" lang="{escape(article.language)}">'
        f"{escape(article.lead)}</p>"
        if show_lead and article.lead
        else ""
    )
    breaking = " card--breaking" if article.is_breaking else ""
    shown = escape(
        _formatted(published, published.tzinfo, strings["datetime"], language)
    )
    return mark_safe(
        f'<article class="card{breaking}">\n'
        f"  {picture_link}\n"
        f'  <{heading} class="card-title"><a href="{url}">'
        f"{_headline(article, language, strings)}</a></{heading}>\n"
        f"  {lead}\n"
        f'  <p class="card-meta"><time datetime="{published.isoformat()}">'
        f"{shown}</time> {_labels(article, strings)}</p>\n"
        "</article>\n"
    )
