"""What the site sends the edge, and when (caching/edge.py, caching/tasks.py,
the hook in articles/invalidation.py). The node is a recording HTTP server
here (conftest.py); tests/edge/test_varnish.py sends the same to varnishd."""

from __future__ import annotations

import re
import time
from datetime import UTC

import pytest
from django.db import transaction
from huey.contrib.djhuey import HUEY

from articles import invalidation, workflow
from articles.models import Article
from caching import edge, pages, tasks
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

from .conftest import VCL_DIR, PurgeRecorder, free_port


def test_keys_go_out_in_batches_under_the_header_limit():
    keys = [f"article-{n}" for n in range(2000)] + ["article-1"]
    sent = list(edge.batches(keys, limit=1000))
    assert len(sent) > 1
    assert all(len(" ".join(batch)) <= 1000 for batch in sent)
    flat = [key for batch in sent for key in batch]
    assert sorted(flat) == sorted(set(keys))


def test_nothing_is_sent_without_an_edge(settings, inline_tasks, monkeypatch):
    settings.EDGE_PURGE_URLS = []
    monkeypatch.setattr(tasks, "purge_edge", None)  # would fail if called
    edge.purge_on_commit(["article-1"])


@pytest.mark.django_db(transaction=True)
def test_one_purge_per_transaction_and_none_for_a_rollback(recorder):
    with transaction.atomic():
        edge.purge_on_commit(["article-1", "list:latest-en"])
        edge.purge_on_commit(["article-2"])
        assert recorder.received == []  # not before the commit
    assert len(recorder.received) == 1
    assert recorder.received[0].keys == {"article-1", "article-2", "list:latest-en"}

    with pytest.raises(RuntimeError), transaction.atomic():
        edge.purge_on_commit(["article-3"])
        raise RuntimeError("rolled back")
    with transaction.atomic():
        edge.purge_on_commit(["article-4"])
    assert recorder.received[-1].keys == {"article-4"}
    assert len(recorder.received) == 2


@pytest.mark.django_db(transaction=True)
def test_a_publish_sends_its_lists_and_not_the_pages_parts(recorder, editor):
    section = SectionFactory(slug="politics")
    author = AuthorFactory(name="Reporter")
    piece = ArticleFactory(
        headline="Vote", draft=True, section=section, authors=[author]
    )
    piece.tags.add("parliament")
    tag_pk = piece.tags.get().pk
    recorder.received.clear()
    workflow.publish(Article.objects.get(pk=piece.pk), by=editor)
    keys = recorder.keys()
    assert {
        invalidation.article_tag(piece.pk),
        invalidation.latest_tag("en"),
        invalidation.section_list_tag(section.pk),
        invalidation.tag_list_tag(tag_pk),
        invalidation.author_list_tag(author.pk),
    } <= keys
    assert not {key for key in keys if key.startswith(edge.PART_PREFIX)}
    assert len(recorder.received) == 1  # the whole publish, one purge


@pytest.mark.django_db(transaction=True)
def test_a_kill_sends_the_parts_keys_too(recorder, editor):
    piece = ArticleFactory(headline="Contested")
    recorder.received.clear()
    workflow.kill(Article.objects.get(pk=piece.pk), by=editor, reason="Legal")
    keys = recorder.keys()
    assert invalidation.article_tag(piece.pk) in keys
    assert edge.part_key(invalidation.latest_tag("en")) in keys


@pytest.mark.django_db(transaction=True)
def test_a_draft_save_sends_only_the_drafts_own_key(recorder):
    section = SectionFactory()
    recorder.received.clear()
    draft = ArticleFactory(headline="Unfinished", draft=True, section=section)
    draft.body = "<p>More.</p>"
    draft.save()
    assert recorder.keys() == {invalidation.article_tag(draft.pk)}


def test_every_node_is_tried_and_the_failed_ones_named(recorder):
    down = f"http://127.0.0.1:{free_port()}/"
    with pytest.raises(edge.PurgeFailed, match=re.escape(down)):
        edge.purge(["article-1"], urls=[down, recorder.url])
    assert recorder.received[-1].keys == {"article-1"}


def test_a_node_down_is_retried_by_the_worker(inline_tasks, settings):
    """The task fails while the node is down and is scheduled again, with a
    delay; run when due, once the node is back, it purges."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    settings.EDGE_PURGE_REPEAT_SECONDS = 0
    HUEY.storage.flush_all()
    tasks.purge_edge(["article-1"], url)
    retries = [t for t in HUEY.scheduled() if t.name.endswith("purge_edge")]
    assert len(retries) == 1
    assert retries[0].retries == tasks.purge_edge.task_class.default_retries - 1
    node = PurgeRecorder(port)
    try:
        HUEY.execute(retries[0], timestamp=retries[0].eta)
        assert [purge.keys for purge in node.received] == [{"article-1"}]
    finally:
        node.close()


def test_every_purge_is_sent_again_after_the_repeat_delay(inline_tasks, settings):
    """A render that read the rows before the commit may reach the edge
    after the first purge: the worker purges the same keys once more,
    EDGE_PURGE_REPEAT_SECONDS later, and that second purge is the last."""
    settings.EDGE_PURGE_REPEAT_SECONDS = 5
    HUEY.storage.flush_all()
    node = PurgeRecorder()
    try:
        started = time.time()
        tasks.purge_edge(["article-1", "list:latest-en"], node.url)
        assert [purge.keys for purge in node.received] == [
            {"article-1", "list:latest-en"}
        ]
        [again] = [t for t in HUEY.scheduled() if t.name.endswith("purge_edge")]
        assert again.args == (["article-1", "list:latest-en"], node.url)
        assert again.kwargs == {"repeat": False}
        due_in = again.eta.replace(tzinfo=UTC).timestamp() - started  # naive UTC
        assert 4 <= due_in <= 6, due_in

        HUEY.storage.flush_all()
        HUEY.execute(again, timestamp=again.eta)
        assert len(node.received) == 2
        assert node.received[1].keys == {"article-1", "list:latest-en"}
        assert not [t for t in HUEY.scheduled() if t.name.endswith("purge_edge")]
    finally:
        node.close()


def test_the_vcl_keeps_the_query_parameters_pages_read():
    """Varnish and Django key a page by the same query string: the VCL's
    list is the one the apps register (caching.pages.reads_query_params)."""
    vcl = (VCL_DIR / "default.vcl").read_text()
    listed = re.search(r"\(\?!\(\?:([a-z_|]+)\)=\)", vcl).group(1)
    assert set(listed.split("|")) == pages._page_params


@pytest.mark.django_db
def test_pages_name_their_parts_lists_apart(client, settings):
    """An article page's latest-news sidebar is named `part:list:...`: a
    publish does not purge every page, a kill does (caching/edge.py)."""
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True
    piece = ArticleFactory(headline="Alone")
    keys = client.get(piece.get_absolute_url())["Surrogate-Key"].split()
    assert invalidation.article_tag(piece.pk) in keys
    assert invalidation.latest_tag("en") not in keys
    assert edge.part_key(invalidation.latest_tag("en")) in keys
    home = client.get("/en/")["Surrogate-Key"].split()
    assert invalidation.latest_tag("en") in home
