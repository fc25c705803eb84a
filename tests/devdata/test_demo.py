"""The demo newsroom `make demo` serves: the issue's numbers, the three
language editions, and idempotency."""

from __future__ import annotations

import hashlib
import io
import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.test import RequestFactory, override_settings
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from api.models import ApiKey, Subscriber
from articles import roles
from articles.models import (
    Article,
    Byline,
    ReadCount,
    RelatedArticle,
    Revision,
    Section,
    Transition,
)
from articles.sanitize import sanitize_body
from articles.search import SearchFilters, search_articles, uses_full_text
from authors.models import Author, ExpertiseLine, SocialLink
from devdata.demo import (
    DEFAULT_ARTICLES,
    DEMO_API_KEY,
    LONG_ANALYSIS_SLUG,
    build_specs,
    content,
    ensure_demo_subscriber,
)
from headlines.models import CuratedItem, TickerItem
from images.models import Image, Rendition
from readership.reading import most_read
from tests.api.conftest import LIST_URL, ninjs_validator, validate, walk  # noqa: F401
from tests.devdata.facts import demo_facts

EDITIONS = ("az", "en", "ru")
TRANSLATED = ("az", "ru")

# The module loads the demo once (`demo`): under pytest-xdist its tests
# stay on one worker (CI runs with --dist loadgroup), or each worker would
# load it again.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-newsroom")]

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
    "ticker items": TickerItem,
    "curated items": CuratedItem,
    "read counts": ReadCount,
}


