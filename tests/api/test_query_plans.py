"""Polling the API costs what changed, not the archive. PostgreSQL only:
the plans are its own (the house pattern: tests/articles/test_query_plans.py)."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from devdata.generate import generate
from tests.articles.test_query_plans import rows_examined

from .conftest import LIST_URL, get_json, ids

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def explain_analyze(sql: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return plan[0]["Plan"]


def test_since_polling_reads_the_changed_pieces_through_their_index(api):
    """A poll after a few edits of old pieces reads those pieces on the
    `article_last_change` index, not the newest-first walk of everything
    (which must go back to the oldest piece to find them) nor the table."""
    generate(6000, authors=60, tags=200)  # ANALYZEs: real statistics
    since = timezone.now()
    oldest = list(Article.objects.published().order_by("published_at")[:5])
    for article in oldest:
        article.save()  # an edit readers see

    with CaptureQueriesContext(connection) as captured:
        items = get_json(api, LIST_URL, since=since.isoformat())["items"]
    assert sorted(ids(items)) == sorted(article.pk for article in oldest)

    (listing,) = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].startswith('SELECT "articles_article"')
    ]
    plan = explain_analyze(listing)
    assert "article_last_change" in json.dumps(plan), plan
    # The five pieces and, at most, a few drafts the generator dated now.
    assert rows_examined(plan, "articles_article") <= 50, plan
