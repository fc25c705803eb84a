"""Items are valid IPTC ninjs 3.1 and use what the standard offers."""

from __future__ import annotations

import json

import pytest

from api.ninjs import article_to_ninjs
from articles.models import Article
from tests.factories import ArticleFactory

from .conftest import LIST_URL, get_json, item_url, killed

pytestmark = pytest.mark.django_db


def test_the_validator_accepts_iptc_examples_and_rejects_a_bad_item(
    schemas, validate, ninjs_validator
):
    """The checks below mean something: IPTC's own items pass, a 1.x-style one
    does not (002 is IPTC's known-invalid example, see the schema README)."""
    examples = sorted((schemas / "ninjs" / "examples" / "3.1").glob("*.json"))
    assert examples
    for path in examples:
        if path.name.startswith("002_"):
            continue
        validate(json.loads(path.read_text()))
    bad = {"uri": "tag:x,2025:1", "pubstatus": "usable", "versionCreated": "today"}
    assert len(list(ninjs_validator.iter_errors(bad))) == 2


def test_list_and_detail_items_are_valid_ninjs(api, validate, rich_article):
    ArticleFactory(headline="Plain news", lead="", body="<p>Short.</p>")
    killed(headline="Withdrawn story")
    items = get_json(api, LIST_URL)["items"]
    assert len(items) == 3
    for item in items:
        validate(item)
        detail = get_json(api, item_url(int(item["uri"].rsplit(":", 1)[1])))
        assert validate(detail) == item


def test_text_item_fields(api, validate, rich_article, settings):
    settings.SITE_URL = "https://news.example.org"
    settings.SITE_NAME = "Example Agency"
    item = validate(get_json(api, item_url(rich_article.pk)))
    article = Article.objects.get(pk=rich_article.pk)

    assert item["uri"] == f"tag:news.example.org,2025:article:{article.pk}"
    assert item["type"] == "text"
    assert item["version"] == str(article.version)
    assert item["pubStatus"] == "usable"
    assert item["urgency"] == 3
    assert item["language"] == "en"
    assert item["located"] == "Baku"
    assert item["headlines"] == [{"role": "main", "value": "Caspian gas output rises"}]
    assert item["by"] == "Leyla Mammadova and Tural Aliyev"
    assert [p["name"] for p in item["people"]] == ["Leyla Mammadova", "Tural Aliyev"]
    assert all(
        p["uri"].startswith("https://news.example.org/en/authors/")
        for p in item["people"]
    )
    assert item["firstCreated"].endswith("Z") and item["versionCreated"].endswith("Z")
    assert "Example Agency" in item["copyrightNotice"]

    body = item["bodies"][0]
    assert body["role"] == "main" and body["contentType"] == "text/html"
    # Relative links would break on the subscriber's site.
    assert 'href="https://news.example.org/en/section/economy/"' in body["value"]
    assert body["wordCount"] > 0

    roles = [(d["role"], d["value"]) for d in item["descriptions"]]
    assert roles == [
        ("summary", "Output rose by a tenth in the first half."),
        ("correction", "An earlier version misstated 2024."),
        ("update", "Adds the figures."),
    ]
    assert "Correction" in item["edNote"] and "Update" in item["edNote"]

    subjects = {(s["rel"], s["literal"]) for s in item["subjects"]}
    assert subjects == {("section", "economy"), ("tag", "energy"), ("tag", "caspian")}
    genres = {g["literal"] for g in item["genres"]}
    assert genres == {"analysis", "exclusive"}
    assert {
        "role": "url",
        "value": f"https://news.example.org/en/news/{article.slug}/",
    } in item["altIds"]


def test_hero_image_is_an_association_with_absolute_renditions(
    api, validate, rich_article, settings
):
    settings.SITE_URL = "https://news.example.org"
    item = validate(get_json(api, item_url(rich_article.pk)))
    (picture,) = item["associations"]
    assert picture["type"] == "picture" and picture["name"] == "mainpic"
    assert picture["uri"].startswith("tag:news.example.org,2025:image:")
    assert {
        "role": "caption",
        "contentType": "text/plain",
        "value": "Oil rigs off the coast",
    } in picture["descriptions"]
    assert picture["by"] == "Agency photo"
    image = rich_article.hero_image
    assert len(picture["renditions"]) == image.renditions.count() + 1
    for rendition in picture["renditions"]:
        assert rendition["href"].startswith("https://news.example.org/media/")
        assert rendition["width"] > 0 and rendition["height"] > 0
        assert rendition["contentType"] in {"image/jpeg", "image/webp"}
    names = {r["name"] for r in picture["renditions"]}
    assert {"original", "social-jpeg", "16:9-480-webp"} <= names


def test_killed_item_is_canceled_without_content(api, validate, image):
    article = killed(hero_image=image, body="<p>Defamatory text.</p>", lead="Lead")
    item = validate(get_json(api, item_url(article.pk)))
    assert item["pubStatus"] == "canceled"
    assert "bodies" not in item
    assert "associations" not in item
    assert "descriptions" not in item
    assert "Defamatory" not in json.dumps(item)
    assert "Withdrawn" in item["edNote"]
    # The reason was written for the newsroom, not for clients.
    assert "Legal complaint" not in json.dumps(item)
    assert item["headlines"][0]["value"] == article.headline


def test_translation_links_its_original_only_when_syndicated(api, validate):
    original = ArticleFactory(language="en")
    translation = ArticleFactory(language="ru", translation_of=original)
    item = validate(get_json(api, item_url(translation.pk)))
    assert {
        "name": "original",
        "rel": "translationOf",
        "uri": article_to_ninjs(original)["uri"],
    } in item["associations"]

    draft = ArticleFactory(draft=True, language="en")
    hidden = ArticleFactory(language="az", translation_of=draft)
    assert "associations" not in get_json(api, item_url(hidden.pk))


def test_uncredited_piece_is_by_the_agency(api, validate, settings):
    settings.SITE_NAME = "Example Agency"
    article = ArticleFactory(is_sponsored=True, partner_name="Acme", source="Ministry")
    item = validate(get_json(api, item_url(article.pk)))
    assert item["by"] == "Example Agency"
    assert "people" not in item
    assert "Acme" in item["usageTerms"]
    assert {"name": "Ministry", "role": "originator"} in item["infoSources"]
