"""Most-read rankings from Redis sorted sets kept current as reads arrive
(readership/rankings.py), against the database's sums they stand for."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ReadCount
from readership import rankings
from readership.reading import count_read, most_read_by_window, ranking
from readership.tasks import refresh_most_read
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=False)


def read(article, times=1):
    """Count `times` reads through the beacon's counting path."""
    for _ in range(times):
        assert count_read(article.pk)


def rolled(language="en", places=10):
    today = timezone.localdate()
    return rankings.rolled_rankings(language, [1, 7], places, today)


def from_database(language="en", places=10):
    today = timezone.localdate()
    return {
        1: ranking(language, today, places),
        7: ranking(language, today - timedelta(days=6), places),
    }


def test_the_sets_are_built_from_the_database_then_kept_by_each_read(
    redis_cache, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    steady, spike, old, russian = (
        ArticleFactory(headline="Steady"),
        ArticleFactory(headline="Spike"),
        ArticleFactory(headline="Old"),
        ArticleFactory(headline="Russian", language="ru"),
    )
    for days_ago in range(1, 7):
        day = today - timedelta(days=days_ago)
        ReadCount.objects.create(article=steady, day=day, count=10)
        ReadCount.objects.create(article=russian, day=day, count=1000)
    ReadCount.objects.create(article=old, day=today - timedelta(days=7), count=900)

    assert rolled() == from_database() == {1: [], 7: [steady.pk]}

    with django_capture_on_commit_callbacks(execute=True):
        read(spike, 3)
        read(old, 1)
    assert (
        rolled()
        == from_database()
        == {1: [spike.pk, old.pk], 7: [steady.pk, spike.pk, old.pk]}
    )
    assert rolled("ru") == from_database("ru") == {1: [], 7: [russian.pk]}


def test_equal_counts_rank_the_newer_piece_first(redis_cache):
    older, newer = ArticleFactory(), ArticleFactory()
    for piece in (older, newer):
        ReadCount.objects.create(article=piece, day=timezone.localdate(), count=5)
    assert (
        rolled()
        == from_database()
        == {1: [newer.pk, older.pk], 7: [newer.pk, older.pk]}
    )


def test_a_new_day_builds_new_sets_and_the_window_moves(redis_cache):
    piece, week_old = ArticleFactory(), ArticleFactory()
    today = timezone.localdate()
    ReadCount.objects.create(article=piece, day=today, count=4)
    ReadCount.objects.create(article=week_old, day=today - timedelta(days=6), count=9)
    assert rolled() == {1: [piece.pk], 7: [week_old.pk, piece.pk]}
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert rolled() == from_database() == {1: [], 7: [piece.pk]}


def test_a_lost_set_is_built_again_not_read_as_no_reads(redis_cache):
    piece = ArticleFactory()
    ReadCount.objects.create(article=piece, day=timezone.localdate(), count=2)
    assert rolled() == {1: [piece.pk], 7: [piece.pk]}
    _built, _day, week, _lock = rankings._keys("en", timezone.localdate())
    redis_cache.delete(week)  # evicted, say
    assert rolled() == {1: [piece.pk], 7: [piece.pk]}


def test_reads_wait_for_the_sets_rather_than_fill_half_built_ones(
    redis_cache, django_capture_on_commit_callbacks
):
    piece = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        read(piece, 2)
    _built, day, week, _lock = rankings._keys("en", timezone.localdate())
    assert not redis_cache.exists(day, week)
    assert rolled() == {1: [piece.pk], 7: [piece.pk]}
    assert redis_cache.zscore(week, rankings._member(piece.pk)) == 2


def test_a_rebuild_heals_a_piece_moved_to_another_edition(
    redis_cache, django_capture_on_commit_callbacks
):
    piece = ArticleFactory(language="en")
    ReadCount.objects.create(article=piece, day=timezone.localdate(), count=3)
    assert rolled("en") == {1: [piece.pk], 7: [piece.pk]}
    assert rolled("ru") == {1: [], 7: []}
    piece.language = "ru"
    piece.save()
    refresh_most_read.call_local()  # the worker's run, brought forward
    assert rolled("ru") == from_database("ru") == {1: [piece.pk], 7: [piece.pk]}
    assert rolled("en") == {1: [], 7: []}


def test_the_lists_show_only_what_readers_may_see(redis_cache):
    live, killed = ArticleFactory(headline="Live"), ArticleFactory(headline="Killed")
    for piece, count in ((live, 1), (killed, 50)):
        ReadCount.objects.create(article=piece, day=timezone.localdate(), count=count)
    assert most_read_by_window([1, 7], limit=5, language="en")[1] == [killed, live]
    Article.objects.filter(pk=killed.pk).update(status="killed")
    assert most_read_by_window([1, 7], limit=5, language="en") == {1: [live], 7: [live]}


def test_once_built_a_ranking_reads_no_daily_counts(redis_cache, settings):
    settings.FRAGMENT_CACHE = False
    piece = ArticleFactory()
    ReadCount.objects.create(article=piece, day=timezone.localdate(), count=2)
    most_read_by_window([1, 7], limit=5, language="en")
    with CaptureQueriesContext(connection) as queries:
        lists = most_read_by_window([1, 7], limit=5, language="en")
    assert lists == {1: [piece], 7: [piece]}
    assert not [q for q in queries if "articles_readcount" in q["sql"]]
    assert len(queries) == 1  # the visible pieces, nothing else


def test_without_redis_the_database_ranks(settings, django_capture_on_commit_callbacks):
    settings.CACHES = {
        "default": {
            "BACKEND": "caching.backends.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    piece = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        read(piece, 2)  # counted in the database though Redis is down
    assert rolled() is None
    assert most_read_by_window([1, 7], limit=5, language="en") == {
        1: [piece],
        7: [piece],
    }


def test_the_worker_builds_every_edition_so_no_reader_sums_the_week(
    redis_cache, settings
):
    settings.FRAGMENT_CACHE = False
    english, russian = ArticleFactory(language="en"), ArticleFactory(language="ru")
    for piece in (english, russian):
        ReadCount.objects.create(article=piece, day=timezone.localdate(), count=3)
    assert refresh_most_read.call_local() == [code for code, _ in settings.LANGUAGES]
    for language, piece in (("en", english), ("ru", russian)):
        with CaptureQueriesContext(connection) as queries:
            lists = most_read_by_window([1, 7], limit=5, language=language)
        assert lists == {1: [piece], 7: [piece]}
        assert not [q for q in queries if "articles_readcount" in q["sql"]]


def test_the_worker_refresh_takes_in_what_the_sets_missed(redis_cache):
    piece, other = ArticleFactory(), ArticleFactory()
    ReadCount.objects.create(article=piece, day=timezone.localdate(), count=2)
    assert rolled() == {1: [piece.pk], 7: [piece.pk]}
    # Reads the sets never heard of: counted while they were being built.
    ReadCount.objects.create(article=other, day=timezone.localdate(), count=5)
    assert rolled() == {1: [piece.pk], 7: [piece.pk]}
    refresh_most_read.call_local()
    assert (
        rolled()
        == from_database()
        == {1: [other.pk, piece.pk], 7: [other.pk, piece.pk]}
    )


def test_the_worker_leaves_a_build_in_progress_alone(redis_cache):
    piece = ArticleFactory()
    ReadCount.objects.create(article=piece, day=timezone.localdate(), count=1)
    lock = rankings._keys("en", timezone.localdate())[3]
    redis_cache.set(lock, 1)  # another process is building the English sets
    assert "en" not in refresh_most_read.call_local()
    assert rolled() is None  # readers fall back to the database meanwhile
    redis_cache.delete(lock)
    assert rolled() == {1: [piece.pk], 7: [piece.pk]}


def test_without_redis_the_worker_builds_nothing(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    assert refresh_most_read.call_local() == []
