"""Preview links for people without an account: signed, expiring, revocable.

The URL carries a signature of the link's id, so it cannot be guessed or
forged; the row holds the expiry and the revocation, so an editor can end a
link early. A kill or a move to the trash ends every link of the piece
(`revoke_all`, called by the workflow), and a link never shows a piece
readers may no longer see, whatever its row says: a link made before that
rule, or one whose revocation failed, still answers 410 or 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from .models import Article, PreviewLink

SALT = "articles.preview-link"


class PreviewGone(Exception):
    """The link's piece was withdrawn from readers: killed, or in the trash
    after being public (410 Gone, as its reader page answers)."""


def default_lifetime() -> timedelta:
    return timedelta(hours=settings.PREVIEW_LINK_HOURS)


def create_preview_link(
    article: Article,
    *,
    by: AbstractBaseUser,
    valid_for: timedelta | None = None,
    note: str = "",
) -> PreviewLink:
    return PreviewLink.objects.create(
        article=article,
        created_by=by,
        expires_at=timezone.now() + (valid_for or default_lifetime()),
        note=note,
    )


def token_for(link: PreviewLink) -> str:
    return signing.dumps(link.pk, salt=SALT)


def preview_url(link: PreviewLink, request: HttpRequest | None = None) -> str:
    path = reverse("preview", kwargs={"token": token_for(link)})
    return request.build_absolute_uri(path) if request else path


def resolve(token: str) -> PreviewLink | None:
    """The valid link behind a token, or None if forged, expired, revoked,
    purged with its piece, or its piece is in the trash without ever having
    been public. Raises `PreviewGone` when the piece was withdrawn from
    readers, whatever the link's own state."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    link = (
        PreviewLink.objects.select_related("article")
        .annotate(
            gone=Exists(Article.all_objects.gone().filter(pk=OuterRef("article_id")))
        )
        .filter(pk=pk)
        .first()
    )
    if link is None:
        return None
    if link.gone:
        raise PreviewGone
    if link.article.deleted_at is not None or not link.is_valid():
        return None
    return link


def revoke_all(articles: Iterable[Article]) -> int:
    """End every preview link of `articles` still open; the number ended.

    A withdrawn piece (killed, or moved to the trash) must not stay readable
    through a link sent out before; restoring a piece does not bring its
    links back, an editor makes new ones."""
    return PreviewLink.objects.filter(
        article__in=[article.pk for article in articles], revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
