"""Which change touches which cached pages: the one registry.

Cached pages and parts name what they show by tags (caching/core.py). This
module names those tags and, for every model readers can see, which tags a
change of a row touches. A change readers cannot see touches nothing a page
depends on: a draft's own tag (`article-12`) is named by no cached page, and
the lists (`list:...`) are touched only by a piece that is or was public or
scheduled. So journalists saving drafts, tagging them or editing an author
without public pieces leave every cached page in place.

The clocks say when time alone changes a list: the next scheduled piece of
an edition, the next ticker or curated item starting or ending.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

import caching
from caching import edge, pages
from caching.core import clock
from common.db import first_datetimes

from .models import LISTING_FIELDS

EVERYTHING = pages.EVERYTHING
SECTIONS = "sections"
FOLLOW_US = "follow-us"
TICKER = "ticker"
CURATED = "curated"


def article_tag(pk: int) -> str:
    return f"article-{pk}"


def group_tag(pk: int) -> str:
    """A translation group: pages link their other-language versions."""
    return f"group-{pk}"


def related_tag(pk: int) -> str:
    return f"related-{pk}"


def latest_tag(language: str) -> str:
    """Everything an edition lists: home, latest news, feeds, sitemaps,
    search, archives."""
    return f"list:latest-{language}"


def section_list_tag(pk: int) -> str:
    return f"list:section-{pk}"


def tag_list_tag(pk: int) -> str:
    return f"list:tag-{pk}"


def author_list_tag(pk: int) -> str:
    return f"list:author-{pk}"


def author_tag(pk: int) -> str:
    return f"author-{pk}"


def image_tag(pk: int) -> str:
    return f"image-{pk}"


def topic_tag(pk: int) -> str:
    """A taggit tag's own row (its name on article pages)."""
    return f"tag-{pk}"


# Clocks -----------------------------------------------------------------------


def publish_clock(language: str) -> None:
    """What lists an edition changes when its next scheduled piece goes live."""
    from .models import Article

    def compute() -> tuple[datetime | None, datetime | None]:
        now = timezone.now()
        edition = Article.objects.filter(language=language)
        went_live = (
            edition.published(at=now).order_by("-published_at").values("published_at")
        )
        upcoming = (
            edition.scheduled(at=now).order_by("published_at").values("published_at")
        )
        return tuple(first_datetimes([went_live[:1], upcoming[:1]], keep_empty=True))

    clock(f"clock:publish:{language}", compute, tags=[latest_tag(language)])


def window_clock(model, tag: str, language: str | None = None) -> None:
    """The ticker's or curated items' next start or end."""

    def compute() -> tuple[datetime | None, datetime | None]:
        now = timezone.now()
        items = model.objects.all()
        if language is not None and hasattr(model, "language"):
            items = items.filter(language=language)
        passed, coming = [], []
        for field in ("starts_at", "ends_at"):
            passed.append(
                items.filter(**{f"{field}__lte": now})
                .order_by(f"-{field}")
                .values(field)[:1]
            )
            coming.append(
                items.filter(**{f"{field}__gt": now}).order_by(field).values(field)[:1]
            )
        found = first_datetimes([*passed, *coming], keep_empty=True)
        last = [moment for moment in found[:2] if moment]
        upcoming = [moment for moment in found[2:] if moment]
        return (max(last) if last else None, min(upcoming) if upcoming else None)

    clock(f"clock:{tag}:{language or 'all'}", compute, tags=[tag])


def every_clock() -> None:
    """Every scheduled change of any kind: for pages that name nothing."""
    from headlines.models import CuratedItem, TickerItem

    from .models import Article

    def compute() -> tuple[datetime | None, datetime | None]:
        now = timezone.now()
        firsts = [
            Article.objects.scheduled(at=now)
            .order_by("published_at")
            .values("published_at")[:1]
        ]
        for model in (TickerItem, CuratedItem):
            for field in ("starts_at", "ends_at"):
                firsts.append(
                    model.objects.filter(**{f"{field}__gt": now})
                    .order_by(field)
                    .values(field)[:1]
                )
        upcoming = first_datetimes(firsts)
        return None, (min(upcoming) if upcoming else None)

    clock("clock:everything", compute, tags=[EVERYTHING])


