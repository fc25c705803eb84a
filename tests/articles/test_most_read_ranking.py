"""The most-read ranking from each day's leaders equals summing the window."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import ReadCount
from articles.reading import ranking, window_sum_ranking
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("seed", range(6))
def test_leaders_of_each_day_give_the_window_sum_ranking(seed):
    rng = random.Random(seed)
    today = timezone.localdate()
    pieces = ArticleFactory.create_batch(40)
    other_edition = ArticleFactory(language="ru")
    # Skewed days (a few leaders) and flat ones (where the bound fails and
    # the whole window is summed) alike.
    flat = seed % 2
    for piece in [*pieces, other_edition]:
        for days_ago in range(7):
            if rng.random() < 0.7:
                count = rng.randint(1, 5) if flat else int(1000 * rng.random() ** 4) + 1
                ReadCount.objects.create(
                    article=piece, day=today - timedelta(days=days_ago), count=count
                )
    for days in (1, 7):
        since = today - timedelta(days=days - 1)
        for places in (3, 10):
            assert ranking("en", since, places) == window_sum_ranking(
                "en", since, places
            )


def test_the_copied_edition_is_the_articles():
    piece = ArticleFactory(language="az")
    count = ReadCount.objects.create(article=piece, day=timezone.localdate(), count=1)
    assert count.language == "az"
