"""The full-page cache: on, yet every change shows on the very next request."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import workflow
from articles.models import Article
from headlines.models import TickerItem
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_MAX_AGE = 60


def get(client, url="/en/", **headers):
    return client.get(url, headers=headers)


def test_second_request_is_served_from_the_cache(client, django_assert_num_queries):
    ArticleFactory(headline="Cached story")
    assert get(client)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = get(client)
    assert response["X-Page-Cache"] == "hit"
    assert "Cached story" in response.content.decode()
    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]


def test_publish_shows_on_the_next_request(client, editor):
    article = ArticleFactory(headline="Waiting story", status="submitted")
    assert "Waiting story" not in get(client).content.decode()
    get(client)
    workflow.publish(article, by=editor)
    assert "Waiting story" in get(client).content.decode()


def test_edit_shows_on_the_next_request(client):
    article = ArticleFactory(headline="First headline")
    url = article.get_absolute_url()
    get(client, url)
    assert get(client, url)["X-Page-Cache"] == "hit"
    article.headline = "Second headline"
    article.save()
    assert "Second headline" in get(client, url).content.decode()
    assert "Second headline" in get(client).content.decode()


def test_kill_shows_on_the_next_request(client, editor):
    article = ArticleFactory(headline="Doomed story")
    url = article.get_absolute_url()
    assert get(client, url).status_code == 200
    assert "Doomed story" in get(client).content.decode()
    workflow.kill(article, by=editor, reason="Legal")
    assert get(client, url).status_code == 410
    assert "Doomed story" not in get(client).content.decode()


def test_correction_shows_on_the_next_request(client, editor):
    article = ArticleFactory(headline="Corrected story")
    url = article.get_absolute_url()
    get(client, url)
    workflow.correct(article, by=editor, kind="correction", text="Fixed the figure")
    assert "Fixed the figure" in get(client, url).content.decode()


def test_ticker_change_shows_on_the_next_request(client):
    ArticleFactory()
    get(client)
    TickerItem.objects.create(text="Breaking: ticker line")
    assert "Breaking: ticker line" in get(client).content.decode()


def test_scheduled_piece_appears_at_its_time_on_a_cached_page(client):
    now = timezone.now()
    ArticleFactory(headline="Old story")
    ArticleFactory(headline="Embargoed story", published_at=now + timedelta(minutes=5))
    with time_machine.travel(now, tick=False):
        first = get(client)
        assert "Embargoed story" not in first.content.decode()
        assert "max-age=60" in first["Cache-Control"]
        assert get(client)["X-Page-Cache"] == "hit"
    with time_machine.travel(now + timedelta(minutes=4, seconds=30), tick=False):
        response = get(client)
        assert response["X-Page-Cache"] == "hit"
        # A CDN may not keep it past the publish time either.
        assert "max-age=30" in response["Cache-Control"]
    with time_machine.travel(now + timedelta(minutes=5, seconds=1), tick=False):
        assert "Embargoed story" in get(client).content.decode()


def test_ticker_window_end_is_honoured(client):
    now = timezone.now()
    TickerItem.objects.create(
        text="Short-lived line", starts_at=now - timedelta(minutes=1),
        ends_at=now + timedelta(minutes=2),
    )  # fmt: skip
    with time_machine.travel(now, tick=False):
        assert "Short-lived line" in get(client).content.decode()
    with time_machine.travel(now + timedelta(minutes=3), tick=False):
        assert "Short-lived line" not in get(client).content.decode()


def test_logged_in_staff_bypass_the_cache(client, editor):
    article = ArticleFactory(headline="Visible story")
    get(client, article.get_absolute_url())
    client.force_login(editor)
    response = get(client, article.get_absolute_url())
    assert not response.has_header("X-Page-Cache")
    Article.objects.filter(pk=article.pk).update(headline="Silently changed")
    assert (
        "Silently changed" in get(client, article.get_absolute_url()).content.decode()
    )


def _session_cookie(key: str) -> dict[str, str]:
    from django.conf import settings

    return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={key}"}


def _session(**data) -> str:
    from importlib import import_module

    from django.conf import settings

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store.update(data)
    store.create()
    return store.session_key


@pytest.mark.parametrize(
    "cookie",
    ["x", "abcdefghijklmnopqrstuvwxyz012345", "anonymous", "expired"],
)
def test_a_cookie_that_is_no_signed_in_session_is_served_the_cached_page(
    client, editor, cookie, django_assert_max_num_queries
):
    """A made-up session cookie used to force a full render of any page."""
    if cookie == "anonymous":  # a live session nobody signed in to
        cookie = _session(theme="dark")
    elif cookie == "expired":  # an editor's, from yesterday
        from django.contrib.sessions.models import Session

        cookie = _session(_auth_user_id=str(editor.pk))
        Session.objects.filter(session_key=cookie).update(
            expire_date=timezone.now() - timedelta(seconds=1)
        )
    ArticleFactory(headline="Cached story")
    assert get(client)["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(1):  # the session lookup, no render
        response = get(client, "/en/", **_session_cookie(cookie))
    assert response["X-Page-Cache"] == "hit"


def test_a_live_signed_in_session_is_never_served_a_cached_page(client, editor):
    ArticleFactory(headline="Cached story")
    get(client)
    key = _session(_auth_user_id=str(editor.pk))
    response = get(client, "/en/", **_session_cookie(key))
    assert not response.has_header("X-Page-Cache")


@pytest.mark.parametrize("path", ["/admin/", "/api/ninjs/items/", "/preview/abc/"])
def test_admin_api_and_previews_are_never_cached(client, path):
    get(client, path)
    assert not get(client, path).has_header("X-Page-Cache")


def test_posts_are_not_cached(client):
    article = ArticleFactory()
    response = client.post(f"/beacon/read/{article.pk}/")
    assert response.status_code == 204
    assert not response.has_header("X-Page-Cache")


def test_reads_do_not_empty_the_cache(client):
    article = ArticleFactory()
    get(client, article.get_absolute_url())
    client.post(f"/beacon/read/{article.pk}/", headers={"user-agent": "Firefox"})
    assert get(client, article.get_absolute_url())["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("cached", [False, True])
def test_pages_answer_304_to_a_matching_etag(client, settings, cached):
    """With the page cache on (from the cache) and off (after rendering)."""
    settings.PAGE_CACHE = cached
    section = SectionFactory(slug="economy")
    ArticleFactory(section=section)
    first = get(client, "/en/section/economy/")
    if cached:
        assert get(client, "/en/section/economy/")["X-Page-Cache"] == "hit"
    again = get(client, "/en/section/economy/", if_none_match=first["ETag"])
    assert again.status_code == 304
    since = get(
        client, "/en/section/economy/", if_modified_since=first["Last-Modified"]
    )
    assert since.status_code == 304
    assert "section-" in first["Surrogate-Key"]


def test_uncached_pages_date_themselves_by_the_content_not_the_request(
    client, settings, editor
):
    """With the page cache off, Last-Modified is when the content last
    changed (a new version, a scheduled piece going live), so a later
    If-Modified-Since still gets a 304 until then, and never after."""
    settings.PAGE_CACHE = False
    now = timezone.now().replace(microsecond=0)
    ArticleFactory(headline="First story")
    ArticleFactory(
        headline="Embargoed story",
        published_at=now + timedelta(minutes=10),
        first_published_at=None,
    )
    with time_machine.travel(now, tick=False):
        first = get(client)
    with time_machine.travel(now + timedelta(minutes=2), tick=False):
        later = get(client, if_modified_since=first["Last-Modified"])
        assert later.status_code == 304
    with time_machine.travel(now + timedelta(minutes=11), tick=False):
        live = get(client, if_modified_since=first["Last-Modified"])
        assert live.status_code == 200
        assert "Embargoed story" in live.content.decode()
        assert live["Last-Modified"] != first["Last-Modified"]
    with time_machine.travel(now + timedelta(minutes=12), tick=False):
        unchanged = get(client, if_modified_since=live["Last-Modified"])
        assert unchanged.status_code == 304
        workflow.publish(ArticleFactory(headline="New story", draft=True), by=editor)
        fresh = get(client, if_modified_since=live["Last-Modified"])
        assert fresh.status_code == 200
        assert "New story" in fresh.content.decode()


def test_article_page_names_its_surrogate_keys(client):
    """What the page shows, for a CDN to purge by: its piece, the section
    names, and its parts (latest news, related news), whose lists are named
    apart (caching/edge.py: a publish does not purge every page)."""
    article = ArticleFactory()
    response = get(client, article.get_absolute_url())
    keys = response["Surrogate-Key"].split()
    assert f"article-{article.pk}" in keys
    assert "sections" in keys
    assert "part:list:latest-en" in keys
    assert f"part:related-{article.pk}" in keys
    assert "list:latest-en" not in keys
    # Not the lists it is on: publishing in its section leaves it alone.
    assert f"list:section-{article.section_id}" not in keys


def test_headers_respect_the_next_change_even_with_the_cache_off(client, settings):
    """Browsers and CDNs cache by max-age: it must end at the next scheduled
    change whether or not this server keeps pages itself."""
    settings.PAGE_CACHE = False
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import ArticleFactory

    ArticleFactory(published_at=timezone.now() + timedelta(seconds=20))
    response = client.get("/en/")
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 20


def test_cached_pages_are_still_served_while_the_database_is_down(client, monkeypatch):
    """Readers keep the pages the cache has; the rest is a friendly 503."""
    from django.db import OperationalError
    from django.db.backends.base.base import BaseDatabaseWrapper

    section = SectionFactory(slug="economy")
    ArticleFactory(headline="Kept through the outage", section=section)
    assert get(client)["X-Page-Cache"] == "miss"

    def refuse(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    client.raise_request_exception = False
    cached = get(client)
    assert cached.status_code == 200
    assert "Kept through the outage" in cached.content.decode()
    uncached = get(client, section.get_absolute_url())
    assert uncached.status_code == 503
    assert uncached["Retry-After"] == "30"


def test_a_hit_carries_the_headers_of_the_inner_middleware(client):
    ArticleFactory()
    first = get(client)
    hit = get(client)
    assert hit["X-Page-Cache"] == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Language"):
        assert hit[header] == first[header], header
    assert hit["Content-Language"] == "en"


def test_responses_that_vary_by_browser_language_or_cookie_are_not_stored(rf):
    from django.http import HttpResponse

    from caching.pages import PageCacheMiddleware

    calls = []

    def view(request):
        calls.append(request.path)
        response = HttpResponse("hello")
        response["Vary"] = "Accept-Encoding, Cookie"
        return response

    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        response = middleware(rf.get("/en/varies/"))
        assert "X-Page-Cache" not in response
    assert len(calls) == 2


def test_a_page_that_used_a_csp_nonce_is_not_stored(rf):
    from django.http import HttpResponse

    from caching.pages import PageCacheMiddleware

    calls = []

    def view(request):
        calls.append(request.path)
        request._csp_nonce = "abc123"
        return HttpResponse('<script nonce="abc123"></script>')

    middleware = PageCacheMiddleware(view)
    middleware(rf.get("/en/with-nonce/"))
    middleware(rf.get("/en/with-nonce/"))
    assert len(calls) == 2


def test_the_redis_client_is_built_once_per_pool():
    from caching.backends import ResilientRedisCache

    cache = ResilientRedisCache("redis://127.0.0.1:6379/15", {})
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client() is client  # one server: reads use it too


def test_the_scheme_is_part_of_the_key(client, settings):
    """A page stored for one scheme is not served for the other."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    ArticleFactory()
    get(client, "/en/feeds/rss/")
    assert get(client, "/en/feeds/rss/")["X-Page-Cache"] == "hit"
    secure = client.get("/en/feeds/rss/", headers={"x-forwarded-proto": "https"})
    assert secure["X-Page-Cache"] == "miss"
    assert "https://" in secure.content.decode()


def test_without_a_proxy_of_ours_a_claimed_scheme_decides_nothing(client):
    """With no trusted proxy the header is the client's word: the page
    stored for plain HTTP is served, links and all."""
    ArticleFactory()
    get(client, "/en/feeds/rss/")
    claimed = client.get("/en/feeds/rss/", headers={"x-forwarded-proto": "https"})
    assert claimed["X-Page-Cache"] == "hit"
    assert "https://" not in claimed.content.decode()


@pytest.mark.parametrize("path", ["/en/", "/en/section/economy/", "article"])
def test_content_length_is_the_length_of_the_page_with_its_parts(client, path):
    """The parts' markers are taken out of a stored page: the length sent,
    on a miss and on a hit, is that of the body sent."""
    section = SectionFactory(slug="economy")
    article = ArticleFactory(section=section)
    url = article.get_absolute_url() if path == "article" else path
    for expected in ("miss", "hit"):
        response = get(client, url)
        assert response["X-Page-Cache"] == expected
        assert int(response["Content-Length"]) == len(response.content)
