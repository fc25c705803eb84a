"""Property tests: no URL or query string a stranger can type makes a 500.

Paths get arbitrary segments (very long, odd Unicode, NUL, SQL-looking,
traversal), and every parameter a public view reads gets values of any shape
and type. The answer is always a normal page, a redirect, a 304 or a 4xx.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from api.keys import issue_key
from api.models import Subscriber
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

ALLOWED = {200, 301, 302, 304, 400, 404, 405, 410}
NASTY = [
    "' OR 1=1 --",
    "1; DROP TABLE articles_article",
    "%00",
    "\x00",
    "../../etc/passwd",
    "..%2f..%2f",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "[]",
    "{}",
    "null",
    "\ud7ff\ufffd\U0001f600",
    "ﬁ",
    "İ",
    "\u202e",
    "a" * 5000,
    "2026-02-30",
    "2026-13-01T25:61:61Z",
    "1970-01-01T00:00:00+99:00",
    "<script>",
]
values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=300),
    st.integers().map(str),
    st.floats().map(str),
    st.dates().map(str),
    st.datetimes().map(lambda d: d.isoformat()),
)
segments = values.map(lambda v: quote(v, safe="")).filter(lambda s: s != "")

PATHS = [
    "/en/news/{}/",
    "/en/section/{}/",
    "/en/tag/{}/",
    "/en/authors/{}/",
    "/en/archive/{}/{}/{}/",
    "/en/feeds/section/{}/rss/",
    "/en/feeds/tag/{}/atom/",
    "/en/feeds/author/{}/rss/",
    "/en/sitemap-{}.xml",
    "/preview/{}/",
    "/{}",
    "/{}/{}/",
]
PAGES_WITH_PARAMS = [
    "/",
    "/en/search/",
    "/en/section/economy/",
    "/en/tag/harbour/",
    "/en/authors/leyla/",
    "/en/feeds/rss/",
    "/en/feeds/atom/",
    "/en/sitemap.xml",
    "/en/sitemap-articles.xml",
    "/en/sitemap-news.xml",
]
PARAMS = ["q", "page", "section", "date", "cursor", "limit", "since", "p", "o"]
API_PARAMS = ["cursor", "limit", "since", "section", "tag", "language", "content_type"]

FUZZ = hsettings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture
def newsroom(db):
    section = SectionFactory(name="Economy", slug="economy")
    author = AuthorFactory(name="Leyla", slug="leyla")
    for n in range(3):
        article = ArticleFactory(section=section, authors=[author], slug=f"story-{n}")
        article.tags.add("harbour")


@pytest.fixture
def api_key(db):
    return issue_key(subscriber=Subscriber.objects.create(name="Client"), by=None)[1]


def assert_allowed(response, url):
    assert response.status_code in ALLOWED, (url, response.status_code)


@FUZZ
@given(
    template=st.sampled_from(PATHS), parts=st.lists(segments, min_size=3, max_size=3)
)
def test_any_path_segment_is_a_page_or_a_4xx(client, newsroom, template, parts):
    url = template.format(*parts[: template.count("{}")])
    assert_allowed(client.get(url), url)


@FUZZ
@given(
    page=st.sampled_from(PAGES_WITH_PARAMS),
    params=st.dictionaries(st.sampled_from(PARAMS), values, max_size=4),
)
def test_any_query_string_is_a_page_or_a_4xx(client, newsroom, page, params):
    assert_allowed(client.get(page, params), (page, params))


@FUZZ
@given(
    params=st.dictionaries(st.sampled_from(API_PARAMS), values, max_size=4),
    item=segments,
)
def test_any_api_request_is_an_answer_or_a_4xx(client, newsroom, api_key, params, item):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_key}"}
    assert_allowed(client.get("/api/ninjs/items/", params, **auth), params)
    url = f"/api/ninjs/items/{item}/"
    assert_allowed(client.get(url, params, **auth), url)
