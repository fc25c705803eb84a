"""The admin's change list pages through a long list on PostgreSQL without a
full COUNT: past the cap, the planner's estimate gives the number of pages."""

import pytest
from django.db import connection
from django.urls import reverse

from articles.admin import ArticleAdmin
from articles.models import Article
from articles.paginator import EstimatedCountPaginator
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


@pytest.fixture
def seven_articles(monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "cap", 2)
    for n in range(7):
        ArticleFactory(headline=f"Piece {n}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")


def test_past_the_cap_the_count_is_the_planners_estimate(seven_articles):
    # The live-pieces rule is a filter, so the table's row estimate does not
    # apply; EXPLAIN's does.
    paginator = EstimatedCountPaginator(Article.objects.filter(status="published"), 2)
    assert 5 <= paginator.count <= 10
    assert len(paginator.page(3).object_list) == 2


def test_pages_past_the_cap_open_in_the_admin(
    client, editor, monkeypatch, seven_articles
):
    monkeypatch.setattr(ArticleAdmin, "list_per_page", 1)
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_changelist"), {"p": 6})
    assert response.status_code == 200
    assert response.context["cl"].paginator.count >= 6
    # Under the cap, the count is exact.
    searched = client.get(
        reverse("admin:articles_article_changelist"), {"q": "nothing-like-this"}
    )
    assert searched.context["cl"].paginator.count == 0
