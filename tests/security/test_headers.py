"""Security headers on reader pages and in the admin."""

from __future__ import annotations

import re

import pytest

from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_reader_article_has_the_strict_policy(client):
    article = ArticleFactory(section=SectionFactory(slug="economy"))
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    # The page may come from the shared page cache: no per-request nonce.
    assert policy["script-src"] == ["'self'"]
    blocks = re.findall(r"<script[^>]*>", response.content.decode())
    assert blocks == [
        '<script src="/static/js/site.js" defer>',
        '<script type="application/ld+json">',
        '<script type="application/ld+json">',
    ]


def test_admin_relaxes_styles_only(admin_client):
    policy = directives(admin_client.get("/admin/articles/article/add/"))
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-inline'" not in policy["script-src"]


def test_other_security_headers(client):
    response = client.get("/en/")
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
