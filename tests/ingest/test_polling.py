"""Polling real HTTP sources on 127.0.0.1: the good, the changed and the hostile."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from ingest import parsers, services
from ingest.models import IncomingItem, IncomingVersion, Source
from tests.factories import ArticleFactory

from .test_parsers import BILLION_LAUGHS, xxe

pytestmark = pytest.mark.django_db


def own_feed(client, language: str = "en") -> bytes:
    response = client.get(f"/{language}/feeds/rss/")
    assert response.status_code == 200
    return response.content


def rss(*items: tuple[str, str, str]) -> bytes:
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title>"
        f"<description>&lt;p&gt;{body}&lt;/p&gt;</description></item>"
        for guid, title, body in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
        f"<language>en</language>{entries}</channel></rss>"
    ).encode()


def test_own_rss_feed_is_ingested(client, wire_server, make_source):
    """The site's own feed, served by another server, comes in whole."""
    articles = [
        ArticleFactory(
            headline=f"Parliament passes budget {n}",
            language="en",
            published_at=timezone.now() - timedelta(minutes=n + 1),
        )
        for n in range(3)
    ]
    url = wire_server.serve("/feed.xml", body=own_feed(client), etag='"v1"')
    source = make_source(url=url)

    result = services.poll_source(source=source)

    assert result.ok, result.error
    assert result.created == 3
    items = {item.headline: item for item in IncomingItem.objects.all()}
    assert set(items) == {a.headline for a in articles}
    item = items[articles[0].headline]
    assert item.link.endswith(f"/en/news/{articles[0].slug}/")
    assert item.language == "en"
    assert item.status == IncomingItem.Status.USABLE
    source.refresh_from_db()
    assert (source.state, source.etag) == (Source.State.OK, '"v1"')


def test_conditional_request_304_changes_nothing(wire_server, make_source):
    url = wire_server.serve(
        "/feed.xml", body=rss(("g1", "First story", "Text")), etag='"abc"'
    )
    source = make_source(url=url)
    services.poll_source(source=source)
    source.refresh_from_db()

    result = services.poll_source(source=source)

    assert result.ok and result.not_modified
    assert wire_server.requests[-1]["If-None-Match"] == '"abc"'
    assert "If-None-Match" not in wire_server.requests[0]
    assert IncomingItem.objects.get().version == 1


def test_new_version_updates_in_place_with_history(wire_server, make_source):
    url = wire_server.serve("/feed.xml", body=rss(("g1", "Quake hits city", "Old")))
    source = make_source(url=url)
    services.poll_source(source=source)
    wire_server.serve("/feed.xml", body=rss(("g1", "Quake hits city", "Old")))
    assert services.poll_source(source=source).unchanged == 1

    wire_server.serve("/feed.xml", body=rss(("g1", "Quake kills 12", "New")))
    result = services.poll_source(source=source)

    assert (result.created, result.updated) == (0, 1)
    item = IncomingItem.objects.get()
    assert (item.headline, item.version, item.status) == (
        "Quake kills 12",
        2,
        IncomingItem.Status.CORRECTED,
    )
    assert item.body == "<p>New</p>"
    [earlier] = IncomingVersion.objects.filter(item=item)
    assert (earlier.version, earlier.headline, earlier.body) == (
        1,
        "Quake hits city",
        "<p>Old</p>",
    )


def test_bodies_are_sanitised(wire_server, make_source):
    body = '&lt;p onclick="x()"&gt;Hi&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;'
    data = (
        '<rss version="2.0"><channel><title>W</title><item><guid>s</guid>'
        f"<title>T</title><description>{body}</description></item></channel></rss>"
    ).encode()
    source = make_source(url=wire_server.serve("/x.xml", body=data))
    services.poll_source(source=source)
    assert IncomingItem.objects.get().body == "<p>Hi</p>"


def test_iptc_newsml_over_http_and_kill(schemas, wire_server, make_source):
    original = (
        schemas / "newsml-g2/examples/LISTING_2_NewsML-G2_Text_Document.xml"
    ).read_bytes()
    url = wire_server.serve("/item.xml", body=original)
    source = make_source(kind=Source.Kind.NEWSML, url=url)
    services.poll_source(source=source)
    item = IncomingItem.objects.get()
    assert item.dateline == "New York, NY"
    assert "(New York, NY - October 21)" in item.body

    killed = original.replace(b"stat:usable", b"stat:canceled")
    wire_server.serve("/item.xml", body=killed)
    services.poll_source(source=source)

    item.refresh_from_db()
    assert (item.status, item.version) == (IncomingItem.Status.KILLED, 2)


