"""The editor's desk: what is waiting for whom, counted, with the notes.

The desk page and the article change list both read from here, so a piece
shows the same byline and the same note to the desk in both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import workflow
from .models import Article, Byline, Transition
from .querysets import ArticleQuerySet

# Rows shown per list; the heading gives the real count and links to the rest.
ROWS = 20

# The steps whose comment is addressed to the other side of the desk: the
# writer's note when submitting, the editor's reason when returning.
NOTE_ACTIONS = ("submit", "return_to_author")


def with_desk_view(queryset: ArticleQuerySet) -> ArticleQuerySet:
    """Bylines (authors' names, in order) and the latest note to the desk.

    The bylines come in one extra query whatever the number of rows, and
    the note is a subquery of the rows' own query: a list costs the same
    number of queries for 1 row as for 20.
    """
    latest_note = (
        Transition.objects.filter(article=OuterRef("pk"), action__in=NOTE_ACTIONS)
        .exclude(comment="")
        .order_by("-at", "-pk")
        .values("comment")[:1]
    )
    return queryset.annotate(desk_note=Subquery(latest_note)).prefetch_related(
        Prefetch(
            "bylines",
            queryset=Byline.objects.select_related("author").order_by("position", "pk"),
        )
    )


def byline_names(article: Article) -> str:
    """The credited authors' names, from `with_desk_view`'s prefetch."""
    return ", ".join(byline.author.name for byline in article.bylines.all())


@dataclass
class DeskList:
    title: str
    articles: list[Article]
    count: int
    url: str


def _changelist(**params: str) -> str:
    return f"{reverse('admin:articles_article_changelist')}?{urlencode(params)}"


def desk_lists(
    user: AbstractBaseUser, *, now: datetime, language: str = ""
) -> list[DeskList]:
    """The desk's lists for `user`, each with its real count and full list.

    `language` narrows every list to one edition ("" for all of them).
    """
    base = Article.objects.select_related("section").defer("body")
    params: dict[str, str] = {}
    if language:
        base = base.filter(language=language)
        params["language__exact"] = language
    mine = Q(created_by=user) | Q(bylines__author__user=user)
    soon = now + timedelta(hours=24)
    day_ago = now - timedelta(hours=24)
    lists: list[tuple[str, ArticleQuerySet, dict[str, str]]] = []
    if workflow.is_editor(user) or user.has_perm("articles.review_article"):
        lists.append((
            _("Waiting for review"),
            base.filter(status=Article.Status.SUBMITTED).order_by("updated_at"),
            {"status__exact": Article.Status.SUBMITTED},
        ))  # fmt: skip
    lists += [
        (_("Returned to me"),
         base.filter(mine, status=Article.Status.RETURNED).distinct()
         .order_by("-updated_at"),
         {"status__exact": Article.Status.RETURNED}),
        (_("My drafts"),
         base.filter(mine, status=Article.Status.DRAFT).distinct()
         .order_by("-updated_at"),
         {"status__exact": Article.Status.DRAFT}),
        (_("Scheduled in the next 24 hours"),
         base.scheduled(at=now).filter(published_at__lte=soon)
         .order_by("published_at"),
         {"status__exact": Article.Status.PUBLISHED,
          "published_at__gte": now.isoformat(), "published_at__lt": soon.isoformat()}),
        (_("Published in the last 24 hours"),
         base.published(at=now).filter(published_at__gt=day_ago)
         .order_by("-published_at"),
         {"status__exact": Article.Status.PUBLISHED,
          "published_at__gte": day_ago.isoformat(),
          "published_at__lt": now.isoformat()}),
        (_("Recently killed"),
         base.filter(status=Article.Status.KILLED).order_by("-killed_at"),
         {"status__exact": Article.Status.KILLED}),
    ]  # fmt: skip
    return [
        DeskList(
            title=str(title),
            articles=list(with_desk_view(queryset)[:ROWS]),
            count=queryset.count(),
            url=_changelist(**params, **filters),
        )
        for title, queryset, filters in lists
    ]
