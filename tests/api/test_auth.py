"""Bearer keys: only a digest is stored, and only live keys get in."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from api.keys import authenticate, issue_key, revoke_key
from api.models import ApiKey

from .conftest import LIST_URL, item_url

pytestmark = pytest.mark.django_db


def assert_unauthorized(response, error: str) -> None:
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer ")
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"] == error


@pytest.mark.parametrize("url", [LIST_URL, item_url(1)])
def test_no_key_is_401_with_a_bearer_challenge(client, url):
    assert_unauthorized(client.get(url), "unauthorized")


def test_other_schemes_are_not_keys(client, api_key):
    response = client.get(LIST_URL, HTTP_AUTHORIZATION=f"Basic {api_key[1]}")
    assert_unauthorized(response, "unauthorized")


@pytest.mark.parametrize("key", ["nrk_wrong", "", "x" * 200])
def test_unknown_key_is_401(client, api_key, key):
    response = client.get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert_unauthorized(response, "invalid_token")
    assert 'error="invalid_token"' in response["WWW-Authenticate"]


def test_a_key_that_shares_the_prefix_is_still_wrong(client, api_key):
    _obj, key = api_key
    response = client.get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {key[:-1]}x")
    assert_unauthorized(response, "invalid_token")


def test_revoked_key_is_401(api, api_key):
    assert api.get(LIST_URL).status_code == 200
    assert revoke_key(api_key=api_key[0]) is True
    assert_unauthorized(api.get(LIST_URL), "invalid_token")
    assert revoke_key(api_key=api_key[0]) is False


def test_inactive_subscriber_is_401(api, subscriber):
    subscriber.is_active = False
    subscriber.save()
    assert_unauthorized(api.get(LIST_URL), "invalid_token")


def test_good_key_is_200_and_marks_the_key_used(api, api_key):
    response = api.get(LIST_URL)
    assert response.status_code == 200
    assert response.json() == {"items": [], "next": None}
    assert response["Cache-Control"] == "private, no-store"
    assert "Authorization" in response["Vary"]
    assert ApiKey.objects.get(pk=api_key[0].pk).last_used_at is not None


def test_scheme_is_case_insensitive(client, api_key):
    response = client.get(LIST_URL, HTTP_AUTHORIZATION=f"bearer {api_key[1]}")
    assert response.status_code == 200


def test_only_get_is_allowed(api):
    response = api.post(LIST_URL)
    assert response.status_code == 405
    assert "GET" in response["Allow"]


def test_only_a_digest_and_a_prefix_are_stored(subscriber):
    api_key, key = issue_key(subscriber=subscriber, by=None)
    assert key.startswith("nrk_") and len(key) > 40
    stored = ApiKey.objects.filter(pk=api_key.pk).values().get()
    assert stored["digest"] == hashlib.sha256(key.encode()).hexdigest()
    assert stored["prefix"] == key[:12]
    assert key not in {str(value) for value in stored.values()}
    assert authenticate(key) == api_key


def test_every_key_is_different(subscriber):
    keys = {issue_key(subscriber=subscriber, by=None)[1] for _ in range(20)}
    assert len(keys) == 20


def test_last_use_is_written_at_most_every_few_minutes(
    subscriber, django_assert_num_queries
):
    api_key, key = issue_key(subscriber=subscriber, by=None)
    with django_assert_num_queries(2):  # lookup + first use
        authenticate(key)
    with django_assert_num_queries(1):
        authenticate(key)
    ApiKey.objects.filter(pk=api_key.pk).update(
        last_used_at=timezone.now() - timedelta(hours=1)
    )
    with django_assert_num_queries(2):
        authenticate(key)
