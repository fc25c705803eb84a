"""API keys: making them, storing only their digest, and checking them.

Keys are 256-bit random tokens, so a plain SHA-256 digest is enough to store
them safely: a slow password hash defends guessable secrets, and nobody can
guess these. Rotating SECRET_KEY must not lock every subscriber out, so the
digest is not keyed with it either.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from .models import ApiKey, Subscriber

KEY_MARKER = "nrk_"
# Long enough to tell a subscriber's keys apart in the admin, far too short
# to help anyone guess the rest.
PREFIX_LENGTH = 12
# Saving the last use on every request would cost a write per call; once in
# this interval is precise enough to spot unused keys.
LAST_USED_PRECISION = timedelta(minutes=5)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def prefix(key: str) -> str:
    return key[:PREFIX_LENGTH]


def generate_key() -> str:
    """A new random key; the marker makes leaked keys easy to scan for."""
    return KEY_MARKER + secrets.token_urlsafe(32)


def assign_key(api_key: ApiKey, key: str | None = None) -> str:
    """Give the unsaved `api_key` a new key and return its clear text."""
    key = key or generate_key()
    api_key.prefix, api_key.digest = prefix(key), digest(key)
    return key


def issue_key(
    *,
    subscriber: Subscriber,
    by: AbstractBaseUser | None,
    label: str = "",
    key: str | None = None,
) -> tuple[ApiKey, str]:
    """Create a key for `subscriber` and return it with its clear text.

    The clear text exists only in the return value: show it once, it cannot
    be recovered. `key` fixes the text, for the demo's well-known key only.
    """
    api_key = ApiKey(subscriber=subscriber, label=label, created_by=by)
    key = assign_key(api_key, key)
    api_key.save()
    return api_key, key


def revoke_key(*, api_key: ApiKey) -> bool:
    """Stop `api_key` from working from now on; False if it already was revoked."""
    with transaction.atomic():
        updated = ApiKey.objects.filter(pk=api_key.pk, revoked_at=None).update(
            revoked_at=timezone.now()
        )
    api_key.refresh_from_db(fields=["revoked_at"])
    return bool(updated)


def authenticate(key: str) -> ApiKey | None:
    """The live key matching `key`, with its subscriber, or None.

    Candidates are found by prefix and compared in constant time, so neither
    the database index nor the comparison tells an attacker how much of a
    guess was right.
    """
    if not key:
        return None
    wanted = digest(key)
    found = None
    candidates = ApiKey.objects.select_related("subscriber").filter(
        prefix=prefix(key), revoked_at=None, subscriber__is_active=True
    )
    for candidate in candidates:
        if hmac.compare_digest(candidate.digest, wanted):
            found = candidate
    if found is not None:
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > (
            LAST_USED_PRECISION
        ):
            ApiKey.objects.filter(pk=found.pk).update(last_used_at=now)
            found.last_used_at = now
    return found
