"""Preview links for people without an account: signed, expiring, revocable.

The URL carries a signature of the link's id, so it cannot be guessed or
forged; the row holds the expiry and the revocation, so an editor can end a
link early.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from .models import Article, PreviewLink

SALT = "articles.preview-link"


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
    """The valid link behind a token, or None if forged, expired or revoked."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    link = PreviewLink.objects.select_related("article").filter(pk=pk).first()
    if link is None or not link.is_valid():
        return None
    return link
