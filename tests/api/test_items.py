"""What the list and detail serve: visibility, filters, cursors and `since`."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.utils import timezone

from api.ninjs import timestamp
from articles import workflow
from articles.models import Article
from articles.querysets import last_change
from tests.factories import ArticleFactory, SectionFactory

from .conftest import LIST_URL, get_json, ids, item_url, killed, walk

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


def hidden_pieces() -> list[Article]:
    """Every piece a subscriber must never see, in every state."""
    now = timezone.now()
    return [
        ArticleFactory(draft=True),
        ArticleFactory(draft=True, status=Article.Status.SUBMITTED),
        ArticleFactory(draft=True, status=Article.Status.RETURNED),
        ArticleFactory(published_at=now + HOUR),  # scheduled
        ArticleFactory(published_at=now + 48 * HOUR, first_published_at=None),
        # Killed before its embargo lifted: no subscriber ever had it.
        ArticleFactory(
            status=Article.Status.KILLED,
            published_at=now + HOUR,
            killed_at=now - HOUR,
        ),
    ]


def test_no_draft_or_scheduled_piece_ever_appears(api):
    live = ArticleFactory()
    withdrawn = killed()
    hidden = hidden_pieces()
    assert sorted(ids(walk(api))) == sorted([live.pk, withdrawn.pk])
    everything = walk(api, since="2000-01-01T00:00:00Z")
    assert sorted(ids(everything)) == sorted([live.pk, withdrawn.pk])
    for article in hidden:
        response = api.get(item_url(article.pk))
        assert response.status_code == 404
        assert response.json()["error"] == "not_found"
    assert api.get(item_url(10**9)).status_code == 404


def test_a_scheduled_piece_appears_at_its_publish_time(api):
    article = ArticleFactory(published_at=timezone.now() + HOUR)
    assert api.get(item_url(article.pk)).status_code == 404
    with time_machine.travel(timezone.now() + 2 * HOUR):
        assert api.get(item_url(article.pk)).status_code == 200
        assert ids(walk(api)) == [article.pk]


def test_killed_through_the_workflow_stays_as_canceled(api, editor):
    article = ArticleFactory(body="<p>Soon gone.</p>")
    workflow.kill(article, by=editor, reason="Wrong figures")
    (item,) = walk(api)
    assert item["pubStatus"] == "canceled"
    assert "bodies" not in item
    assert int(item["version"]) == Article.objects.get(pk=article.pk).version


def test_newest_first_by_publish_time_then_id(api):
    now = timezone.now()
    older = ArticleFactory(published_at=now - 3 * HOUR)
    same_a = ArticleFactory(published_at=now - HOUR)
    same_b = ArticleFactory(published_at=now - HOUR)
    newest = ArticleFactory(published_at=now - timedelta(minutes=1))
    assert ids(get_json(api, LIST_URL)["items"]) == [
        newest.pk,
        same_b.pk,
        same_a.pk,
        older.pk,
    ]


def test_cursor_pages_give_every_item_once_newest_first(api):
    now = timezone.now()
    articles = [
        # Pairs share a publish time, so the id must break ties.
        ArticleFactory(published_at=now - (n // 2) * timedelta(minutes=7))
        for n in range(23)
    ]
    articles.append(killed(published_at=now - 30 * HOUR))
    hidden_pieces()
    expected = [
        a.pk
        for a in sorted(articles, key=lambda a: (a.published_at, a.pk), reverse=True)
    ]
    first = get_json(api, LIST_URL, limit=5)
    assert len(first["items"]) == 5
    assert first["next"].startswith("http://127.0.0.1:8000/api/ninjs/items/?")
    assert parse_qs(urlsplit(first["next"]).query)["limit"] == ["5"]
    assert ids(walk(api, limit=5)) == expected
    assert ids(walk(api, limit=24)) == expected
    assert get_json(api, LIST_URL, limit=24)["next"] is None


def test_pages_are_stable_while_new_items_are_published(api):
    now = timezone.now()
    articles = [ArticleFactory(published_at=now - n * HOUR) for n in range(1, 7)]
    first = get_json(api, LIST_URL, limit=3)
    ArticleFactory(published_at=now)  # breaking news between two pages
    rest = walk(api, f"{urlsplit(first['next']).path}?{urlsplit(first['next']).query}")
    assert ids(first["items"]) + ids(rest) == [a.pk for a in articles]


def test_page_size_has_a_default_and_a_maximum(api):
    section = SectionFactory()
    ArticleFactory.create_batch(105, section=section)
    assert len(get_json(api, LIST_URL)["items"]) == 20
    assert len(get_json(api, LIST_URL, limit=500)["items"]) == 100


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "many"},
        {"cursor": "not-a-cursor"},
        {"cursor": "W10"},  # base64 of "[]"
        {"since": "yesterday"},
        {"content_type": "gossip"},
    ],
)
def test_bad_parameters_are_400(api, params):
    response = api.get(LIST_URL, params)
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"


def test_filters(api):
    economy = SectionFactory(slug="economy")
    sport = SectionFactory(slug="sport")
    a = ArticleFactory(section=economy, language="en", content_type="analysis")
    a.tags.add("Energy", "Oil")
    b = ArticleFactory(section=sport, language="ru")
    b.tags.add("Chess")
    c = ArticleFactory(section=economy, language="az", content_type="interview")
    c.tags.add("Oil")

    def found(**params) -> set[int]:
        return set(ids(walk(api, **params)))

    assert found(section="economy") == {a.pk, c.pk}
    assert found(section="sport,economy") == {a.pk, b.pk, c.pk}
    assert found(tag="oil") == {a.pk, c.pk}
    assert found(tag=["oil", "energy"]) == {a.pk, c.pk}  # once each
    assert len(walk(api, tag="oil,energy")) == 2
    assert found(language="ru") == {b.pk}
    assert found(content_type="interview") == {c.pk}
    assert found(section="economy", language="en") == {a.pk}
    assert found(section="nowhere") == set()


def test_since_returns_new_changed_and_withdrawn_items(api, editor):
    start = timezone.now()
    with time_machine.travel(start - 5 * HOUR, tick=False):
        old = ArticleFactory(published_at=start - 5 * HOUR)
        corrected = ArticleFactory(published_at=start - 5 * HOUR)
        doomed = ArticleFactory(published_at=start - 5 * HOUR)
        # Scheduled long ago for later: released without anyone saving it.
        scheduled = ArticleFactory(published_at=start - HOUR)
    with time_machine.travel(start - 2 * HOUR, tick=False):
        since = timezone.now() + timedelta(minutes=30)
    with time_machine.travel(start, tick=False):
        fresh = ArticleFactory(published_at=start)
        workflow.correct(corrected, by=editor, kind="correction", text="Fixed.")
        workflow.kill(doomed, by=editor, reason="Legal")
        items = walk(api, since=since.isoformat())
    assert set(ids(items)) == {fresh.pk, corrected.pk, doomed.pk, scheduled.pk}
    assert old.pk not in ids(items)
    by_id = dict(zip(ids(items), items, strict=True))
    assert by_id[doomed.pk]["pubStatus"] == "canceled"
    # A client passes the newest versionCreated it saw as its next `since`.
    for item in items:
        assert item["versionCreated"] >= since.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_since_accepts_z_offsets_and_an_unencoded_plus(api):
    article = ArticleFactory(published_at=timezone.now() - HOUR)
    when = (timezone.now() - 2 * HOUR).replace(microsecond=0)
    stamps = [
        when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        when.strftime("%Y-%m-%dT%H:%M:%S"),  # naive: UTC
        when.astimezone(timezone.get_fixed_timezone(240)).isoformat(),
    ]
    for stamp in stamps:
        assert ids(walk(api, since=stamp)) == [article.pk], stamp
    raw = stamps[2].replace("+", " ")  # what an unencoded "+" becomes
    response = api.get(f"{LIST_URL}?since={stamps[2]}")
    assert response.status_code == 200 and ids(response.json()["items"]) == [article.pk]
    assert ids(walk(api, since=raw)) == [article.pk]
    later = (timezone.now() + HOUR).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert walk(api, since=later) == []


def test_a_live_piece_moved_to_the_trash_reaches_subscribers_as_canceled(
    api, editor, validate
):
    live = ArticleFactory(headline="Deleted after release", body="<p>Secret</p>")
    never_out = ArticleFactory(draft=True, headline="Deleted draft")
    since = timezone.now()
    workflow.delete(live, by=editor)
    workflow.delete(never_out, by=editor)

    items = walk(api, since=since.isoformat())
    assert ids(items) == [live.pk]
    item = validate(get_json(api, item_url(live.pk)))
    assert item["pubStatus"] == "canceled"
    assert "bodies" not in item and "Withdrawn" in item["edNote"]
    assert api.get(item_url(never_out.pk)).status_code == 404

    workflow.restore(live, by=editor)
    assert get_json(api, item_url(live.pk))["pubStatus"] == "usable"


def test_version_created_is_the_indexed_last_change(api, editor):
    """`since` compares with `last_change()`, the expression the index is
    built on; `versionCreated` must name the same moment, or a client
    polling with the newest one it saw would miss or repeat changes."""
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start - 5 * HOUR, tick=False):
        edited = ArticleFactory(published_at=start - 5 * HOUR)
        released = ArticleFactory(published_at=start - HOUR)  # then scheduled
        doomed = ArticleFactory(published_at=start - 4 * HOUR)
        trashed = ArticleFactory(published_at=start - 4 * HOUR)
        untouched = ArticleFactory(published_at=start - 3 * HOUR)
    with time_machine.travel(start - timedelta(minutes=30), tick=False):
        edited.headline = "Edited after release"
        edited.save()
        workflow.kill(doomed, by=editor, reason="Legal")
        workflow.delete(trashed, by=editor)
    items = walk(api, since="2000-01-01T00:00:00Z")
    assert set(ids(items)) == {
        a.pk for a in (edited, released, doomed, trashed, untouched)
    }
    last_changes = dict(
        Article.all_objects.annotate(changed=last_change()).values_list("pk", "changed")
    )
    for item, pk in zip(items, ids(items), strict=True):
        assert item["versionCreated"] == timestamp(last_changes[pk]), pk
    assert last_changes[released.pk] == released.published_at
    assert last_changes[edited.pk] == start - timedelta(minutes=30)


def test_a_tagged_piece_deleted_after_release_reaches_tag_subscribers(api, editor):
    """Filtering by tag must not lose the withdrawal: the tag subquery reads
    the trash too, as the API's own rule does."""
    live = ArticleFactory()
    live.tags.add("Oil")
    since = timezone.now()
    workflow.delete(live, by=editor)
    (item,) = walk(api, tag="oil", since=since.isoformat())
    assert item["pubStatus"] == "canceled"
    assert ids([item]) == [live.pk]
