"""Feeds, sitemaps, robots.txt and structured data: each output follows its
standard and never carries a piece that is not published."""

import json
import re
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone
from lxml import etree

from articles import workflow
from articles.models import Article, Correction
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_set():
    section = SectionFactory(name="Economy", slug="economy")
    author = AuthorFactory(name="Leyla Mammadova", slug="leyla")
    live = ArticleFactory(
        headline="Gas exports grow",
        lead="Exports rose by a fifth.",
        section=section,
        authors=[author],
        hero_image=ImageFactory(),
    )
    live.tags.add("gas")
    Correction.objects.create(article=live, kind="correction", text="Fixed a figure")
    hidden = [
        ArticleFactory(headline="Draft piece", draft=True, section=section),
        ArticleFactory(
            headline="Scheduled piece",
            section=section,
            published_at=timezone.now() + timedelta(hours=2),
        ),
        ArticleFactory(headline="Killed piece", status="killed", section=section),
    ]
    for piece in hidden:
        piece.tags.add("gas")
        piece.bylines.create(author=author)
    return live, hidden


FEEDS = [
    "/en/feeds/rss/",
    "/en/feeds/atom/",
    "/en/feeds/section/economy/rss/",
    "/en/feeds/section/economy/atom/",
    "/en/feeds/tag/gas/rss/",
    "/en/feeds/tag/gas/atom/",
    "/en/feeds/author/leyla/rss/",
    "/en/feeds/author/leyla/atom/",
]


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_parse_cleanly_with_required_elements(client, published_set, url):
    live, _hidden = published_set
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title and feed.feed.link
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Gas exports grow"]
    entry = feed.entries[0]
    assert entry.link.endswith(live.get_absolute_url())
    assert entry.id.endswith(live.get_absolute_url())
    assert entry.published_parsed
    assert entry.author == "Leyla Mammadova"
    assert {tag.term for tag in entry.tags} == {"Economy", "gas"}
    assert "Exports rose by a fifth." in entry.summary
    assert "Fixed a figure" in entry.summary  # corrections travel with the item
    enclosures = [link for link in entry.links if link.rel == "enclosure"]
    assert enclosures and enclosures[0].type == "image/jpeg"
    assert int(enclosures[0].length) > 0


def test_feed_titles_carry_markers(client):
    ArticleFactory(headline="Quake", urgency=1, has_video=True)
    ArticleFactory(headline="Offer", is_sponsored=True, partner_name="Acme")
    titles = [
        e.title for e in feedparser.parse(client.get("/en/feeds/rss/").content).entries
    ]
    assert "Breaking: Quake VIDEO" in titles
    assert "® Offer (Acme)" in titles


