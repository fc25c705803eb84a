"""robots.txt is public: it must not reveal a non-obvious admin path."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_robots_txt_does_not_publish_a_custom_admin_url(client, settings):
    settings.ADMIN_URL = "desk-7f3a9c/"
    body = client.get("/robots.txt").content.decode()
    assert "desk-7f3a9c" not in body
    # What is public knowledge anyway stays out of search engines.
    assert "Disallow: /preview/" in body
    assert "Disallow: /beacon/" in body
    assert "Disallow: /en/search/" in body
