"""The admin's article search on PostgreSQL: the search index, not ILIKE."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.paginator import EstimatedCountPaginator
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def listed(client, **params) -> str:
    return client.get(
        reverse("admin:articles_article_changelist"), params
    ).content.decode()


def test_words_in_any_edition_and_exact_slugs_are_found(client, editor):
    ArticleFactory(headline="Pipelines reach the coast", slug="pipes-coast")
    ArticleFactory(
        headline="Нефтепроводы дошли до побережья", language="ru", slug="ru-1"
    )
    ArticleFactory(headline="Unrelated harvest news", slug="harvest")
    client.force_login(editor)
    html = listed(client, q="pipeline")  # stemmed: "Pipelines"
    assert "Pipelines reach the coast" in html and "Unrelated harvest" not in html
    assert "Нефтепроводы" in listed(client, q="нефтепровод", language__exact="ru")
    assert "Pipelines reach the coast" in listed(client, q="pipes-coast")


def test_searches_show_the_most_recently_edited_matches(client, editor, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "cap", 2)
    now = timezone.now()
    pieces = [
        ArticleFactory(
            headline=f"Budget story {n}", published_at=now - timedelta(days=n)
        )
        for n in range(3)
    ]
    client.force_login(editor)
    html = listed(client, q="budget")
    # The two saved last are listed; the first one saved falls outside.
    assert "Budget story 1" in html and "Budget story 2" in html
    assert "Budget story 0" not in html
    pieces[0].save()
    assert "Budget story 0" in listed(client, q="budget")