def test_feeds_answer_conditional_requests(client, editor):
    article = ArticleFactory()
    first = client.get("/en/feeds/rss/")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/en/feeds/rss/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert (
        client.get("/en/feeds/rss/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    )
    workflow.kill(article, by=editor, reason="Retracted")
    again = client.get("/en/feeds/rss/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert "Retracted" not in again.content.decode()
    assert article.headline not in again.content.decode()


def test_feed_changes_when_a_scheduled_piece_goes_live(client):
    import time_machine

    at = timezone.now() + timedelta(hours=1)
    ArticleFactory(headline="Later story", published_at=at)
    etag = client.get("/en/feeds/rss/")["ETag"]
    with time_machine.travel(at + timedelta(seconds=1), tick=False):
        response = client.get("/en/feeds/rss/", HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert "Later story" in response.content.decode()


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("url", ["/en/feeds/rss/", "/en/feeds/section/economy/atom/"])
def test_feed_query_budget(client, django_assert_max_num_queries, count, url):
    section = SectionFactory(slug="economy")
    image = ImageFactory()
    for n in range(count):
        article = ArticleFactory(
            section=section, hero_image=image, authors=[AuthorFactory()]
        )
        article.tags.add(f"t{n % 4}")
        Correction.objects.create(article=article, kind="update", text="x")
    with django_assert_max_num_queries(9):
        assert client.get(url).status_code == 200


def test_pages_advertise_their_feeds(client):
    section = SectionFactory(slug="economy")
    html = client.get("/en/").content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in html
    assert 'href="/en/feeds/rss/"' in html and 'href="/en/feeds/atom/"' in html
    html = client.get(section.get_absolute_url()).content.decode()
    assert 'href="/en/feeds/section/economy/rss/"' in html


# Sitemaps


def target_namespace(path) -> str:
    return etree.parse(str(path)).getroot().get("targetNamespace")


def xsd(schemas, *names):
    """A schema that imports the named XSDs, so wildcards validate strictly."""
    paths = [schemas / "sitemaps" / name for name in names]
    imports = "".join(
        f'<xs:import namespace="{target_namespace(path)}" '
        f'schemaLocation="{path.as_uri()}"/>'
        for path in paths
    )
    wrapper = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'elementFormDefault="qualified">' + imports + "</xs:schema>"
    )
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))


def assert_valid(schema, content):
    document = etree.fromstring(content)
    assert schema.validate(document), schema.error_log


def test_sitemap_index_and_every_section_validate(client, schemas, published_set):
    live, hidden = published_set
    index = client.get("/en/sitemap.xml")
    assert index.status_code == 200
    assert_valid(xsd(schemas, "siteindex.xsd"), index.content)
    locations = re.findall(r"<loc>([^<]+)</loc>", index.content.decode())
    assert {loc.rsplit("/", 1)[-1] for loc in locations} == {
        "sitemap-articles.xml",
        "sitemap-sections.xml",
        "sitemap-authors.xml",
        "sitemap-tags.xml",
    }
    urlset_schema = xsd(schemas, "sitemap.xsd", "xhtml-link.xsd")
    everything = ""
    for loc in locations:
        response = client.get(loc.replace("http://testserver", ""))
        assert response.status_code == 200
        assert_valid(urlset_schema, response.content)
        body = response.content.decode()
        # Articles and sections are dated one by one; tag and author pages
        # only through the index (distribution/sitemaps.py).
        dated = "tags" not in loc and "authors" not in loc
        assert (body.count("<lastmod>") == body.count("<url>")) is dated, loc
        everything += body
    assert live.get_absolute_url() in everything
    assert "/en/section/economy/" in everything
    assert "/en/authors/leyla/" in everything
    assert "/en/tag/gas/" in everything
    for piece in hidden:
        assert piece.get_absolute_url() not in everything


def test_google_news_sitemap(client, schemas, published_set):
    ArticleFactory(
        headline="Too old", published_at=timezone.now() - timedelta(hours=49)
    )
    ArticleFactory(headline="Paid piece", is_sponsored=True, partner_name="Acme")
    response = client.get("/en/sitemap-news.xml")
    assert response.status_code == 200
    assert_valid(xsd(schemas, "sitemap.xsd", "sitemap-news.xsd"), response.content)
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "n": "http://www.google.com/schemas/sitemap-news/0.9",
    }
    document = etree.fromstring(response.content)
    titles = document.xpath("//n:title/text()", namespaces=ns)
    assert titles == ["Gas exports grow"]
    assert document.xpath("//n:publication/n:language/text()", namespaces=ns) == ["en"]
    assert document.xpath("//n:publication/n:name/text()", namespaces=ns) == [
        "Newsroom"
    ]
    assert document.xpath("//n:publication_date/text()", namespaces=ns)


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(
    "url",
    [
        "/en/sitemap.xml",
        "/en/sitemap-articles.xml",
        "/en/sitemap-sections.xml",
        "/en/sitemap-authors.xml",
        "/en/sitemap-tags.xml",
        "/en/sitemap-news.xml",
    ],
)
def test_sitemap_query_budget(client, django_assert_max_num_queries, count, url):
    for n in range(count):
        article = ArticleFactory(authors=[AuthorFactory()])
        article.tags.add(f"tag-{n}")
    # The index: a count and a newest date for each of its four sitemaps,
    # and on this cold first request the page cache's next-change lookup.
    with django_assert_max_num_queries(9):
        assert client.get(url).status_code == 200


