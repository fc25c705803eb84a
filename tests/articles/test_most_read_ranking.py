"""The most-read ranking reads an edition's counts by their copied edition."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import ReadCount
from readership.reading import ranking
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_the_copied_edition_is_the_articles():
    piece = ArticleFactory(language="az")
    count = ReadCount.objects.create(article=piece, day=timezone.localdate(), count=1)
    assert count.language == "az"


def test_the_ranking_sums_the_window_of_one_edition_only():
    today = timezone.localdate()
    steady, spike, old, russian = (
        ArticleFactory(headline="Steady"),
        ArticleFactory(headline="Spike"),
        ArticleFactory(headline="Old"),
        ArticleFactory(headline="Russian", language="ru"),
    )
    for days_ago in range(7):
        day = today - timedelta(days=days_ago)
        ReadCount.objects.create(article=steady, day=day, count=10)
        ReadCount.objects.create(article=russian, day=day, count=1000)
    ReadCount.objects.create(article=spike, day=today, count=50)
    ReadCount.objects.create(article=old, day=today - timedelta(days=8), count=900)
    week = today - timedelta(days=6)
    assert ranking("en", week, 5) == [steady.pk, spike.pk]
    assert ranking("en", today, 5) == [spike.pk, steady.pk]


def test_a_piece_moved_to_another_edition_takes_its_reads_along():
    today = timezone.localdate()
    piece = ArticleFactory(headline="Moved", language="en")
    ReadCount.objects.create(article=piece, day=today, count=40)
    piece.language = "ru"
    piece.save()
    assert ranking("ru", today, 5) == [piece.pk]
    assert ranking("en", today, 5) == []
