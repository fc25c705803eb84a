from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, RelatedArticle, unique_slug
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_slug_is_filled_from_headline_and_kept_unique():
    first = ArticleFactory(headline="Parliament passes the budget", slug="")
    second = ArticleFactory(headline="Parliament passes the budget", slug="")
    assert first.slug == "parliament-passes-the-budget"
    assert second.slug == "parliament-passes-the-budget-2"
    assert unique_slug("Parliament passes the budget") == (
        "parliament-passes-the-budget-3"
    )


def test_slug_cannot_change_after_publication():
    article = ArticleFactory(slug="original")
    article.slug = "renamed"
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert "slug" in excinfo.value.message_dict


def test_slug_may_change_before_publication():
    article = ArticleFactory(draft=True, slug="draft-slug")
    article.slug = "better-slug"
    article.full_clean()


@pytest.mark.parametrize(
    ("status", "offset", "visible"),
    [
        (Article.Status.PUBLISHED, -60, True),
        (Article.Status.PUBLISHED, +60, False),  # scheduled / embargoed
        (Article.Status.DRAFT, -60, False),
        (Article.Status.SUBMITTED, -60, False),
        (Article.Status.RETURNED, -60, False),
        (Article.Status.KILLED, -60, False),
    ],
)
def test_published_is_the_visibility_rule(status, offset, visible):
    now = timezone.now()
    article = ArticleFactory(
        status=status, published_at=now + timedelta(seconds=offset)
    )
    assert (article in Article.objects.published(at=now)) is visible
    assert article.is_published(at=now) is visible


def test_scheduled_piece_becomes_visible_exactly_at_its_time():
    at = timezone.now() + timedelta(hours=2)
    article = ArticleFactory(published_at=at)
    assert not Article.objects.published(at=at - timedelta(seconds=1)).filter(
        pk=article.pk
    )
    assert Article.objects.published(at=at).filter(pk=article.pk).exists()
    assert Article.objects.scheduled(at=at - timedelta(seconds=1)).filter(pk=article.pk)


def test_database_refuses_published_piece_without_publish_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)


def test_published_piece_without_publish_time_fails_validation():
    article = ArticleFactory.build(
        status=Article.Status.PUBLISHED, published_at=None, section=SectionFactory()
    )
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert "published_at" in excinfo.value.message_dict


def test_partner_content_must_name_partner():
    article = ArticleFactory.build(
        is_sponsored=True, partner_name="", section=SectionFactory(), slug="p"
    )
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert "partner_name" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        article.save()


@pytest.mark.parametrize("urgency", [0, 10])
def test_urgency_stays_on_the_iptc_scale(urgency):
    article = ArticleFactory.build(urgency=urgency, section=SectionFactory(), slug="u")
    with pytest.raises(ValidationError):
        article.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        article.save()


@pytest.mark.parametrize(("urgency", "breaking"), [(1, True), (2, True), (3, False)])
def test_breaking_follows_iptc_urgency(urgency, breaking):
    assert ArticleFactory.build(urgency=urgency).is_breaking is breaking


def test_dateline_reads_like_an_agency(settings):
    settings.TIME_ZONE = "Asia/Baku"
    article = ArticleFactory.build(
        dateline_city="Baku",
        published_at=datetime(2026, 11, 28, 22, 30, tzinfo=UTC),
    )
    # 22:30 UTC is already 29 November in Baku (UTC+4).
    assert article.dateline == "Baku, 29 November"
    assert ArticleFactory.build(dateline_city="").dateline == ""


def test_caption_and_seo_fall_back_to_image_and_headline():
    article = ArticleFactory.build(headline="H", lead="L", hero_caption="")
    assert article.meta_title == "H"
    assert article.meta_description == "L"
    assert article.caption == ""
    article.seo_title, article.seo_description = "SEO", "Desc"
    assert (article.meta_title, article.meta_description) == ("SEO", "Desc")


def test_bylines_keep_their_order():
    first, second = AuthorFactory(name="Zara"), AuthorFactory(name="Adil")
    article = ArticleFactory(authors=[first, second])
    assert [b.author.name for b in article.bylines.all()] == ["Zara", "Adil"]


def test_an_article_cannot_be_related_to_itself():
    article = ArticleFactory()
    link = RelatedArticle(article=article, target=article)
    with pytest.raises(ValidationError):
        link.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        link.save()


def test_translation_must_be_in_another_language():
    original = ArticleFactory(language="en")
    translation = ArticleFactory(language="en", translation_of=original)
    with pytest.raises(ValidationError) as excinfo:
        translation.full_clean()
    assert "translation_of" in excinfo.value.message_dict
    translation.language = "ru"
    translation.full_clean()


def test_language_defaults_to_settings():
    assert ArticleFactory().language == "en"


def test_bylines_keep_a_copy_of_the_publish_time_through_every_path(editor):
    """Author pages sort on the bylines' copy of the publish time, so it must
    follow the article: credited on a draft, scheduled, published, edited in
    the admin's way (a plain save), restored from a revision, translated."""
    from articles import revisions, translations, workflow

    first, second = AuthorFactory(), AuthorFactory()

    def copies(article: Article) -> set:
        article.refresh_from_db()
        return set(article.bylines.values_list("published_at", flat=True)) | {
            article.published_at
        }

    article = ArticleFactory(draft=True, authors=[first, second])
    assert copies(article) == {None}
    later = timezone.now() + timedelta(days=1)
    workflow.schedule(article, by=editor, at=later)
    assert copies(article) == {later}
    old = article.revisions.get(version=article.version)  # the step recorded it
    article.bylines.filter(author=second).delete()
    workflow.publish(article, by=editor)
    published = copies(article)
    assert len(published) == 1 and published != {later}
    article.published_at = timezone.now() - timedelta(minutes=5)
    article.save()
    assert len(copies(article)) == 1
    revisions.restore(old, by=editor)  # rewrites the bylines
    assert len(copies(article)) == 1
    copy = translations.start_translation(article, "ru", editor)
    assert copies(copy) == {copy.published_at}
    # A byline added afterwards takes the article's time too.
    article.bylines.create(author=AuthorFactory(), position=2)
    assert copies(article) == {article.published_at}