def test_robots_txt_lists_sitemaps_and_keeps_private_urls_out(client, settings):
    settings.SITE_URL = "https://news.example.org"
    body = client.get("/robots.txt").content.decode()
    for edition in ("az", "en", "ru"):
        assert f"Sitemap: https://news.example.org/{edition}/sitemap.xml" in body
        assert f"Sitemap: https://news.example.org/{edition}/sitemap-news.xml" in body
        assert f"Disallow: /{edition}/search/" in body
    assert settings.ADMIN_URL not in body  # public: must not reveal the admin
    assert "Disallow: /preview/" in body


# Structured data and previews


def json_ld_blocks(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S
        )
    ]


def meta(html: str, key: str) -> list[str]:
    return re.findall(
        rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html
    )


def test_article_page_structured_data_and_open_graph(client, settings, published_set):
    settings.SITE_URL = "https://news.example.org"
    live, _ = published_set
    live.revised_at = timezone.now()
    live.save()
    html = client.get(live.get_absolute_url()).content.decode()
    blocks = {block["@type"]: block for block in json_ld_blocks(html)}
    article = blocks["NewsArticle"]
    assert article["headline"] == "Gas exports grow"
    assert article["description"] == "Exports rose by a fifth."
    assert article["datePublished"] and article["dateModified"]
    assert article["author"] == [
        {
            "@type": "Person",
            "name": "Leyla Mammadova",
            "url": "https://news.example.org/en/authors/leyla/",
        }
    ]
    sizes = {(image["width"], image["height"]) for image in article["image"]}
    assert (1200, 630) in sizes and len(sizes) >= 2
    assert article["publisher"]["@type"] == "NewsMediaOrganization"
    assert article["publisher"]["logo"]["url"].startswith("https://news.example.org/")
    assert article["mainEntityOfPage"]["@id"] == (
        "https://news.example.org" + live.get_absolute_url()
    )
    assert article["articleSection"] == "Economy"
    assert article["keywords"] == ["gas"]
    assert article["inLanguage"] == "en"
    assert "Fixed a figure" in article["correction"][0]["text"]
    crumbs = blocks["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Newsroom", "Economy", "Gas exports grow"]

    assert meta(html, "og:type") == ["article"]
    assert meta(html, "og:title") == ["Gas exports grow"]
    assert meta(html, "og:description") == ["Exports rose by a fifth."]
    assert meta(html, "og:url") == [
        "https://news.example.org" + live.get_absolute_url()
    ]
    assert meta(html, "og:image:width") == ["1200"]
    assert meta(html, "og:image:height") == ["630"]
    assert meta(html, "og:image")[0].startswith("https://news.example.org/")
    assert meta(html, "article:published_time")
    assert meta(html, "article:section") == ["Economy"]
    assert meta(html, "article:tag") == ["gas"]
    assert meta(html, "twitter:card") == ["summary_large_image"]
    assert (
        f'<link rel="canonical" href="https://news.example.org{live.get_absolute_url()}">'
        in html
    )


def test_sponsored_piece_is_labelled_in_structured_data(client):
    article = ArticleFactory(is_sponsored=True, partner_name="Acme Bank")
    html = client.get(article.get_absolute_url()).content.decode()
    data = next(b for b in json_ld_blocks(html) if b["@type"] == "NewsArticle")
    assert data["sponsor"]["name"] == "Acme Bank"
    assert meta(html, "sponsor") == ["Acme Bank"]


def test_json_ld_cannot_be_broken_out_of(client):
    article = ArticleFactory(
        headline='Breaking </script><script>alert("x")</script>', lead="<b>&</b>"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<script>alert("x")' not in html
    data = next(b for b in json_ld_blocks(html) if b["@type"] == "NewsArticle")
    assert data["headline"] == 'Breaking </script><script>alert("x")</script>'
    assert data["description"] == "<b>&</b>"


def test_pages_without_structured_data_noise(client):
    """Only article pages carry NewsArticle data."""
    ArticleFactory()
    assert json_ld_blocks(client.get("/en/").content.decode()) == []


def test_no_unpublished_piece_in_any_distribution_output(client, published_set):
    _, hidden = published_set
    outputs = "".join(
        client.get(url).content.decode()
        for url in [*FEEDS, "/en/sitemap-articles.xml", "/en/sitemap-news.xml"]
    )
    for piece in hidden:
        assert piece.headline not in outputs
        assert piece.get_absolute_url() not in outputs
    assert Article.objects.count() == 4