def test_ninjs_api_with_key(schemas, wire_server, make_source):
    page = {
        "items": [
            json.loads(
                (
                    schemas / f"ninjs/examples/{v}/004_simple_text_article.json"
                ).read_text()
            )
            | {"uri": f"urn:{v}"}
            for v in ("1.6", "2.2", "3.1")
        ]
    }
    url = wire_server.serve(
        "/api/items/", body=json.dumps(page).encode(), require_key="s3cret"
    )
    source = make_source(kind=Source.Kind.NINJS, url=url, api_key="wrong")
    assert not services.poll_source(source=source).ok
    source.refresh_from_db()
    assert "HTTP 401" in source.last_error

    source.api_key = "s3cret"
    source.save()
    result = services.poll_source(source=source)

    assert result.created == 3, result.error
    assert set(IncomingItem.objects.values_list("headline", flat=True)) == {
        "Captain of wrecked cruise ship on trial in Italy"
    }


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ({"status": 500, "body": b"oops"}, "HTTP 500"),
        ({"body": b"<rss><channel><item>"}, "Malformed XML"),
        ({"body": BILLION_LAUGHS}, "Refused XML"),
        ({"body": b"<html>login page</html>"}, "Not an RSS or Atom feed"),
    ],
)
def test_failures_mark_the_source_failing(wire_server, make_source, route, reason):
    source = make_source(url=wire_server.serve("/bad", **route))
    result = services.poll_source(source=source)
    assert not result.ok
    source.refresh_from_db()
    assert source.state == Source.State.FAILING
    assert reason in source.last_error
    assert source.last_error_at is not None
    assert not IncomingItem.objects.exists()


