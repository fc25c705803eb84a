"""A headline's markers, defined once: which a piece carries, in what order,
and what each is called in an edition.

Pages (`articles/markup.py`), feeds (`distribution/feeds.py`) and the ticker
draw them from here, each in its own markup; the subscriber API states
the same facts in IPTC's terms (genres, urgency) instead of labels.
"""

from __future__ import annotations

import functools
from typing import NamedTuple, Protocol

from django.utils import translation
from django.utils.translation import gettext, pgettext

BREAKING = "breaking"
EXCLUSIVE = "exclusive"
VIDEO = "video"
PHOTO = "photo"


class Marked(Protocol):
    is_breaking: bool
    is_exclusive: bool
    has_video: bool
    has_photos: bool


class Markers(NamedTuple):
    """Marker keys read before the headline, and after it."""

    before: tuple[str, ...]
    after: tuple[str, ...]


def markers(article: Marked) -> Markers:
    """Breaking and Exclusive lead the headline; VIDEO and PHOTO follow it."""
    before = (BREAKING,) * article.is_breaking + (EXCLUSIVE,) * article.is_exclusive
    after = (VIDEO,) * article.has_video + (PHOTO,) * article.has_photos
    return Markers(before, after)


@functools.lru_cache(maxsize=16)
def labels(language: str) -> dict[str, str]:
    """Each marker's name in `language`'s edition, looked up once: lists of
    a hundred headlines asked the translation machinery for every one."""
    with translation.override(language):
        return {
            BREAKING: pgettext("marker", "Breaking"),
            EXCLUSIVE: pgettext("marker", "Exclusive"),
            VIDEO: gettext("VIDEO"),
            PHOTO: gettext("PHOTO"),
        }


def label(key: str) -> str:
    """A marker's name in the active edition (for templates: the ticker)."""
    return labels(translation.get_language())[key]


def headline_text(article: Marked, headline: str) -> str:
    """The headline with its markers as plain text, for feed titles:
    "Breaking: Exclusive: Quake hits the coast VIDEO"."""
    names = labels(translation.get_language())
    before, after = markers(article)
    return " ".join(
        [*(f"{names[key]}:" for key in before), headline, *(names[k] for k in after)]
    )
