"""Fixtures for the subscriber API: keys, an authenticated client, the
validators of every outgoing format (ninjs 3.1, 2.2, 1.6, NewsML-G2 2.35)
and a small newsroom of every kind of item."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree
from referencing import Registry, Resource

from api.keys import issue_key
from api.models import Subscriber
from articles.models import Article, Correction
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory

NINJS_SCHEMA = "ninjs-schema_3.1.json"
NINJS2_SCHEMA = "ninjs-schema_2.2.json"
NINJS1_SCHEMA = "ninjs-schema_1.6.json"
NEWSML_SCHEMA = "newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd"
GEOJSON_ID = "https://geojson.org/schema/GeoJSON.json"
LIST_URL = "/api/ninjs/items/"

# jsonschema checks "date-time" and "uri" only with optional packages the
# project does not install; these two checks are strict enough for items.
RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
)
URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")
format_checker = jsonschema.FormatChecker()


@format_checker.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return bool(RFC3339.match(value)) and bool(
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    )


@format_checker.checks("uri")
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return (
        bool(URI_SCHEME.match(parts.scheme))
        and bool(parts.netloc or parts.path)
        and not re.search(r"\s", value)
    )


def item_url(pk: int) -> str:
    return reverse("api:item", kwargs={"pk": pk})


@pytest.fixture
def ninjs_validator(schemas: Path) -> jsonschema.Draft202012Validator:
    """The newest ninjs 3.x schema, with GeoJSON resolvable offline."""
    directory = schemas / "ninjs"
    schema = json.loads((directory / NINJS_SCHEMA).read_text())
    geojson = json.loads((directory / "GeoJSON.json").read_text())
    registry = Registry().with_resource(GEOJSON_ID, Resource.from_contents(geojson))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, registry=registry, format_checker=format_checker
    )


@pytest.fixture
def validate(ninjs_validator):
    """Assert an item is valid ninjs 3.1, listing every error if not."""

    def check(item: dict) -> dict:
        errors = [
            f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in ninjs_validator.iter_errors(item)
        ]
        assert not errors, "\n".join(errors)
        return item

    return check


def _errors(validator, item: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(item)
    ]


@pytest.fixture
def ninjs2_validator(schemas: Path) -> jsonschema.Draft202012Validator:
    directory = schemas / "ninjs"
    schema = json.loads((directory / NINJS2_SCHEMA).read_text())
    geojson = json.loads((directory / "GeoJSON.json").read_text())
    registry = Registry().with_resource(GEOJSON_ID, Resource.from_contents(geojson))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, registry=registry, format_checker=format_checker
    )


@pytest.fixture
def ninjs1_validator(schemas: Path) -> jsonschema.Draft7Validator:
    schema = json.loads((schemas / "ninjs" / NINJS1_SCHEMA).read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=format_checker)


@pytest.fixture
def newsml_schema(schemas: Path) -> etree.XMLSchema:
    """IPTC's NewsML-G2 2.35 Power schema; it imports xml.xsd beside it."""
    return etree.XMLSchema(etree.parse(str(schemas / NEWSML_SCHEMA)))


@pytest.fixture
def validators(validate, ninjs2_validator, ninjs1_validator, newsml_schema):
    """Per format, a check that a body is valid, returning it parsed."""

    def ninjs(validator):
        def check(body: bytes) -> dict:
            item = json.loads(body)
            errors = _errors(validator, item)
            assert not errors, "\n".join(errors)
            return item

        return check

    def newsml(body: bytes) -> etree._Element:
        # A parser that resolves no entities and fetches nothing, as a client's.
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        root = etree.fromstring(body, parser)
        assert newsml_schema.validate(root), "\n".join(
            f"{e.line}: {e.message}" for e in newsml_schema.error_log
        )
        return root

    return {
        "ninjs": lambda body: validate(json.loads(body)),
        "ninjs2": ninjs(ninjs2_validator),
        "ninjs1": ninjs(ninjs1_validator),
        "newsml": newsml,
    }


@pytest.fixture
def subscriber(db) -> Subscriber:
    return Subscriber.objects.create(name="Client Daily")


@pytest.fixture
def api_key(subscriber):
    """(ApiKey, clear-text key) for an active subscriber."""
    return issue_key(subscriber=subscriber, by=None, label="tests")


@pytest.fixture
def api(client, api_key):
    """A test client sending the subscriber's bearer key."""
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {api_key[1]}"
    return client


def get_json(api, url: str, **params):
    response = api.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def walk(api, url: str = LIST_URL, **params) -> list[dict]:
    """Every item, following `next` links to the end."""
    items, data = [], get_json(api, url, **params)
    items += data["items"]
    while data["next"]:
        parts = urlsplit(data["next"])
        data = get_json(api, f"{parts.path}?{parts.query}")
        items += data["items"]
    return items


def ids(items: list[dict]) -> list[int]:
    return [int(item["uri"].rsplit(":", 1)[1]) for item in items]


def killed(**kwargs) -> Article:
    """A piece killed an hour after it went live."""
    published = kwargs.pop("published_at", timezone.now() - timedelta(hours=3))
    return ArticleFactory(
        status=Article.Status.KILLED,
        published_at=published,
        killed_at=published + timedelta(hours=1),
        kill_reason="Legal complaint",
        **kwargs,
    )


@pytest.fixture
def image(db):
    return ImageFactory(caption="Oil rigs off the coast", credit="Agency photo")


@pytest.fixture
def rich_article(image):
    """A live analysis with two authors, tags, a picture, a dateline and notes."""
    section = SectionFactory(name="Economy", slug="economy")
    authors = [
        AuthorFactory(name="Leyla Mammadova"),
        AuthorFactory(name="Tural Aliyev"),
    ]
    article = ArticleFactory(
        headline="Caspian gas output rises",
        lead="Output rose by a tenth in the first half.",
        body=(
            '<p>See <a href="/en/section/economy/">economy</a>.</p><h2>Sub</h2><p>x</p>'
        ),
        section=section,
        hero_image=image,
        dateline_city="Baku",
        content_type=Article.ContentType.ANALYSIS,
        urgency=3,
        is_exclusive=True,
        authors=authors,
    )
    article.tags.add("Energy", "Caspian")
    Correction.objects.create(
        article=article, kind="correction", text="An earlier version misstated 2024."
    )
    Correction.objects.create(article=article, kind="update", text="Adds the figures.")
    return article