def test_xxe_over_http_is_refused(wire_server, make_source, tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("root:SECRET")
    source = make_source(url=wire_server.serve("/x", body=xxe(secret)))
    services.poll_source(source=source)
    source.refresh_from_db()
    assert "Refused XML" in source.last_error
    assert not IncomingItem.objects.filter(headline__contains="SECRET").exists()


def test_malformed_json_from_a_ninjs_api(wire_server, make_source):
    url = wire_server.serve("/api", body=b'{"items": [', content_type="text/json")
    source = make_source(kind=Source.Kind.NINJS, url=url)
    services.poll_source(source=source)
    source.refresh_from_db()
    assert source.state == Source.State.FAILING
    assert "Malformed JSON" in source.last_error


def test_fifty_megabytes_refused_while_streaming(wire_server, make_source, settings):
    """The cap holds while the body streams in: the client stops reading and
    the server never gets to send the 50 MB."""
    settings.INGEST_MAX_BYTES = 1024 * 1024
    fifty = 50 * 1024 * 1024
    source = make_source(url=wire_server.serve("/big", stream=fifty))
    services.poll_source(source=source)
    source.refresh_from_db()
    assert "passed the limit of 1,048,576 bytes" in source.last_error
    # Sent by the server before the client hung up: the cap plus what the
    # sockets' buffers took, far from 50 MB.
    assert wire_server.routes["/big"].sent < 20 * 1024 * 1024


def test_declared_length_over_the_cap_is_refused_unread(
    wire_server, make_source, settings
):
    settings.INGEST_MAX_BYTES = 1000
    source = make_source(url=wire_server.serve("/big", body=b"x" * 5000))
    services.poll_source(source=source)
    source.refresh_from_db()
    assert "the response is 5,000 bytes" in source.last_error


def test_timeout(wire_server, make_source, settings):
    settings.INGEST_TIMEOUT = 0.3
    source = make_source(url=wire_server.serve("/slow", hang=True))
    result = services.poll_source(source=source)
    assert not result.ok
    assert "timed out" in result.error.lower()


def test_only_http_addresses(make_source):
    source = make_source(url="file:///etc/passwd")
    services.poll_source(source=source)
    source.refresh_from_db()
    assert "Only http and https" in source.last_error


def test_one_failing_source_never_stops_the_others(
    wire_server, make_source, monkeypatch
):
    """A parser's unexpected exception, a 500 and a good feed in one round:
    the good one is stored, each bad one says why, nothing is raised."""
    broken = make_source(url=wire_server.serve("/boom", body=rss(("b", "B", "B"))))
    failing = make_source(url=wire_server.serve("/500", status=500))
    good = make_source(url=wire_server.serve("/ok", body=rss(("g", "Good", "G"))))
    real_parse = parsers.parse

    def parse(kind, data):
        if b"<guid>b</guid>" in data:
            raise RuntimeError("parser bug")
        return real_parse(kind, data)

    monkeypatch.setattr(parsers, "parse", parse)

    results = services.poll_due_sources()

    assert {r.source.pk: r.ok for r in results} == {
        broken.pk: False,
        failing.pk: False,
        good.pk: True,
    }
    broken.refresh_from_db()
    assert "parser bug" in broken.last_error
    assert IncomingItem.objects.get().source == good


def test_back_off_and_recovery(wire_server, make_source):
    now = timezone.now()
    source = make_source(url=wire_server.serve("/f", status=503), poll_interval=60)
    services.poll_source(source=source, now=now)
    source.refresh_from_db()
    assert source.next_poll_at == now + timedelta(seconds=120)
    services.poll_source(source=source, now=now)
    source.refresh_from_db()
    assert (source.failures, source.next_poll_at) == (2, now + timedelta(seconds=240))
    assert services.due_sources(now=now + timedelta(seconds=200)).count() == 0

    wire_server.serve("/f", body=rss(("g", "Back", "B")))
    services.poll_source(source=source, now=now)
    source.refresh_from_db()
    assert (source.state, source.failures) == (Source.State.OK, 0)
    assert source.next_poll_at == now + timedelta(seconds=60)


def test_disabled_and_not_yet_due_sources_are_not_polled(wire_server, make_source):
    now = timezone.now()
    url = wire_server.serve("/f", body=rss(("g", "G", "G")))
    make_source(url=url, enabled=False)
    make_source(url=url, name="later").__class__.objects.filter(name="later").update(
        next_poll_at=now + timedelta(minutes=5)
    )
    assert services.poll_due_sources(now=now) == []
    assert wire_server.requests == []


def test_drop_folder(settings, tmp_path, schemas, make_source):
    settings.INGEST_DROP_ROOT = tmp_path
    folder = tmp_path / "acme"
    folder.mkdir()
    (folder / "a.xml").write_bytes(
        (
            schemas / "newsml-g2/examples/LISTING_2_NewsML-G2_Text_Document.xml"
        ).read_bytes()
    )
    (folder / "b.json").write_bytes(
        (schemas / "ninjs/examples/2.2/004_simple_text_article.json").read_bytes()
    )
    (folder / "c.xml").write_bytes(BILLION_LAUGHS)
    source = make_source(kind=Source.Kind.FOLDER, folder="acme")

    result = services.poll_source(source=source)

    assert result.created == 2
    assert sorted(p.name for p in (folder / "done").iterdir()) == ["a.xml", "b.json"]
    assert [p.name for p in (folder / "failed").iterdir()] == ["c.xml"]
    source.refresh_from_db()
    assert source.state == Source.State.FAILING
    assert source.last_error.startswith("c.xml: Refused XML")


def test_drop_folder_stays_inside_its_root(settings, tmp_path, make_source):
    settings.INGEST_DROP_ROOT = tmp_path / "root"
    (tmp_path / "root").mkdir()
    source = make_source(kind=Source.Kind.FOLDER, folder="../")
    services.poll_source(source=source)
    source.refresh_from_db()
    assert "must be a directory inside" in source.last_error


def test_round_trip_from_our_own_ninjs_api(client, wire_server, make_source):
    """Our subscriber API's ninjs 3.1 out, our ingest in: the same headline,
    text and dateline, and the page as the original."""
    from api.keys import issue_key
    from api.models import Subscriber

    article = ArticleFactory(
        headline="Caspian summit opens in Baku",
        lead="Leaders arrive.",
        body="<p>The summit opened.</p><h2>Agenda</h2><p>Energy.</p>",
        dateline_city="Baku",
        language="en",
        published_at=timezone.now() - timedelta(minutes=5),
    )
    _key, secret = issue_key(subscriber=Subscriber.objects.create(name="Us"), by=None)
    response = client.get(
        "/api/ninjs/items/", headers={"authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 200
    url = wire_server.serve(
        "/api/ninjs/items/", body=response.content, require_key="partner-key"
    )
    source = make_source(kind=Source.Kind.NINJS, url=url, api_key="partner-key")

    result = services.poll_source(source=source)

    assert result.created == 1, result.error
    item = IncomingItem.objects.get()
    assert item.headline == article.headline
    assert item.body == article.body
    assert item.lead == article.lead
    assert item.dateline == article.dateline_city
    assert item.link.endswith(f"/en/news/{article.slug}/")
