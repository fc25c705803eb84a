"""The admin refuses a private address when it is saved, with a message
that says what to do; the worker's check at connection time is the guard."""

from __future__ import annotations

import pytest
from django.urls import reverse

from api.models import Subscriber
from ingest.models import Source
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db

MESSAGE = (
    "This address is on a private network; the newsroom only fetches from "
    "public addresses. Ask an administrator to add it to OUTBOUND_ALLOWED_HOSTS."
)

PRIVATE_URLS = [
    "http://localhost:6379/",
    "http://127.0.0.1:5432/",
    "http://169.254.169.254/latest/meta-data/",
    "https://10.0.0.8/admin/",
    "http://[::1]:8000/feed",
    "http://[::ffff:192.168.1.1]/",
]


def add_source(client, url: str):
    return client.post(
        reverse("admin:ingest_source_add"),
        {
            "name": "Partner agency",
            "kind": Source.Kind.RSS,
            "url": url,
            "api_key": "",
            "folder": "",
            "language": "en",
            "section": SectionFactory().pk,
            "poll_interval": 300,
            "enabled": "on",
        },
    )


def add_subscriber(client, url: str):
    return client.post(
        reverse("admin:api_subscriber_add"),
        {
            "name": "Daily Paper",
            "contact_email": "",
            "is_active": "on",
            "notes": "",
            "webhook_url": url,
            "webhook_format": "ninjs",
            "keys-TOTAL_FORMS": "0",
            "keys-INITIAL_FORMS": "0",
        },
    )


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_a_source_on_a_private_address_is_refused_on_save(client, editor, url):
    client.force_login(editor)
    response = add_source(client, url)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["url"] == [MESSAGE]
    assert not Source.objects.exists()


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_a_webhook_on_a_private_address_is_refused_on_save(client, editor, url):
    client.force_login(editor)
    response = add_subscriber(client, url)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["webhook_url"] == [MESSAGE]
    assert MESSAGE in response.content.decode()
    assert not Subscriber.objects.exists()


def test_other_schemes_are_refused_on_save(client, editor):
    client.force_login(editor)
    response = add_source(client, "ftp://wire.example/feed.xml")
    assert response.context["adminform"].form.errors["url"] == [
        "Only http and https addresses can be used."
    ]


def test_public_and_allowed_addresses_are_saved(client, editor, settings):
    """A host that does not resolve (yet) is saved: the worker checks it
    each time it connects."""
    client.force_login(editor)
    assert add_source(client, "https://wire.example/feed.xml").status_code == 302
    settings.OUTBOUND_ALLOWED_HOSTS = ["10.0.0.0/8"]
    add_subscriber(client, "https://10.0.0.8/hooks/")  # shows the new key
    assert Subscriber.objects.get().webhook_url == "https://10.0.0.8/hooks/"


def test_with_private_addresses_allowed_the_admin_saves_them(client, editor, settings):
    settings.OUTBOUND_ALLOW_PRIVATE = True
    client.force_login(editor)
    assert add_source(client, "http://127.0.0.1:8000/ru/feeds/rss/").status_code == 302