# What a change touches ------------------------------------------------------


@dataclasses.dataclass
class _Gathered:
    tags: set[str] = dataclasses.field(default_factory=set)
    leaving: bool = False


_gathering: ContextVar[_Gathered | None] = ContextVar("invalidation", default=None)


@contextmanager
def gathered() -> Iterator[None]:
    """One write, one invalidation: what the saves, bylines and tags of the
    block touch is gathered and invalidated once when it ends (and dropped
    if it fails: its transaction rolls back). Every action of
    `articles/actions.py` runs inside one; blocks nest into the outermost."""
    if _gathering.get() is not None:
        yield
        return
    pending = _Gathered()
    token = _gathering.set(pending)
    try:
        yield
    finally:
        _gathering.reset(token)
    invalidate(*pending.tags, leaving=pending.leaving)


def invalidate(*tags: str, leaving: bool = False) -> None:
    """Readers can see a change to what `tags` name: cached pages here
    and at the edge (Varnish, on commit) that show it are replaced. At the
    edge, the sidebars of every page too when a piece is `leaving` what
    readers see (caching/edge.py: a kill must not wait for max-age)."""
    if not tags:
        return
    pending = _gathering.get()
    if pending is not None:
        pending.tags.update(tags)
        pending.leaving |= leaving
        return
    caching.invalidate(*tags)
    edge.purge_on_commit(tags, parts=leaving)


def is_listed(state: dict) -> bool:
    """Public now, or scheduled to be: readers see it, or will by the clock."""
    return state.get("status") == "published" and state.get("deleted_at") is None


def listing_state(article) -> dict:
    return {name: getattr(article, name) for name in LISTING_FIELDS}


def lists_of(article, *states: dict) -> set[str]:
    """The lists a piece appears on in any of `states` (where it is and was),
    and every page that names nothing."""
    from .models import Byline

    tags = {EVERYTHING}
    for state in states:
        tags.add(latest_tag(state["language"]))
        if state.get("section_id"):
            tags.add(section_list_tag(state["section_id"]))
    if article.pk:
        tags.update(tag_list_tag(pk) for pk in _tag_ids(article))
        loaded = article.loaded("bylines")
        authors = (
            [byline.author_id for byline in loaded]
            if loaded is not None
            else Byline.objects.filter(article_id=article.pk).values_list(
                "author_id", flat=True
            )
        )
        tags.update(author_list_tag(pk) for pk in authors)
    return tags


def _tag_ids(article) -> list[int]:
    loaded = article.loaded("tags")
    if loaded is not None:
        return [tag.pk for tag in loaded]
    return list(article.tags.values_list("pk", flat=True))


def neighbours(article) -> set[str]:
    """The related news of the pieces that now list this one: the pieces it
    lists itself, as relatedness is mutual (shared tags or section)."""
    from .related import related_articles

    return {
        related_tag(other.pk)
        for other in related_articles(article, tag_ids=_tag_ids(article))
    }


def article_changed(sender, instance, created=False, **kwargs) -> None:
    before = getattr(instance, "_listing_state", None)
    after = listing_state(instance)
    tags = {article_tag(instance.pk)}
    # A piece never loaded (built by hand with a pk) may have been listed.
    was_listed = is_listed(before) if before is not None else not created
    if was_listed or is_listed(after):
        group = instance.translation_of_id or instance.pk
        tags |= {group_tag(group), related_tag(instance.pk)}
        states = [after]
        if before is not None and was_listed:
            states.append({**after, **before})
        tags |= lists_of(instance, *states)
        tags |= neighbours(instance)
    instance._listing_state = after
    invalidate(*tags, leaving=was_listed and not is_listed(after))


def _article_is_listed(article_id: int, article=None) -> bool:
    from .models import Article

    if article is not None and article.pk == article_id:
        return is_listed(listing_state(article))
    state = Article.all_objects.filter(pk=article_id).values(*LISTING_FIELDS).first()
    return state is not None and is_listed(state)


