"""Input no slug, language or time can hold is a 400 with the API's JSON
error, on every database, never a 500."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import ArticleFactory, SectionFactory

from .conftest import LIST_URL, get_json, ids

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


def cursor(when: str, pk: int = 1) -> str:
    """A cursor as the API encodes one, around any time and id."""
    raw = json.dumps([when, pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def assert_bad_request(response) -> dict:
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["error"] == "bad_request" and body["detail"]
    return body


@pytest.mark.parametrize("name", ["tag", "section", "language"])
@pytest.mark.parametrize("value", ["\x00", "en\x00", "economy,\x00x"])
def test_a_nul_byte_in_a_filter_is_400(api, name, value):
    ArticleFactory()
    body = assert_bad_request(api.get(LIST_URL, {name: value}))
    assert name in body["detail"]


@pytest.mark.parametrize(
    "since",
    [
        "2025-05-01T08:00:00+16:00",
        "2025-05-01T08:00:00-16:00",
        "2025-05-01T08:00:00+23:59",
        "2025-05-01T08:00:00-23:59",
        # Moving it to UTC leaves the calendar.
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-01:00",
    ],
)
def test_since_beyond_utc_offsets_or_the_calendar_is_400(api, since):
    ArticleFactory()
    assert_bad_request(api.get(LIST_URL, {"since": since}))


@pytest.mark.parametrize(
    "value",
    [
        cursor("2025-05-01T08:00:00+16:00"),
        cursor("2025-05-01T08:00:00-20:00"),
        cursor("0001-01-01T00:00:00+01:00"),
        cursor("2025-05-01T08:00:00"),  # no offset: never issued
        cursor("2025-05-01T08:00:00+00:00", pk=True),
    ],
)
def test_a_cursor_beyond_utc_offsets_or_the_calendar_is_400(api, value):
    ArticleFactory()
    assert_bad_request(api.get(LIST_URL, {"cursor": value}))


def test_offsets_up_to_fifteen_hours_still_work(api):
    """The real world's offsets (−12 to +14 hours) and PostgreSQL's limit."""
    article = ArticleFactory(published_at=timezone.now() - HOUR)
    when = timezone.now() - 2 * HOUR
    for minutes in (-15 * 60 - 59, -12 * 60, 14 * 60, 15 * 60 + 59):
        stamp = when.astimezone(timezone.get_fixed_timezone(minutes)).isoformat()
        assert ids(get_json(api, LIST_URL, since=stamp)["items"]) == [article.pk]


def test_a_cursor_in_another_offset_names_the_same_place(api):
    now = timezone.now()
    articles = [ArticleFactory(published_at=now - n * HOUR) for n in range(1, 4)]
    middle = articles[1]
    east = middle.published_at.astimezone(timezone.get_fixed_timezone(15 * 60))
    page = get_json(api, LIST_URL, cursor=cursor(east.isoformat(), middle.pk))
    assert ids(page["items"]) == [articles[2].pk]


def test_unknown_section_or_tag_is_an_empty_list_without_reading_articles(api):
    """Slugs are looked up first; when none names anything the answer is
    empty at once, rather than a walk of the archive for matches."""
    SectionFactory(slug="economy")
    ArticleFactory.create_batch(3)
    for params in ({"section": "nowhere"}, {"tag": "nothing,nowhere"}):
        with CaptureQueriesContext(connection) as captured:
            assert get_json(api, LIST_URL, **params)["items"] == []
        tables = " ".join(query["sql"] for query in captured.captured_queries)
        assert '"articles_article"' not in tables, params
        assert captured.captured_queries, "the slugs were not looked up"
