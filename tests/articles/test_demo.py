"""The demo newsroom `make demo` serves: the issue's numbers, and idempotency."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.test import RequestFactory, override_settings
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles import roles
from articles.demo import DEFAULT_ARTICLES, LONG_ANALYSIS_SLUG, build_specs
from articles.models import (
    Article,
    Byline,
    RelatedArticle,
    Revision,
    Section,
    Transition,
)
from articles.sanitize import sanitize_body
from authors.models import Author, ExpertiseLine, SocialLink
from images.models import Image, Rendition

pytestmark = pytest.mark.django_db

COUNTED = {
    "sections": Section,
    "authors": Author,
    "expertise lines": ExpertiseLine,
    "social links": SocialLink,
    "images": Image,
    "renditions": Rendition,
    "articles": Article,
    "bylines": Byline,
    "related links": RelatedArticle,
    "tags": Tag,
    "tagged items": TaggedItem,
    "workflow steps": Transition,
    "revisions": Revision,
    "groups": Group,
}


def counts() -> dict[str, int]:
    numbers = {label: model.objects.count() for label, model in COUNTED.items()}
    numbers["users"] = get_user_model().objects.count()
    return numbers


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The default demo, loaded once for the module and rolled back after it.

    Drawing the renditions of three dozen images is the slow part of a load;
    paying it once keeps the module to one full run per database. Each test
    runs in a savepoint inside this transaction, as Django's TestCase does.
    """
    media = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        out = io.StringIO()
        call_command("load_demo_newsroom", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_default_run_loads_the_issue_numbers(demo):
    assert f"{DEFAULT_ARTICLES} articles" in demo
    assert Article.objects.count() >= 300
    assert Article.objects.count() == DEFAULT_ARTICLES
    assert (
        Section.objects.filter(
            slug__in=[
                "politics",
                "economy",
                "society",
                "culture",
                "sport",
                "world",
                "official",
            ]
        )
        .exclude(description="")
        .count()
        == 7
    )

    live = Article.objects.published()
    oldest = live.order_by("published_at").first().published_at
    assert timezone.now() - oldest <= timedelta(days=61)
    assert live.count() >= 300
    assert not live.exclude(first_published_at=F("published_at")).exists()


def test_authors_have_full_profiles(demo):
    authors = Author.objects.prefetch_related("expertise_lines", "social_links")
    assert authors.count() >= 10
    for author in authors:
        lines = list(author.expertise_lines.all())
        assert 2 <= len(lines) <= 3, author
        assert [line.position for line in lines] == list(range(len(lines)))
        assert author.education and author.city and author.country, author
        assert author.biography and author.photo_id, author
        assert 1 <= author.social_links.count() <= 3, author
    assert Author.objects.get(user__username="journalist").articles.exists()


def test_every_content_type_and_marker_is_present(demo):
    articles = Article.objects.all()
    assert set(articles.values_list("content_type", flat=True)) == set(
        Article.ContentType.values
    )
    assert articles.filter(is_exclusive=True).exists()
    assert articles.filter(has_video=True).exists()
    assert articles.filter(has_photos=True).exists()
    assert articles.filter(is_sponsored=True).exclude(partner_name="").exists()
    assert articles.filter(urgency=1).exists() and articles.filter(urgency=2).exists()
    press = articles.filter(content_type=Article.ContentType.PRESS_RELEASE)
    assert press.exists() and not press.filter(source="").exists()
    assert not articles.filter(dateline_city="").exists()
    assert articles.exclude(hero_image=None).count() > articles.count() * 0.8
    assert Image.objects.exclude(caption="").exclude(alt_text="").count() >= 24


def test_translations_point_at_english_pieces(demo):
    for language in ("az", "ru"):
        translations = Article.objects.filter(language=language)
        assert translations.exists()
        assert not translations.filter(translation_of=None).exists()
        assert not translations.exclude(translation_of__language="en").exists()
    assert Article.objects.filter(language="en").count() > 300 * 0.9


def test_workflow_has_drafts_and_scheduled_pieces(demo):
    """The pieces in the workflow got there through it, so they have history."""
    journalist = get_user_model().objects.get(username="journalist")
    drafts = Article.objects.filter(status=Article.Status.DRAFT)
    assert drafts.count() >= 2
    assert not drafts.exclude(published_at=None).exists()
    assert drafts.filter(created_by=journalist).exists()

    submitted = Article.objects.get(status=Article.Status.SUBMITTED)
    assert submitted.transitions.get().by == journalist

    returned = Article.objects.get(status=Article.Status.RETURNED)
    step = returned.transitions.first()
    assert (step.to_status, step.by.username) == ("returned", "editor")
    assert step.comment

    scheduled = Article.objects.scheduled()
    assert scheduled.count() == 2
    for article in scheduled:
        assert article.first_published_at == article.published_at
        assert article.transitions.first().by.username == "editor"


def test_bylines_related_links_and_tags(demo):
    byline_counts: dict[int, int] = {}
    for article_id in Byline.objects.values_list("article_id", flat=True):
        byline_counts[article_id] = byline_counts.get(article_id, 0) + 1
    assert 2 in byline_counts.values()
    assert Article.objects.exclude(pk__in=byline_counts).exists()  # agency byline
    assert all(
        positions == list(range(len(positions)))
        for positions in _positions(Byline).values()
    )

    links = RelatedArticle.objects.all()
    assert links.count() >= 100
    assert not any(a == t for a, t in links.values_list("article_id", "target_id"))
    assert all(1 <= len(p) <= 3 for p in _positions(RelatedArticle).values())
    assert not Article.objects.filter(tags=None).exists()


def _positions(model) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = {}
    for article_id, position in model.objects.order_by(
        "article_id", "position"
    ).values_list("article_id", "position"):
        grouped.setdefault(article_id, []).append(position)
    return grouped


def test_bodies_are_sanitised(demo):
    for body in Article.objects.values_list("body", flat=True):
        assert body == sanitize_body(body)


def test_long_analysis_has_subheadings_and_a_full_author_box(demo):
    article = Article.objects.get(slug=LONG_ANALYSIS_SLUG)
    assert article.content_type == Article.ContentType.ANALYSIS
    assert article.is_published()
    assert len(re.findall(r"<h[23][ >]", article.body)) >= 4
    assert "<blockquote>" in article.body
    assert "<ul>" in article.body or "<ol>" in article.body
    assert len(re.findall(r"<p>", article.body)) >= 10

    author = article.authors.get()
    assert author.expertise_lines.count() >= 2
    assert author.education and author.city
    assert article.translations.count() == 2


@pytest.mark.parametrize(
    ("username", "group"),
    [
        ("journalist", roles.JOURNALIST),
        ("editor", roles.EDITOR),
        ("desk", roles.DESK),
    ],
)
def test_demo_accounts_log_in_with_their_roles(demo, client, username, group):
    user = get_user_model().objects.get(username=username)
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [group]
    # django-axes needs the request that carries the password.
    request = RequestFactory().post("/")
    assert client.login(request=request, username=username, password="demo")


def test_second_run_adds_nothing(demo):
    """`make demo` runs the command on every start: it must be a no-op."""
    before = counts()
    out = io.StringIO()
    call_command("load_demo_newsroom", stdout=out)
    assert counts() == before
    assert "nothing added" in out.getvalue()


def test_a_smaller_run_after_a_bigger_one_adds_nothing(demo):
    """Article N is the same whatever the total, so --articles never duplicates."""
    before = counts()
    call_command("load_demo_newsroom", "--articles", "40", stdout=io.StringIO())
    assert counts() == before


def test_generation_is_deterministic_and_prefix_stable():
    small, full = build_specs(40), build_specs(DEFAULT_ARTICLES)
    assert len(small) == 40 and len(full) == DEFAULT_ARTICLES
    assert [s.slug for s in small] == [s.slug for s in full[:40]]
    assert [s.headline for s in full] == [s.headline for s in build_specs()]
    assert len({s.slug for s in full}) == DEFAULT_ARTICLES
