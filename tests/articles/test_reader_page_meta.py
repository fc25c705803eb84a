"""What machines read off a reader page and the feeds (issue #16): partner
pieces credited to the partner, Open Graph locales, and a favicon."""

from __future__ import annotations

import io
import json
import re

import feedparser
import pytest
from PIL import Image

from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

PARTNER = "Acme Bank"


def news_article(html: str) -> dict:
    blocks = [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S
        )
    ]
    return next(block for block in blocks if block["@type"] == "NewsArticle")


def meta(html: str, key: str) -> list[str]:
    return re.findall(
        rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html
    )


# Partner content


def test_partner_piece_is_credited_to_the_partner_in_json_ld(client, settings):
    """Not to the agency: the page says the piece is not its reporting."""
    article = ArticleFactory(is_sponsored=True, partner_name=PARTNER)
    data = news_article(client.get(article.get_absolute_url()).content.decode())
    partner = {"@type": "Organization", "name": PARTNER}
    assert data["author"] == [partner]
    assert data["sponsor"] == partner
    # The agency still publishes it.
    assert data["publisher"]["name"] == settings.SITE_NAME


def test_partner_piece_with_a_byline_credits_the_partner_first(client):
    writer = AuthorFactory(name="Kamala Aliyeva")
    article = ArticleFactory(is_sponsored=True, partner_name=PARTNER, authors=[writer])
    data = news_article(client.get(article.get_absolute_url()).content.decode())
    assert [(a["@type"], a["name"]) for a in data["author"]] == [
        ("Organization", PARTNER),
        ("Person", "Kamala Aliyeva"),
    ]


def test_agency_piece_without_byline_is_still_the_agencys(client, settings):
    article = ArticleFactory()
    data = news_article(client.get(article.get_absolute_url()).content.decode())
    assert [a["name"] for a in data["author"]] == [settings.SITE_NAME]
    assert "sponsor" not in data


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_partner_piece_is_credited_to_the_partner_in_feeds(client, settings, kind):
    """The ® stays before the headline; the author is the partner."""
    ArticleFactory(
        headline="Rail freight to Europe", is_sponsored=True, partner_name=PARTNER
    )
    writer = AuthorFactory(name="Kamala Aliyeva")
    ArticleFactory(
        headline="Bank opens branches",
        is_sponsored=True,
        partner_name=PARTNER,
        authors=[writer],
    )
    ArticleFactory(headline="Agency story")
    feed = feedparser.parse(client.get(f"/en/feeds/{kind}/").content)
    by_title = {entry.title: entry for entry in feed.entries}
    partner = by_title[f"® Rail freight to Europe ({PARTNER})"]
    assert partner.author == PARTNER
    bylined = by_title[f"® Bank opens branches ({PARTNER})"]
    assert bylined.author == f"{PARTNER}, Kamala Aliyeva"
    assert by_title["Agency story"].author == settings.SITE_NAME


# Open Graph locales


@pytest.mark.parametrize(
    ("language", "locale"), [("en", "en_US"), ("az", "az_AZ"), ("ru", "ru_RU")]
)
def test_og_locale_names_language_and_territory(client, language, locale):
    article = ArticleFactory(language=language)
    html = client.get(article.get_absolute_url()).content.decode()
    assert meta(html, "og:locale") == [locale]


def test_og_locale_alternates_are_the_other_published_editions(client):
    original = ArticleFactory(language="en")
    ArticleFactory(language="ru", translation_of=original)
    ArticleFactory(language="az", translation_of=original, draft=True)
    html = client.get(original.get_absolute_url()).content.decode()
    assert meta(html, "og:locale") == ["en_US"]
    # The Azerbaijani draft is not public: no alternate for it.
    assert meta(html, "og:locale:alternate") == ["ru_RU"]


def test_a_piece_in_one_edition_has_no_og_locale_alternate(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert meta(html, "og:locale:alternate") == []


# Favicon


def test_favicon_is_served(client, django_assert_num_queries):
    """Browsers ask every site for /favicon.ico; a 404 is a console error."""
    with django_assert_num_queries(0):
        response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "public" in response["Cache-Control"]
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32)} <= icon.info["sizes"]


def test_pages_link_the_favicon(client):
    article = ArticleFactory()
    for url in ("/en/", article.get_absolute_url()):
        html = client.get(url).content.decode()
        assert re.search(r'<link rel="icon" href="/favicon\.ico"', html), url
