"""Each key gets API_RATE_LIMIT requests a minute, counted in the cache."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import override_settings

from api import ratelimit
from api.keys import issue_key

from .conftest import LIST_URL

pytestmark = pytest.mark.django_db

# Twenty seconds into a minute, so the window cannot roll over mid-test.
START = datetime(2025, 5, 1, 8, 0, 20, tzinfo=UTC)


@override_settings(API_RATE_LIMIT=3)
def test_over_the_limit_is_429_with_retry_after(api):
    with time_machine.travel(START, tick=False):
        for remaining in (2, 1, 0):
            response = api.get(LIST_URL)
            assert response.status_code == 200
            assert response["RateLimit-Limit"] == "3"
            assert response["RateLimit-Remaining"] == str(remaining)
        response = api.get(LIST_URL)
    assert response.status_code == 429
    assert response.json()["error"] == "rate_limited"
    assert response["Retry-After"] == "40"
    assert response["RateLimit-Remaining"] == "0"


@override_settings(API_RATE_LIMIT=1)
def test_the_next_minute_starts_afresh(api):
    with time_machine.travel(START, tick=False) as clock:
        assert api.get(LIST_URL).status_code == 200
        assert api.get(LIST_URL).status_code == 429
        clock.shift(timedelta(seconds=40))
        assert api.get(LIST_URL).status_code == 200


@override_settings(API_RATE_LIMIT=1)
def test_each_key_has_its_own_count(api, client, subscriber):
    _other, other_key = issue_key(subscriber=subscriber, by=None)
    with time_machine.travel(START, tick=False):
        assert api.get(LIST_URL).status_code == 200
        assert api.get(LIST_URL).status_code == 429
        response = client.get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {other_key}")
        assert response.status_code == 200


@override_settings(API_RATE_LIMIT=1)
def test_requests_without_a_valid_key_are_not_counted(api, client):
    with time_machine.travel(START, tick=False):
        for _ in range(3):
            assert (
                client.get(LIST_URL, HTTP_AUTHORIZATION="Bearer nope").status_code
                == 401
            )
        assert api.get(LIST_URL).status_code == 200


@override_settings(API_RATE_LIMIT=0)
def test_zero_turns_the_limit_off(api):
    for _ in range(5):
        response = api.get(LIST_URL)
        assert response.status_code == 200
    assert "RateLimit-Limit" not in response


def test_default_limit_is_120_a_minute(settings):
    del settings.API_RATE_LIMIT
    assert ratelimit.limit() == 120
