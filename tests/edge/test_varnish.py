"""The edge in front of the site: what it keeps, what it passes, what a
change purges, and what it serves while the backend is down. Real varnishd
with the shipped VCL in front of Django's live server (conftest.py)."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.test import Client

from articles import workflow
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

from .conftest import request


@pytest.fixture
def site(editor):
    """Two sections, a live piece in each, tagged and bylined apart."""
    politics = SectionFactory(name="Politics", slug="politics")
    economy = SectionFactory(name="Economy", slug="economy")
    reporter = AuthorFactory(name="Reporter One")
    columnist = AuthorFactory(name="Columnist Two")
    budget = ArticleFactory(
        headline="Budget passes", section=politics, authors=[reporter]
    )
    budget.tags.add("parliament")
    harvest = ArticleFactory(
        headline="Harvest in", section=economy, authors=[columnist]
    )
    harvest.tags.add("farming")
    return {
        "politics": politics,
        "economy": economy,
        "reporter": reporter,
        "columnist": columnist,
        "budget": budget,
        "harvest": harvest,
    }


def warm(varnish, paths) -> None:
    """Each path stored at the edge: a second request is a hit."""
    for path in paths:
        first = varnish.get(path)
        assert first.status in (200, 410), (path, first.status)
    for path in paths:
        assert varnish.get(path).cache == "HIT", path


def test_a_page_is_a_hit_after_the_first_request(varnish, site):
    path = site["budget"].get_absolute_url()
    first = varnish.get(path)
    assert (first.status, first.cache) == (200, "MISS")
    assert "Budget passes" in first.body
    second = varnish.get(path)
    assert (second.status, second.cache) == (200, "HIT")
    assert second.body == first.body
    # Keys are Varnish's business, not the reader's.
    assert "xkey" not in second.headers


def test_the_edge_keeps_the_age_django_counts_from_now(varnish, site):
    """Django's page cache answers with the Age it has kept a page; its
    max-age counts from now (the time to the next change), so the edge
    keeps the page all the same."""
    path = site["harvest"].get_absolute_url()
    Client().get(path)  # stored by Django's page cache first
    # Waited, not travelled: Age is counted by the server's clock and read
    # by varnishd, another process with a clock of its own.
    time.sleep(1.1)
    first = varnish.get(path)
    assert first.cache == "MISS"
    assert varnish.get(path).cache == "HIT"


def test_query_strings_no_page_reads_share_the_page(varnish, site):
    path = site["budget"].get_absolute_url()
    assert varnish.get(path).cache == "MISS"
    assert varnish.get(path + "?utm_source=x&fbclid=1").cache == "HIT"
    # Parameters pages read, in any order, are one object.
    search = "/en/search/?q=budget&section=politics"
    assert varnish.get(search).cache == "MISS"
    assert varnish.get("/en/search/?section=politics&utm_medium=a&q=budget").cache == (
        "HIT"
    )


def test_a_kill_is_gone_from_the_edge_on_the_next_request(varnish, site, editor):
    budget = site["budget"]
    paths = [budget.get_absolute_url(), "/en/", site["harvest"].get_absolute_url()]
    warm(varnish, paths)
    workflow.kill(Article.objects.get(pk=budget.pk), by=editor, reason="Legal")
    gone = varnish.get(budget.get_absolute_url())
    assert gone.status == 410
    assert gone.cache == "MISS"
    assert "Budget passes" not in varnish.get("/en/").body
    # The other piece's page listed it in its latest news: purged by the
    # killed piece's own key.
    other = varnish.get(site["harvest"].get_absolute_url())
    assert other.cache == "MISS"
    assert "Budget passes" not in other.body


def test_a_draft_save_purges_nothing(varnish, site, editor):
    paths = [
        "/en/",
        "/en/section/politics/",
        "/en/feeds/rss/",
        site["budget"].get_absolute_url(),
        site["harvest"].get_absolute_url(),
    ]
    warm(varnish, paths)
    draft = ArticleFactory(headline="Unfinished", draft=True, section=site["politics"])
    draft.tags.add("parliament")
    for text in ("Unfinished.", "Unfinished, more."):
        draft.body = f"<p>{text}</p>"
        draft.save()
    workflow.submit(Article.objects.get(pk=draft.pk), by=editor)
    assert {path: varnish.get(path).cache for path in paths} == dict.fromkeys(
        paths, "HIT"
    )


def test_staff_pages_are_never_cached(varnish, site, editor):
    """A signed-in session passes the edge, both ways: its pages are not
    stored, and it is never served a reader's stored page."""
    path = site["budget"].get_absolute_url()
    warm(varnish, [path])
    client = Client()
    client.force_login(editor)
    cookie = f"sessionid={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    for _ in range(2):
        staff = varnish.get(path, Cookie=cookie)
        assert staff.status == 200
        assert staff.cache == "MISS"
    admin = varnish.get("/" + settings.ADMIN_URL, Cookie=cookie)
    assert admin.status == 200
    assert varnish.get("/" + settings.ADMIN_URL, Cookie=cookie).cache == "MISS"
    # Another cookie (analytics) is not a session: the reader's page.
    assert varnish.get(path, Cookie="_ga=GA1.2.3").cache == "HIT"


