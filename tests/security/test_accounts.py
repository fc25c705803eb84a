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


def test_behind_a_proxy_lockouts_follow_the_client_not_the_proxy(
    client, chief, settings
):
    """With TRUSTED_PROXY_COUNT set, one client's guesses lock out that
    client, not everyone behind the same load balancer; a forged
    X-Forwarded-For entry does not buy fresh attempts."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"

    def through_proxy(password: str, forwarded: str):
        return client.post(
            LOGIN,
            {"username": "chief", "password": password, "next": "/admin/"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for n in range(settings.AXES_FAILURE_LIMIT):
        # The attacker prepends a different fake address each time.
        through_proxy("guess", f"198.51.100.{n}, 203.0.113.7")
    assert through_proxy("right-horse-battery", "203.0.113.7").status_code == 429
    # Another reader behind the same proxy still logs in.
    other = through_proxy("right-horse-battery", "203.0.113.99")
    assert other.status_code == 302


def test_client_ip_trusts_only_the_configured_number_of_proxies(rf, settings):
    from common.client_ip import client_ip

    request = rf.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 2.2.2.2"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "2.2.2.2"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "1.1.1.1"
    settings.TRUSTED_PROXY_COUNT = 3  # fewer entries than proxies: no guess
    assert client_ip(request) == "10.0.0.2"