def counts() -> dict[str, int]:
    numbers = {label: model.objects.count() for label, model in COUNTED.items()}
    numbers["users"] = get_user_model().objects.count()
    numbers["translated texts"] = sum(
        len(texts)
        for model in (Section, ExpertiseLine)
        for translations in model.objects.values_list("translations", flat=True)
        for texts in translations.values()
    )
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
        override_settings(MEDIA_ROOT=media, DEBUG=True),
        transaction.atomic(),
    ):
        out = io.StringIO()
        call_command("load_demo_newsroom", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_default_run_loads_the_issue_numbers(demo):
    assert f"{len(build_specs())} articles" in demo
    assert f"{DEFAULT_ARTICLES} in English" in demo
    assert Article.objects.in_edition("en").count() == DEFAULT_ARTICLES
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


def test_every_edition_has_a_live_front_page(demo):
    """Each edition's home has a lead with a picture, blocks of two or more
    pieces in every section, a long latest-news column and every marker."""
    for language in EDITIONS:
        live = Article.objects.published().in_edition(language)
        assert live.count() >= (300 if language == "en" else 40), language
        # The home page leads with the newest piece that has a picture.
        assert live.latest("published_at").hero_image_id, language
        per_section = dict(
            live.order_by()
            .values_list("section__slug")
            .annotate(n=Count("pk"))
            .values_list("section__slug", "n")
        )
        assert set(per_section) == set(
            Section.objects.values_list("slug", flat=True)
        ), language
        assert min(per_section.values()) >= 2, (language, per_section)
        assert live.filter(is_exclusive=True).exists(), language
        assert live.filter(has_video=True).exists(), language
        assert live.filter(has_photos=True).exists(), language
        assert live.filter(is_sponsored=True).exclude(partner_name="").exists()
        press = live.filter(content_type=Article.ContentType.PRESS_RELEASE)
        assert press.exists() and not press.filter(source="").exists(), language
        assert live.filter(urgency__lte=2).exists(), language
        assert len(most_read(language=language)) >= 5, language
        picks = CuratedItem.objects.active().filter(article__language=language)
        assert picks.count() >= 3, language


def test_translations_are_linked_to_their_originals(demo):
    """A translation points at the English original, never at another
    translation, and keeps its section, picture, markers, tags and bylines."""
    translations = Article.objects.exclude(translation_of=None).select_related(
        "translation_of"
    )
    assert set(translations.values_list("language", flat=True)) == set(TRANSLATED)
    for translation in translations:
        original = translation.translation_of
        assert original.translation_of_id is None
        assert original.language == "en" != translation.language
        assert translation.section_id == original.section_id
        assert translation.hero_image_id == original.hero_image_id
        assert translation.content_type == original.content_type
        for marker in ("is_exclusive", "has_video", "has_photos", "partner_name"):
            assert getattr(translation, marker) == getattr(original, marker)
        assert set(translation.tags.names()) == set(original.tags.names())
        assert list(translation.authors.values_list("pk", flat=True)) == list(
            original.authors.values_list("pk", flat=True)
        )
        if translation.published_at:
            assert translation.published_at > original.published_at
        assert translation.slug.isascii()

    complete = Article.objects.filter(translation_of=None, language="en").annotate(
        versions=Count("translations", filter=Q(translations__language__in=TRANSLATED))
    )
    assert complete.filter(versions=2).count() >= 20
    for group in complete.filter(versions=2):
        assert sorted(group.translations.values_list("language", flat=True)) == [
            "az",
            "ru",
        ]
    # Each edition also runs pieces of its own.
    for language in TRANSLATED:
        own = Article.objects.filter(language=language, translation_of=None)
        assert own.count() >= 20, language
        assert all(slug.isascii() for slug in own.values_list("slug", flat=True))


def test_sections_and_expertise_lines_speak_every_language(demo):
    for section in Section.objects.all():
        names = {
            language: section.translated("name", language) for language in EDITIONS
        }
        assert len(set(names.values())) == 3, names
    lines = ExpertiseLine.objects.all()
    assert lines.count() >= 20
    for line in lines:
        for language in TRANSLATED:
            assert line.translations.get(language, {}).get("text"), (line, language)
        assert line.translated("text", "ru") != line.text


def test_every_edition_has_its_own_ticker(demo):
    for language in EDITIONS:
        items = list(TickerItem.objects.active(language=language))
        assert len(items) >= 3, language
        assert any(item.is_breaking for item in items), language
        linked = [item for item in items if item.article_id]
        assert linked, language
        assert all(item.article.language == language for item in linked)
    assert (
        not TickerItem.objects.exclude(article=None)
        .exclude(article__language=F("language"))
        .exists()
    )
    # Written for the edition, not copied from the English ticker.
    texts = {
        language: set(
            TickerItem.objects.filter(language=language).values_list("text", flat=True)
        )
        for language in EDITIONS
    }
    assert texts["az"].isdisjoint(texts["en"])
    assert texts["ru"].isdisjoint(texts["en"])
    assert all(re.search("[а-я]", text) for text in texts["ru"])


@pytest.mark.postgresql
def test_russian_search_finds_other_word_forms(demo):
    """The Russian edition is searched with Russian stemming: the nominative
    "месторождение" finds a piece that only says "месторождений"."""
    assert uses_full_text()
    piece = Article.objects.get(
        slug="caspian-operator-to-drill-at-three-new-oil-fields-ru"
    )
    assert "нефтяных месторождений" in piece.body
    assert "месторождение" not in piece.body
    found = list(search_articles("месторождение", SearchFilters(language="ru")))
    assert piece in found
    assert {article.language for article in found} == {"ru"}


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
    assert scheduled.count() == 4
    for language, count in {"en": 2, "az": 1, "ru": 1}.items():
        assert scheduled.in_edition(language).count() == count
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
    request = RequestFactory().post("/en/")
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
    """`--articles` sizes the English edition; the other editions come whole."""
    small, full = build_specs(40), build_specs(DEFAULT_ARTICLES)
    english = [s for s in small if s.language == "en"]
    assert len(english) == 40
    assert len([s for s in full if s.language == "en"]) == DEFAULT_ARTICLES
    assert [s.slug for s in english] == [s.slug for s in full[:40]]
    assert [s.slug for s in small[40:]] == [s.slug for s in full[DEFAULT_ARTICLES:]]
    assert [s.headline for s in full] == [s.headline for s in build_specs()]
    assert len({s.slug for s in full}) == len(full)
    slugs = {s.slug for s in small}
    assert all(s.translation_of in slugs for s in small if s.translation_of)


def test_readers_see_the_same_demo_as_before_the_move(demo):
    """The demo's texts moved from Python literals to YAML files (#18): the
    facts pinned in demo_facts.json were read from a load by the old
    loader, and every story, byline, tag, picture, ticker item and pick must
    still be there, unchanged. Change the JSON only with the content."""
    pinned = json.loads((Path(__file__).parent / "demo_facts.json").read_text())
    facts = json.loads(json.dumps(demo_facts()))
    for name, value in pinned.items():
        assert facts[name] == value, name
    assert facts.keys() == pinned.keys()


def test_the_data_files_name_only_what_they_define():
    """A slug or title mistyped in a YAML file fails here, not mid-load."""
    specs = build_specs()
    sections = {section.slug for section in content.sections()}
    authors = {author.slug for author in content.authors()}
    images = {image.title for image in content.images()}
    slugs = {spec.slug for spec in specs}
    for spec in specs:
        assert spec.section in sections, spec.slug
        assert set(spec.authors) <= authors, spec.slug
        assert spec.image is None or spec.image in images, spec.slug
        assert spec.translation_of is None or spec.translation_of in slugs
    assert {image.section for image in content.images()} <= sections
    for item in content.ticker():
        assert item.article is None or item.article in slugs, item.text
    assert content.staff()["journalist_author"] in authors


def test_editions_must_translate_the_same_stories(monkeypatch):
    """The translations of a story are paired by position across editions."""
    edition = content.edition
    russian = edition("ru")
    shuffled = content.Edition(
        translations=russian.translations[::-1], pieces=russian.pieces
    )
    monkeypatch.setattr(
        content,
        "edition",
        lambda language: shuffled if language == "ru" else edition(language),
    )
    with pytest.raises(ValueError, match="same stories in the same order"):
        content.stories_in_every_edition()


def test_demo_key_reads_the_demo_newsroom(demo, client, validate):  # noqa: F811
    """The README's `curl -H 'Authorization: Bearer demo-key' …`: the key,
    its stored digest and valid ninjs items made from the demo's content."""
    assert "API subscribers" in demo
    api_key = ApiKey.objects.get(subscriber__name="Demo subscriber")
    assert api_key.digest == hashlib.sha256(DEMO_API_KEY.encode()).hexdigest()

    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {DEMO_API_KEY}"
    items = walk(client, LIST_URL, limit=50)
    assert len(items) >= 15
    for item in items:
        validate(item)
    assert any("associations" in item for item in items)
    assert any(item["language"] != "en" for item in items)

    # A second run adds nothing.
    assert ensure_demo_subscriber() is False
    assert Subscriber.objects.count() == 1
    assert ApiKey.objects.count() == 1
