"""`Article.CONTENT_FIELDS` is the one list of an article's content: every
editable column is either in it or the workflow's, a revision records and
restores all of it, a translation copies all of it but what each version
owns, and the editing form places each of it once."""

from __future__ import annotations

import pytest

from articles import revisions, translations
from articles.admin import ArticleAdmin
from articles.models import Article
from tests.factories import ArticleFactory, ImageFactory, SectionFactory

pytestmark = pytest.mark.django_db

# Editable columns that are not content: the publish time is the workflow's
# (a restored revision never reschedules a piece).
WORKFLOW_COLUMNS = {"published_at"}


def content(variant: str) -> dict:
    """A value for every content field, different for each variant."""
    first = variant == "a"
    return {
        "headline": f"Headline {variant}",
        "slug": f"slug-{variant}",
        "lead": f"Lead {variant}.",
        "body": f"<p>Body {variant}.</p>",
        "dateline_city": f"City {variant}",
        "source": f"Source {variant}",
        "content_type": "analysis" if first else "interview",
        "section_id": SectionFactory().pk,
        "urgency": 3 if first else 4,
        "is_exclusive": first,
        "has_video": first,
        "has_photos": not first,
        "is_sponsored": first,
        "partner_name": f"Partner {variant}",
        "language": "en" if first else "ru",
        "translation_of_id": ArticleFactory().pk,
        "hero_image_id": ImageFactory().pk,
        "hero_caption": f"Caption {variant}",
        "seo_title": f"SEO title {variant}",
        "seo_description": f"SEO description {variant}.",
    }


def article_with(values: dict, **kwargs) -> Article:
    article = ArticleFactory(**kwargs)
    for name, value in values.items():
        setattr(article, name, value)
    article.save()
    return article


def values(article: Article) -> dict:
    article.refresh_from_db()
    return {name: getattr(article, name) for name in Article.CONTENT_FIELDS}


def test_every_editable_column_is_content_or_the_workflows():
    """A new column has to be classed: content goes into revisions,
    translations and the form at once; anything else is left out of all."""
    editable = {
        field.attname
        for field in Article._meta.concrete_fields
        if field.editable and not field.primary_key
    }
    assert len(set(Article.CONTENT_FIELDS)) == len(Article.CONTENT_FIELDS)
    assert editable == set(Article.CONTENT_FIELDS) | WORKFLOW_COLUMNS


def test_a_revision_records_and_restores_every_content_field(editor):
    article = article_with(content("a"), draft=True)
    old = values(article)
    assert set(old) == set(Article.CONTENT_FIELDS)
    revision = revisions.record_revision(article, by=editor)
    assert {name: revision.data[name] for name in Article.CONTENT_FIELDS} == old

    for name, value in content("b").items():
        setattr(article, name, value)
    article.save()
    changed = values(article)
    assert all(changed[name] != old[name] for name in Article.CONTENT_FIELDS)

    revisions.restore(revision, by=editor)
    assert values(article) == old


def test_a_translation_copies_the_content_but_what_each_version_owns(editor):
    original = article_with({**content("a"), "translation_of_id": None})
    copy = translations.start_translation(original, "ru", editor)
    source, copied = values(original), values(copy)

    assert set(translations.NOT_COPIED) < set(Article.CONTENT_FIELDS)
    for name in Article.CONTENT_FIELDS:
        if name in translations.NOT_COPIED:
            assert copied[name] != source[name], name
        else:
            assert copied[name] == source[name], name
    assert copied["translation_of_id"] == original.pk
    assert copied["language"] == "ru"
    assert copied["seo_title"] == copied["seo_description"] == ""


def test_the_editing_form_places_every_content_field_once():
    placed = [
        Article._meta.get_field(name).attname
        for _title, options in ArticleAdmin.fieldsets
        for entry in options["fields"]
        for name in ((entry,) if isinstance(entry, str) else entry)
        if name in {f.name for f in Article._meta.concrete_fields}
    ]
    assert sorted(name for name in placed if name in Article.CONTENT_FIELDS) == (
        sorted(Article.CONTENT_FIELDS)
    )
