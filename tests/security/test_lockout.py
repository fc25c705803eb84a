"""Login lockout: guessing is stopped, a named user is never locked out by
strangers elsewhere (#17, item 7). The policy is common/lockout.py."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from common import client_ip as client_ip_module
from common.client_ip import client_ip

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
ATTACKER = "203.0.113.7"
HOME = "198.51.100.20"


def attempt(client, username: str, password: str, ip: str, **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
        **extra,
    )


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_user(
        "chief", password="right-horse-battery", is_staff=True
    )


def spray(client, ip: str) -> None:
    """Wrong passwords from one address on many usernames, each kept under
    the per-username limit, until the address has its limit of failures."""
    per_name = settings.AXES_FAILURE_LIMIT - 1
    names = -(-settings.LOGIN_FAILURES_PER_ADDRESS // per_name)
    for n in range(names):
        for _ in range(per_name):
            attempt(client, f"staff{n}", "guess", ip)


def test_one_address_guessing_across_usernames_is_locked(client, chief):
    spray(client, ATTACKER)
    refused = attempt(client, "chief", "right-horse-battery", ATTACKER)
    assert refused.status_code == 429
    assert "Sign-in temporarily locked" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # Only that address waits: the chief signs in from anywhere else.
    assert attempt(client, "chief", "right-horse-battery", HOME).status_code == 302


def test_the_failure_reaching_the_address_limit_is_refused_at_once(client):
    limit = settings.LOGIN_FAILURES_PER_ADDRESS
    for n in range(limit - 1):
        assert attempt(client, f"staff{n}", "guess", ATTACKER).status_code == 200
    assert attempt(client, "one-more", "guess", ATTACKER).status_code == 429


def test_an_address_lock_ends_after_the_cool_off(client, chief):
    spray(client, ATTACKER)
    with time_machine.travel(
        timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
    ):
        allowed = attempt(client, "chief", "right-horse-battery", ATTACKER)
    assert allowed.status_code == 302


def test_strangers_everywhere_cannot_lock_out_a_named_user(client, chief):
    """Locked guessers at many addresses, and more guessing just under the
    limit at others: the chief still signs in from the newsroom."""
    for n in range(3):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            attempt(client, "chief", "guess", f"192.0.2.{n}")
        assert attempt(client, "chief", "guess", f"192.0.2.{n}").status_code == 429
    for n in range(10, 20):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            attempt(client, "chief", "guess", f"192.0.2.{n}")
    assert attempt(client, "chief", "right-horse-battery", HOME).status_code == 302


def test_signing_in_to_ones_own_account_buys_no_fresh_guesses(
    client, chief, django_user_model
):
    django_user_model.objects.create_user("mole", password="mole-pass", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "chief", "guess", ATTACKER)
    assert attempt(client, "mole", "mole-pass", ATTACKER).status_code == 302
    client.logout()
    assert attempt(client, "chief", "guess", ATTACKER).status_code == 429


def test_a_forwarded_header_without_a_trusted_proxy_is_reported_once(
    client, chief, settings, caplog, monkeypatch
):
    """Behind a proxy with TRUSTED_PROXY_COUNT=0 everyone shares the proxy's
    address; the first request that shows a proxy says so in the log."""
    settings.TRUSTED_PROXY_COUNT = 0
    monkeypatch.setattr(client_ip_module, "_warned_of_forwarding", False)
    with caplog.at_level(logging.WARNING, logger="common.client_ip"):
        for _ in range(2):
            attempt(client, "chief", "guess", "10.0.0.2", HTTP_X_FORWARDED_FOR=ATTACKER)
    warnings = [r for r in caplog.records if r.name == "common.client_ip"]
    assert len(warnings) == 1
    assert "TRUSTED_PROXY_COUNT is 0" in warnings[0].getMessage()


def test_no_warning_without_forwarding_or_with_the_proxy_counted(
    rf, settings, caplog, monkeypatch
):
    monkeypatch.setattr(client_ip_module, "_warned_of_forwarding", False)
    with caplog.at_level(logging.WARNING, logger="common.client_ip"):
        settings.TRUSTED_PROXY_COUNT = 0
        client_ip(rf.get("/", REMOTE_ADDR="192.0.2.1"))
        settings.TRUSTED_PROXY_COUNT = 1
        client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=ATTACKER))
    assert not [r for r in caplog.records if r.name == "common.client_ip"]


def test_a_forwarded_entry_that_is_not_an_address_is_not_believed(rf, settings):
    """Only a miscounted chain lets a client's text through; the
    connection's address is used instead of storing junk."""
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="' OR 1=1 --, 10.0.0.9"
    )
    assert client_ip(request) == "10.0.0.2"
