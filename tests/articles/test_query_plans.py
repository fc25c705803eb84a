"""At archive scale the reader pages' queries use indexes, and the benchmark
generator produces consistent rows. PostgreSQL only: the plans are its own."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.db.models import Count, F, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Byline, ReadCount, Section
from articles.search import search_articles
from authors.models import Author
from devdata.generate import generate, name
from images.models import Image
from images.renditions import plan_renditions
from readership import reading
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def test_generator_fills_articles_bylines_tags_and_search_vectors():
    report = generate(200, authors=20, tags=50, chunk=64)
    assert report.articles == Article.objects.count() == 200
    assert Byline.objects.count() == report.bylines > 0
    # Bylines carry their article's publish time (author pages sort on it).
    dated = Byline.objects.filter(article__published_at__isnull=False)
    assert not dated.exclude(published_at=F("article__published_at")).exists()
    assert Byline.objects.filter(published_at=None).count() == (
        Byline.objects.filter(article__published_at=None).count()
    )
    assert Article.tags.through.objects.count() == report.tagged > 0
    assert not Article.objects.filter(search_vector__isnull=True).exists()
    assert Section.objects.count() == 12
    # The last two weeks' pieces have been read, the home page's most read.
    assert ReadCount.objects.count() == report.read_counts > 0
    assert not ReadCount.objects.exclude(article__status="published").exists()
    latest = ReadCount.objects.latest("day")
    days = (timezone.localdate() - latest.day).days + 1
    listed = reading.most_read(days=days, language=latest.article.language, limit=99)
    assert latest.article in listed
    # Most pieces show a picture from the library, with every rendition an
    # upload of its size would get (the home page's cards draw on them).
    pictured = Article.objects.exclude(hero_image=None).count()
    assert 0.5 * 200 < pictured < 0.9 * 200
    image = Image.objects.get(
        pk=Article.objects.exclude(hero_image=None)[0].hero_image_id
    )
    assert {(r.spec, r.format, r.width, r.height) for r in image.renditions.all()} == {
        (p.spec.name, fmt, *p.size)
        for p in plan_renditions(image.width, image.height, 0.5, 0.5)
        for fmt in p.spec.formats
    }
    assert Article.objects.published().count() > 150
    assert len(search_articles(name(3))) > 0
    # A second run adds more rows after the first ones, with fresh ids.
    generate(50, authors=20, tags=50)
    assert Article.objects.count() == 250
    assert Image.objects.count() == 1000  # the library is reused


def reader_urls() -> dict[str, str]:
    article = Article.objects.published().order_by("-published_at")[3]
    busiest_tag = Tag.objects.get(slug="bench-0")
    quiet_tag = Tag.objects.get(slug="bench-700")
    author = Author.objects.active().order_by("pk").first()
    day = article.published_at
    return {
        "home": "/en/",
        "article": article.get_absolute_url(),
        "section": article.section.get_absolute_url(),
        "busy tag": f"/en/tag/{busiest_tag.slug}/",
        "quiet tag": f"/en/tag/{quiet_tag.slug}/",
        "author": author.get_absolute_url(),
        "archive": f"/en/archive/{day.year}/{day.month}/{day.day}/",
        "search": f"/en/search/?q={name(5)}",
        "rss": "/en/feeds/rss/",
        "section rss": f"/en/feeds/section/{article.section.slug}/rss/",
    }


# Nodes that read their whole input before returning a row: a LIMIT above
# them no longer bounds the scan below.
BLOCKING = {"Sort", "Incremental Sort", "Aggregate", "Hash", "Materialize", "WindowAgg"}
JOINS = {"Nested Loop", "Hash Join", "Merge Join"}


def full_scans(node: dict, table: str, *, bounded: bool = False) -> list[str]:
    """Sequential scans of `table` that are not cut short by a LIMIT.

    A scan streaming into a LIMIT (say, the outer side of a join counting
    up to a cap) stops after a bounded number of rows; one under a sort, an
    aggregate or a hash reads the whole table.
    """
    kind = node["Node Type"]
    if kind == "Limit":
        bounded = True
    elif kind in BLOCKING:
        bounded = False
    if kind == "Seq Scan" and node.get("Relation Name") == table and not bounded:
        return [kind]
    found = []
    for position, child in enumerate(node.get("Plans", [])):
        inner = kind in JOINS and position > 0
        sub = child.get("Parent Relationship") in ("SubPlan", "InitPlan")
        found += full_scans(child, table, bounded=bounded and not inner and not sub)
    return found


def test_reader_pages_never_scan_the_whole_article_table(client):
    """Every query the main reader pages run, EXPLAINed with real statistics
    (the generator ANALYZEs), reaches articles through an index or stops
    early under a LIMIT: no plan reads the whole article table."""
    generate(20000, authors=200, tags=1000)
    scans = []
    for page, url in reader_urls().items():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        for query in captured.captured_queries:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (FORMAT JSON) " + query["sql"])
                plan = cursor.fetchone()[0]
                plan = json.loads(plan) if isinstance(plan, str) else plan
            if full_scans(plan[0]["Plan"], "articles_article"):
                scans.append(f"{page}: {query['sql'][:300]}\n{plan}")
    assert not scans, "\n\n".join(scans)


def rows_examined(node: dict, table: str) -> int:
    """Rows an EXPLAIN ANALYZE plan looked at in `table`, over all loops:
    those it returned and those its filters threw away."""
    own = 0
    if node.get("Relation Name") == table:
        removed = node.get("Rows Removed by Filter", 0) + node.get(
            "Rows Removed by Index Recheck", 0
        )
        own = (node["Actual Rows"] + removed) * node["Actual Loops"]
    return own + sum(rows_examined(child, table) for child in node.get("Plans", []))


def test_an_author_page_reads_a_page_of_articles_however_few_they_wrote(client):
    """An author with a small share of the archive, and many drafts: their
    page looks at about a page of bylines and articles, walking their
    bylines newest first on the copy of the publish time, rather than the
    edition's newest pieces looking for theirs (thousands of rows here,
    hundreds of thousands at agency scale) or their drafts."""
    generate(6000, authors=60, tags=200)
    author = (
        Author.objects.active()
        .annotate(pieces=Count("bylines", filter=Q(bylines__article__language="en")))
        .filter(pieces__gt=40)
        .order_by("pieces")
        .first()
    )
    share = author.pieces / Article.objects.filter(language="en").count()
    assert share < 0.02, "the generator should leave some authors a small share"
    for _ in range(150):
        ArticleFactory(draft=True, language="en", authors=[author])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(author.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["articles"]) == 30
    listing = [
        q["sql"] for q in captured.captured_queries if "articles_byline" in q["sql"]
    ]
    assert len(listing) == 1, listing
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + listing[0])
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
    # The author also writes in the other editions: about half of their
    # bylines are English ones.
    for table in ("articles_byline", "articles_article"):
        assert rows_examined(plan[0]["Plan"], table) <= 4 * 31, (table, plan)
