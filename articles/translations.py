"""Translation groups: the same story in several languages.

An original piece has ``translation_of`` empty; each translation points at
the original, so a group is the original plus everything pointing at it.
Each version keeps its own workflow state and schedule.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from editions import name as edition_name

from .models import Article, Byline, unique_slug


def group_q(group_ids: Iterable[int]) -> Q:
    ids = list(group_ids)
    return Q(pk__in=ids) | Q(translation_of__in=ids)


def published_versions(articles: Iterable[Article]) -> dict[int, list[Article]]:
    """For each article's group id, its published versions ordered by
    language, in one query: the page's hreflang links and switcher, and
    the sitemap's alternates."""
    return published_versions_of({article.translation_group_id for article in articles})


def published_versions_of(group_ids: Iterable[int]) -> dict[int, list[Article]]:
    """Each group's published versions ordered by language, in one query."""
    group_ids = set(group_ids)
    if not group_ids:
        return {}
    versions: dict[int, list[Article]] = {group_id: [] for group_id in group_ids}
    for version in (
        Article.objects.published()
        .filter(group_q(group_ids))
        .only("pk", "slug", "language", "translation_of")
        .order_by("language")
    ):
        versions[version.translation_group_id].append(version)
    return versions


def with_translation_flag(articles: QuerySet[Article]) -> QuerySet[Article]:
    """Each row's `has_translations`: whether any version was made from it.

    With the row's own `translation_of`, this tells whether the story has
    other versions at all, so most article pages (a story in one language)
    skip looking for them. An EXISTS on the `translation_of` index costs
    less to compile and run than fetching the versions themselves."""
    return articles.annotate(
        has_translations=Exists(
            Article.all_objects.filter(translation_of=OuterRef("pk"))
        )
    )


def version_urls(article: Article) -> dict[str, str]:
    """Language -> address of each published version of `article`'s story
    (itself included when published): one query, none for a story that
    `with_translation_flag()` found in one language only."""
    if article.translation_of_id is None and not getattr(
        article, "has_translations", True
    ):
        pairs = [(article.language, article.slug)] if article.is_published() else []
    else:
        versions = published_versions([article])[article.translation_group_id]
        pairs = [(version.language, version.slug) for version in versions]
    urls = {}
    for language, slug in pairs:
        with translation.override(language):
            urls[language] = reverse("articles:detail", kwargs={"slug": slug})
    return urls


def all_versions(article: Article) -> list[Article]:
    """Every version in the group, in any state, for the admin."""
    return list(
        Article.objects.filter(group_q([article.translation_group_id]))
        .select_related("section")
        .order_by("language")
    )


# What each version of a story owns rather than copies from the original:
# its address, its language and its group, and its search-engine texts,
# which when empty fall back to the translated headline and lead instead of
# showing the original's language.
NOT_COPIED = ("slug", "language", "translation_of_id", "seo_title", "seo_description")
COPIED = tuple(name for name in Article.CONTENT_FIELDS if name not in NOT_COPIED)


class TranslationExists(Exception):
    def __init__(self, existing: Article):
        message = (
            _("The %(language)s version is in the trash: “%(headline)s”. Restore it.")
            if existing.deleted_at
            else _("The %(language)s version already exists: “%(headline)s”.")
        )
        super().__init__(
            message
            % {
                "language": edition_name(existing.language),
                "headline": existing.headline,
            }
        )
        self.existing = existing


def start_translation(original: Article, language: str, user) -> Article:
    """A new draft in `language` copying the story, for a translator to work
    on (`actions.StartTranslation`: only for someone who may add pieces)."""
    from .actions import StartTranslation

    return StartTranslation(original, language=language, by=user).execute()


def copy_story(original: Article, language: str, user) -> Article:
    """The copy itself, inside `actions.StartTranslation`'s transaction.

    The copy keeps the section, tags, markers, bylines and picture; the
    related pieces and the schedule are the translation's own business.
    """
    group_id = original.translation_group_id
    # The trash too: a deleted version still holds its language's place.
    existing = (
        Article.all_objects.select_for_update()
        .filter(group_q([group_id]), language=language)
        .first()
    )
    if existing is not None:
        raise TranslationExists(existing)
    copy = Article(
        **{name: getattr(original, name) for name in COPIED},
        language=language,
        translation_of_id=group_id,
        created_by=user,
    )
    copy.slug = unique_slug(f"{original.slug}-{language}")
    try:
        with transaction.atomic():
            copy.save()
    except IntegrityError:
        # Someone started the same translation a moment ago (the unique
        # constraint on group and language): send them both to that one.
        raise TranslationExists(
            Article.all_objects.get(group_q([group_id]), language=language)
        ) from None
    copy.tags.set(list(original.tags.all()))
    Byline.objects.bulk_create(
        Byline(
            article=copy,
            author_id=byline.author_id,
            position=byline.position,
            published_at=copy.published_at,
        )
        for byline in original.bylines.all()
    )
    return copy
