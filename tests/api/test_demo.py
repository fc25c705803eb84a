"""The demo newsroom answers `curl -H 'Authorization: Bearer demo-key' …`."""

from __future__ import annotations

import hashlib

import pytest

from api.models import ApiKey, Subscriber
from devdata.demo import DEMO_API_KEY, ensure_demo_subscriber, load_demo_newsroom

from .conftest import LIST_URL, walk

pytestmark = pytest.mark.django_db


def test_demo_key_reads_the_demo_newsroom(client, validate):
    """One small load (the images' renditions are the slow part) covers the
    key, the stored digest and valid items made from the demo's content."""
    report = load_demo_newsroom(articles=20)
    assert report.created["API subscribers"] == 1
    api_key = ApiKey.objects.get(subscriber__name="Demo subscriber")
    assert api_key.digest == hashlib.sha256(b"demo-key").hexdigest()

    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {DEMO_API_KEY}"
    items = walk(client, LIST_URL, limit=50)
    assert len(items) >= 15
    for item in items:
        validate(item)
    assert any("associations" in item for item in items)
    assert any(item["language"] != "en" for item in items)

    # A second run adds nothing.
    assert ensure_demo_subscriber() is False
    assert Subscriber.objects.count() == 1
    assert ApiKey.objects.count() == 1


def test_demo_key_is_not_issued_outside_the_demo(client):
    response = client.get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {DEMO_API_KEY}")
    assert response.status_code == 401
