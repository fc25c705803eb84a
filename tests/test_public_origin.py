"""Absolute links start at the public origin (common/origin.py): SITE_URL
in production, the address the page was asked at in development, so that
`PORT=8080 make demo` links to 8080 (issue #16)."""

from __future__ import annotations

import re
from urllib.parse import unquote

import feedparser
import pytest

from tests.factories import ArticleFactory, AuthorFactory, ImageFactory
from tests.project.procs import clean_env, production_env, read_settings

DEMO = "127.0.0.1:8080"
OTHER = "localhost:9000"


# Addresses of other sites a page links to: schema.org and the share targets.
ELSEWHERE = re.compile(
    r"https://(schema\.org|[^/\"]*(facebook|x|t|wa|linkedin)\.(com|me))\b"
)


def absolute_links(html: str) -> list[str]:
    """Every absolute address of this site a page hands out: canonical,
    hreflang, Open Graph, JSON-LD, copy-link, and the page address inside
    each share link (cut at `?`, `=` and `&`, which our addresses lack)."""
    links = re.findall(r'https?://[^"\s&<>?=]+', unquote(html))
    return [link for link in links if not ELSEWHERE.match(link)]


def page_links(client, article, host: str) -> list[str]:
    response = client.get(article.get_absolute_url(), HTTP_HOST=host)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-copy-link="' in html and "sharer.php?u=" in html
    return absolute_links(html)


@pytest.fixture
def development(settings):
    """DEBUG without SITE_URL, as `make demo` runs."""
    settings.SITE_URL_FOLLOWS_REQUEST = True
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]


@pytest.fixture
def article(db):
    piece = ArticleFactory(
        authors=[AuthorFactory()], hero_image=ImageFactory(), headline="Port test"
    )
    ArticleFactory(language="ru", translation_of=piece)
    return piece


# Settings, read in a fresh interpreter as the server would


def test_development_follows_the_request_and_knows_its_port(tmp_path):
    env = clean_env(
        DEBUG="true",
        PORT="8080",
        DATABASE_URL=f"sqlite:///{tmp_path / 'dev.sqlite3'}",
        NEWSROOM_VAR_DIR=str(tmp_path / "var"),
    )
    values = read_settings(env, "SITE_URL", "SITE_URL_FOLLOWS_REQUEST")
    assert values == {
        "SITE_URL": "http://127.0.0.1:8080",
        "SITE_URL_FOLLOWS_REQUEST": True,
    }


@pytest.mark.parametrize("debug", ["true", ""])
def test_a_configured_site_url_is_kept(tmp_path, debug):
    """Production, or a developer who set SITE_URL: links never follow Host."""
    env = production_env(
        tmp_path, SITE_URL="https://news.example.org/", DEBUG=debug, PORT="8080"
    )
    values = read_settings(env, "SITE_URL", "SITE_URL_FOLLOWS_REQUEST")
    assert values == {
        "SITE_URL": "https://news.example.org",
        "SITE_URL_FOLLOWS_REQUEST": False,
    }


# Pages, feeds and robots.txt


@pytest.mark.django_db
def test_article_links_follow_the_served_address_in_development(
    client, development, article
):
    links = page_links(client, article, DEMO)
    page = f"http://{DEMO}{article.get_absolute_url()}"
    # canonical, og:url, hreflang, three in JSON-LD, copy-link, six share links
    assert links.count(page) >= 13
    assert all(link.startswith(f"http://{DEMO}/") for link in links), links


@pytest.mark.django_db
@pytest.mark.usefixtures("fragment_cache")
def test_a_cached_story_is_not_shared_between_addresses(client, development, article):
    """The story part is cached across pages; one address must not hand its
    links to a reader of another."""
    page_links(client, article, DEMO)
    links = page_links(client, article, OTHER)
    assert all(link.startswith(f"http://{OTHER}/") for link in links), links
    again = page_links(client, article, DEMO)
    assert all(link.startswith(f"http://{DEMO}/") for link in again), again


@pytest.mark.django_db
def test_production_links_keep_site_url_whatever_the_host(client, settings, article):
    settings.SITE_URL = "https://news.example.org"
    settings.ALLOWED_HOSTS = ["internal.example", "testserver"]
    links = page_links(client, article, "internal.example")
    assert all(link.startswith("https://news.example.org/") for link in links), links


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_ids_and_enclosures_follow_the_served_address(
    client, development, article, kind
):
    response = client.get(f"/en/feeds/{kind}/", HTTP_HOST=DEMO)
    entry = feedparser.parse(response.content).entries[0]
    assert entry.id == f"http://{DEMO}{article.get_absolute_url()}"
    assert entry.link == f"http://{DEMO}{article.get_absolute_url()}"
    enclosures = [link.href for link in entry.links if link.rel == "enclosure"]
    assert enclosures and enclosures[0].startswith(f"http://{DEMO}/media/")


@pytest.mark.django_db
def test_feed_ids_keep_site_url_in_production(client, settings, article):
    settings.SITE_URL = "https://news.example.org"
    settings.ALLOWED_HOSTS = ["internal.example", "testserver"]
    response = client.get("/en/feeds/rss/", HTTP_HOST="internal.example")
    entry = feedparser.parse(response.content).entries[0]
    assert entry.id == f"https://news.example.org{article.get_absolute_url()}"


@pytest.mark.django_db
def test_robots_txt_sitemaps_follow_the_served_address(client, development):
    body = client.get("/robots.txt", HTTP_HOST=DEMO).content.decode()
    sitemaps = [line for line in body.splitlines() if line.startswith("Sitemap:")]
    assert len(sitemaps) == 6
    assert all(line.startswith(f"Sitemap: http://{DEMO}/") for line in sitemaps)


@pytest.mark.django_db
def test_edition_homes_hreflang_follow_the_served_address(client, development):
    html = client.get("/en/", HTTP_HOST=DEMO).content.decode()
    hreflang = re.findall(r'hreflang="[^"]+" href="([^"]+)"', html)
    assert f"http://{DEMO}/" in hreflang and len(hreflang) == 4
    assert all(link.startswith(f"http://{DEMO}/") for link in hreflang)