def byline_changed(sender, instance, **kwargs) -> None:
    article = instance._state.fields_cache.get("article")
    tags = {article_tag(instance.article_id)}
    if _article_is_listed(instance.article_id, article):
        tags |= {author_list_tag(instance.author_id), EVERYTHING}
    invalidate(*tags)


def article_tags_changed(sender, instance, action, pk_set=None, **kwargs) -> None:
    from .models import Article

    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not isinstance(instance, Article):
        return  # from the tag's side: the tag's own handler covers it
    if action == "pre_clear":
        pk_set = set(instance.tags.values_list("pk", flat=True))
    tags = {article_tag(instance.pk)}
    if _article_is_listed(instance.pk, instance):
        tags |= {tag_list_tag(pk) for pk in pk_set or ()} | {EVERYTHING}
    invalidate(*tags)


def author_changed(sender, instance, **kwargs) -> None:
    from .models import Byline

    tags = {author_tag(instance.pk), author_list_tag(instance.pk)}
    before = getattr(instance, "_loaded_public", None)
    if before != (instance.is_active, instance.slug):
        # Its page appears or goes (a 404 names nothing), and so do its
        # bylines on every piece (Byline.objects.public()): rare enough to
        # name each piece.
        tags.add(EVERYTHING)
        if instance.pk and before is not None:
            pieces = Byline.objects.filter(author=instance).values_list(
                "article_id", flat=True
            )
            tags.update(article_tag(pk) for pk in pieces)
    instance._loaded_public = (instance.is_active, instance.slug)
    invalidate(*tags)


def _touches(tags_of: Callable) -> Callable:
    """A receiver invalidating `tags_of(instance)`."""

    def receiver(sender, instance, **kwargs) -> None:
        invalidate(*tags_of(instance))

    return receiver


def connect() -> None:
    from taggit.models import Tag

    from agency.models import FollowLink
    from authors.models import Author, ExpertiseLine, SocialLink
    from headlines.models import CuratedItem, CuratedList, TickerItem
    from images.models import Image, Rendition

    from .models import (
        Article,
        Byline,
        Correction,
        RelatedArticle,
        Section,
        SlugRedirect,
    )

    registry: dict[type, Callable] = {
        Article: article_changed,
        Byline: byline_changed,
        Correction: _touches(lambda c: [article_tag(c.article_id)]),
        RelatedArticle: _touches(lambda r: [related_tag(r.article_id)]),
        SlugRedirect: _touches(lambda r: [EVERYTHING]),
        Section: _touches(lambda s: [SECTIONS, EVERYTHING]),
        Tag: _touches(lambda t: [topic_tag(t.pk), tag_list_tag(t.pk), EVERYTHING]),
        Author: author_changed,
        ExpertiseLine: _touches(lambda e: [author_tag(e.author_id)]),
        SocialLink: _touches(lambda s: [author_tag(s.author_id)]),
        Image: _touches(lambda i: [image_tag(i.pk)]),
        Rendition: _touches(lambda r: [image_tag(r.image_id)]),
        TickerItem: _touches(lambda t: [TICKER, EVERYTHING]),
        CuratedList: _touches(lambda c: [CURATED, EVERYTHING]),
        CuratedItem: _touches(lambda c: [CURATED, EVERYTHING]),
        FollowLink: _touches(lambda f: [FOLLOW_US]),
    }
    for model, receiver in registry.items():
        uid = f"invalidate_{model._meta.label_lower}"
        # Strong references: the receivers made by _touches live nowhere else.
        post_save.connect(
            receiver, sender=model, weak=False, dispatch_uid=f"{uid}_save"
        )
        post_delete.connect(
            receiver, sender=model, weak=False, dispatch_uid=f"{uid}_delete"
        )
    m2m_changed.connect(
        article_tags_changed, sender=Article.tags.through, dispatch_uid="invalidate_m2m"
    )
    pages.on_undeclared_page(every_clock)
