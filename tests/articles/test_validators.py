"""Validators move on with every change readers can see: an old ETag or
If-Modified-Since never gets a 304 after a trash, a kill or an edit."""

import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import workflow
from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moment():
    """Requests a minute apart, so second-resolution dates can move."""
    start = timezone.now().replace(microsecond=0)

    def at(minutes: int):
        return time_machine.travel(start + timedelta(minutes=minutes), tick=False)

    return at


def revalidate(client, url, first):
    return client.get(
        url,
        headers={
            "if-none-match": first["ETag"],
            "if-modified-since": first["Last-Modified"],
        },
    )


@pytest.mark.parametrize("url", ["/en/feeds/rss/", "/en/feeds/atom/"])
def test_a_feed_moves_on_when_a_piece_goes_to_the_trash(client, editor, moment, url):
    with moment(0):
        ArticleFactory(headline="Kept")
        doomed = ArticleFactory(headline="Binned")
    with moment(1):
        first = client.get(url)
        assert revalidate(client, url, first).status_code == 304
    with moment(2):
        workflow.delete(doomed, by=editor)
        again = revalidate(client, url, first)
    assert again.status_code == 200
    assert "Binned" not in again.content.decode()


@pytest.mark.parametrize("url", ["/en/sitemap.xml", "/en/sitemap-news.xml"])
def test_sitemaps_move_on_after_a_kill(client, editor, moment, url):
    with moment(0):
        ArticleFactory(headline="Older")
    with moment(1):
        newest = ArticleFactory(headline="Newest")
    with moment(2):
        first = client.get(url)
        assert first.status_code == 200
    with moment(3):
        workflow.kill(newest, by=editor, reason="Legal")
        since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 200


def test_the_news_sitemap_moves_on_after_a_headline_edit(client, moment):
    with moment(0):
        piece = ArticleFactory(headline="First headline")
    with moment(1):
        first = client.get("/en/sitemap-news.xml")
    with moment(2):
        piece = Article.objects.get(pk=piece.pk)
        piece.headline = "Second headline"
        piece.save()
        since = client.get(
            "/en/sitemap-news.xml",
            headers={"if-modified-since": first["Last-Modified"]},
        )
    assert since.status_code == 200
    assert "Second headline" in since.content.decode()


def test_a_once_public_piece_in_the_trash_is_gone_like_a_killed_one(client, editor):
    live = ArticleFactory(headline="Was live")
    url = live.get_absolute_url()
    workflow.delete(live, by=editor)
    assert client.get(url).status_code == 410


def test_a_draft_in_the_trash_is_simply_not_found(client, editor):
    draft = ArticleFactory(headline="Never out", draft=True)
    workflow.delete(draft, by=editor)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_sitemap_lastmod_and_atom_updated_follow_a_headline_edit(client, moment):
    """Both name the moment of the edit, to the second, not the day."""
    with moment(0):
        piece = ArticleFactory(headline="First headline")
    with moment(90):
        piece = Article.objects.get(pk=piece.pk)
        piece.headline = "Second headline"
        piece.save()
        edited = timezone.localtime(timezone.now())
        sitemap = client.get("/en/sitemap-articles.xml").content.decode()
        atom = client.get("/en/feeds/atom/").content.decode()
    assert f"<lastmod>{edited.isoformat()}</lastmod>" in sitemap
    updated = re.search(r"<entry>.*?<updated>([^<]+)</updated>", atom).group(1)
    assert datetime.fromisoformat(updated) == edited
