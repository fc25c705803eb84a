"""The WSGI fast path answers page-cache hits itself, exactly as Django
would, and hands everything else to Django."""

from __future__ import annotations

import io
import sys

import pytest
from django.core.wsgi import get_wsgi_application

from caching.fastpath import PageCacheFastPath
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True
    settings.ALLOWED_HOSTS = ["news.example.org"]
    settings.SECURE_SSL_REDIRECT = False


class Counting:
    """Django's WSGI app, counting the requests that reach it."""

    def __init__(self):
        self.app = get_wsgi_application()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.app(environ, start_response)


def call(app, path="/en/", method="GET", **extra):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "news.example.org",
        "SERVER_PORT": "80",
        "HTTP_HOST": "news.example.org",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        **extra,
    }
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"] = int(status.split()[0])
        seen["headers"] = dict(headers)

    body = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], body


@pytest.fixture
def django_app():
    return Counting()


@pytest.fixture
def app(django_app):
    return PageCacheFastPath(django_app)


def test_a_hit_is_served_without_django_and_as_django_serves_it(app, django_app):
    ArticleFactory(headline="Cached story")
    status, miss_headers, miss_body = call(app)
    assert status == 200 and miss_headers["X-Page-Cache"] == "miss"
    assert django_app.calls == 1
    status, headers, body = call(app)
    assert status == 200 and headers["X-Page-Cache"] == "hit"
    assert django_app.calls == 1  # answered by the fast path
    assert body == miss_body and b"Cached story" in body
    for header in (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "X-Frame-Options",
        "Content-Language",
        "ETag",
    ):
        assert headers[header] == miss_headers[header], header
    assert headers["Cache-Control"].startswith("public, max-age=")


def test_a_change_is_seen_on_the_next_request(app, django_app):
    story = ArticleFactory(headline="First headline")
    call(app)
    call(app)
    story.headline = "Second headline"
    story.save()
    _, headers, body = call(app)
    assert b"Second headline" in body and headers["X-Page-Cache"] == "miss"


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"method": "POST"},
        {"method": "HEAD"},
        {"HTTP_COOKIE": "sessionid=signed-in"},
        {"HTTP_AUTHORIZATION": "Bearer key"},
        {"HTTP_IF_NONE_MATCH": '"whatever"', "PATH_INFO": "/admin/login/"},
        {"HTTP_HOST": "attacker.example"},
    ],
    ids=["post", "head", "session", "authorization", "admin", "bad host"],
)
def test_everything_else_goes_to_django(app, django_app, request_kwargs):
    ArticleFactory()
    call(app)
    call(app)  # the home page is cached now
    before = django_app.calls
    extra = dict(request_kwargs)
    if extra.get("HTTP_COOKIE") == "sessionid=signed-in":
        extra["HTTP_COOKIE"] = f"sessionid={signed_in_session()}"
    method = extra.pop("method", "GET")
    path = extra.pop("PATH_INFO", "/en/")
    status, _, _ = call(app, path, method, **extra)
    assert django_app.calls == before + 1
    if "HTTP_HOST" in request_kwargs:
        assert status == 400


def signed_in_session() -> str:
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore

    user = User.objects.create_user("desk-chief", is_staff=True)
    store = SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store.create()
    return store.session_key


def test_a_made_up_session_cookie_is_served_from_the_cache(app, django_app):
    ArticleFactory()
    call(app)
    before = django_app.calls
    status, headers, _ = call(app, HTTP_COOKIE="sessionid=abcdefghijklmnop0123456789")
    assert status == 200 and headers["X-Page-Cache"] == "hit"
    assert django_app.calls == before


def test_plain_http_is_left_to_the_https_redirect(settings):
    settings.SECURE_SSL_REDIRECT = True
    django_app = Counting()  # SecurityMiddleware reads the setting at start
    app = PageCacheFastPath(django_app)
    ArticleFactory()
    secure = {"wsgi.url_scheme": "https", "SERVER_PORT": "443"}
    call(app, **secure)
    assert call(app, **secure)[1]["X-Page-Cache"] == "hit"
    before = django_app.calls
    status, headers, _ = call(app)
    assert django_app.calls == before + 1
    assert status == 301 and headers["Location"].startswith("https://")


def test_a_failure_in_the_fast_path_hands_over_to_django(app, django_app, monkeypatch):
    ArticleFactory(headline="Still served")
    call(app)

    def broken(self, environ):
        raise RuntimeError("cache exploded")

    monkeypatch.setattr(PageCacheFastPath, "hit", broken)
    before = django_app.calls
    status, _, body = call(app)
    assert django_app.calls == before + 1
    assert status == 200 and b"Still served" in body