@pytest.mark.parametrize(
    "path", ["/preview/nothing/", "/api/v1/articles/", "/beacon/read/", "/healthz"]
)
def test_previews_the_api_the_beacon_and_health_pass(varnish, path):
    for _ in range(2):
        assert varnish.get(path).cache == "MISS", path


def test_purges_come_only_from_the_acl(varnish):
    """The ACL admits 127.0.0.1; a purge from elsewhere is refused (here,
    127.0.0.2, also this machine but not in the ACL)."""
    import http.client

    connection = http.client.HTTPConnection(
        "127.0.0.1", varnish.port, timeout=10, source_address=("127.0.0.2", 0)
    )
    connection.request("PURGE", "/", headers={"xkey-purge": "list:latest-en"})
    assert connection.getresponse().status == 403
    connection.close()
    allowed = request(
        varnish.port, "/", "PURGE", headers={"xkey-purge": "list:latest-en"}
    )
    assert allowed.status == 200


def test_grace_serves_readers_while_the_backend_is_down(
    varnish, backend, site, settings
):
    settings.PAGE_CACHE_MAX_AGE = 1
    path = site["budget"].get_absolute_url()
    warm(varnish, [path])
    # Past its max-age by varnishd's clock (another process: waited, not
    # travelled); from now on, only grace serves it.
    time.sleep(1.5)
    backend.stop()
    stale = varnish.get(path)
    assert stale.status == 200
    assert "Budget passes" in stale.body
    assert stale.age >= 1
    # The backend is down indeed: what the edge never stored fails.
    assert varnish.get(site["harvest"].get_absolute_url()).status == 503


def test_a_killed_piece_is_not_served_from_grace(
    varnish, backend, site, editor, settings
):
    settings.PAGE_CACHE_MAX_AGE = 1
    budget = site["budget"]
    path = budget.get_absolute_url()
    warm(varnish, [path])
    workflow.kill(Article.objects.get(pk=budget.pk), by=editor, reason="Legal")
    time.sleep(1.5)  # as above: a copy kept for grace would be served now
    backend.stop()
    answer = varnish.get(path)
    assert answer.status == 503
    assert "Budget passes" not in answer.body


def test_a_publish_purges_the_lists_of_its_edition_and_nothing_else(
    varnish, site, editor
):
    reporter = site["reporter"]
    listed = {
        "home": "/en/",
        "section": site["politics"].get_absolute_url(),
        "tag": "/en/tag/parliament/",
        "author": reporter.get_absolute_url(),
        "rss": "/en/feeds/rss/",
        "atom": "/en/feeds/atom/",
        "section feed": "/en/feeds/section/politics/rss/",
        "sitemap index": "/en/sitemap.xml",
        "news sitemap": "/en/sitemap-news.xml",
    }
    untouched = {
        "unrelated piece": site["harvest"].get_absolute_url(),
        "other section": site["economy"].get_absolute_url(),
        "other tag": "/en/tag/farming/",
        "other author": site["columnist"].get_absolute_url(),
    }
    warm(varnish, [*listed.values(), *untouched.values()])
    piece = ArticleFactory(
        headline="Vote delayed",
        draft=True,
        section=site["politics"],
        authors=[reporter],
    )
    piece.tags.add("parliament")
    workflow.publish(Article.objects.get(pk=piece.pk), by=editor)
    after = {name: varnish.get(path) for name, path in listed.items()}
    assert {name: answer.cache for name, answer in after.items()} == dict.fromkeys(
        listed, "MISS"
    )
    for name in ("home", "section", "tag", "author", "rss", "news sitemap"):
        assert "Vote delayed" in after[name].body or piece.slug in after[name].body, (
            name
        )
    assert {name: varnish.get(path).cache for name, path in untouched.items()} == (
        dict.fromkeys(untouched, "HIT")
    )
