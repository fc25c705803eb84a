"""Accounts: password guessing is locked out, staff sessions end."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def attempt(client, username: str, password: str, ip: str = "192.0.2.10"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_user(
        "chief", password="right-horse-battery", is_staff=True
    )


def test_wrong_passwords_lock_the_account_for_that_address(client, chief):
    """After AXES_FAILURE_LIMIT failures even the right password is refused,
    with a page that says why; the lock ends after the cool-off."""
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        response = attempt(client, "chief", "guess")
        assert response.status_code == 200  # the form again, with an error

    locked = attempt(client, "chief", "guess")
    assert locked.status_code == 429
    assert "Sign-in temporarily locked" in locked.content.decode()

    refused = attempt(client, "chief", "right-horse-battery")
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session

    with time_machine.travel(
        timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
    ):
        allowed = attempt(client, "chief", "right-horse-battery")
    assert allowed.status_code == 302
    assert allowed["Location"] == "/admin/"


def test_lockout_is_per_username_and_address(client, chief, django_user_model):
    """A guesser locks one account from one address, not the whole newsroom."""
    django_user_model.objects.create_user("desk", password="other-horse", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "chief", "guess")
    assert attempt(client, "chief", "right-horse-battery").status_code == 429

    assert attempt(client, "desk", "other-horse").status_code == 302
    client.logout()
    other_address = attempt(client, "chief", "right-horse-battery", ip="198.51.100.7")
    assert other_address.status_code == 302


def test_a_successful_login_clears_earlier_failures(client, chief):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "chief", "guess")
    assert attempt(client, "chief", "right-horse-battery").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "chief", "guess").status_code == 200


def test_staff_sessions_expire_within_a_working_day(client, chief):
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    attempt(client, "chief", "right-horse-battery")
    assert client.get("/admin/").status_code == 200
    with time_machine.travel(
        timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE + 1)
    ):
        assert client.get("/admin/").status_code == 302


def test_reader_pages_set_no_cookies(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert not response.cookies
