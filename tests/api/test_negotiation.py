"""Which format a request gets: `format` first, then the Accept header."""

from __future__ import annotations

import pytest

from api.formats import FORMATS
from tests.factories import ArticleFactory

from .conftest import LIST_URL, item_url

pytestmark = pytest.mark.django_db

NINJS1 = (
    'application/json; profile="http://www.iptc.org/std/ninjs/ninjs-schema_1.6.json"'
)
NINJS2 = (
    'application/json; profile="http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json"'
)
NEWS_ITEM = "application/vnd.iptc.g2.newsitem+xml"
NEWS_MESSAGE = "application/vnd.iptc.g2.newsmessage+xml"


@pytest.fixture
def article(db):
    return ArticleFactory()


@pytest.mark.parametrize(
    ("accept", "item_type"),
    [
        (None, "application/json"),
        ("", "application/json"),
        ("*/*", "application/json"),
        ("application/*", "application/json"),
        ("application/json", "application/json"),
        ("application/json; version=3.1", "application/json"),
        ("application/json; version=2", NINJS2),
        ("application/json;version=1.6", NINJS1),
        (NINJS1, NINJS1),
        # The schema's own identifier, with its fragment and over https.
        (
            'application/json; profile="https://www.iptc.org/std/ninjs/'
            'ninjs-schema_2.2.json#"',
            NINJS2,
        ),
        (NEWS_ITEM, NEWS_ITEM),
        (NEWS_MESSAGE, NEWS_ITEM),
        ("application/xml", NEWS_ITEM),
        ("text/xml", NEWS_ITEM),
        # Preference by quality, then by order.
        ("application/json;q=0.5, application/xml", NEWS_ITEM),
        ("application/xml;q=0.5, application/json;q=0.9", "application/json"),
        ("text/html, application/json; version=1, */*;q=0.1", NINJS1),
        # q=0 means "not this": the next acceptable range wins.
        ("application/xml;q=0, */*;q=0.1", "application/json"),
        # An unknown ninjs version is skipped, not guessed.
        ("application/json; version=9, application/xml;q=0.2", NEWS_ITEM),
    ],
)
def test_accept_header_chooses_the_format(api, article, accept, item_type):
    headers = {} if accept is None else {"HTTP_ACCEPT": accept}
    response = api.get(item_url(article.pk), **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == item_type
    assert "Accept" in response["Vary"] and "Authorization" in response["Vary"]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_format_parameter_beats_the_accept_header(api, article, name):
    response = api.get(
        item_url(article.pk), {"format": name}, HTTP_ACCEPT="text/csv, text/xml"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS[name].item_type
    page = api.get(LIST_URL, {"format": name}, HTTP_ACCEPT="text/csv")
    assert page.status_code == 200
    assert page["Content-Type"] == FORMATS[name].page_type


def test_list_answers_a_news_message(api, article):
    response = api.get(LIST_URL, HTTP_ACCEPT=NEWS_ITEM)
    assert response["Content-Type"] == NEWS_MESSAGE
    assert b"<newsMessage" in response.content


@pytest.mark.parametrize(
    "accept", ["text/csv", "text/html", "application/json; version=9", "image/*"]
)
def test_unacceptable_accept_is_406_with_the_choices(api, article, accept):
    """Nothing is sent in a format the client did not ask for; the error
    (JSON, like every error of the API) lists what it could ask for."""
    for url in (item_url(article.pk), LIST_URL):
        response = api.get(url, HTTP_ACCEPT=accept)
        assert response.status_code == 406
        body = response.json()
        assert body["error"] == "not_acceptable"
        assert NEWS_ITEM in body["detail"] and NINJS1 in body["detail"]


def test_unknown_format_parameter_is_400(api, article):
    response = api.get(item_url(article.pk), {"format": "nitf"})
    assert response.status_code == 400
    assert "ninjs1" in response.json()["detail"]
    assert "newsml" in response.json()["detail"]


def test_authentication_comes_before_negotiation(client, article):
    """A request without a key learns nothing, whatever it asks for."""
    response = client.get(item_url(article.pk), HTTP_ACCEPT="text/csv")
    assert response.status_code == 401


def test_missing_item_is_404_in_any_format(api):
    response = api.get(item_url(999999), {"format": "newsml"})
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
