"""An old address of a published piece stays that piece's (issue #17, item
16): another piece can neither take it nor, passing through it, re-point
its redirect."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles import workflow
from articles.models import Article, SlugRedirect
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moved(editor) -> Article:
    """A published piece whose address changed before publication."""
    article = ArticleFactory(draft=True, slug="old-address", headline="Harbour")
    article.slug = "harbour-opens"
    article.save()
    workflow.publish(article, by=editor)
    assert SlugRedirect.objects.get(old_slug="old-address").article_id == article.pk
    return article


def test_a_draft_cannot_take_the_old_address_of_a_published_piece(moved, journalist):
    draft = ArticleFactory(draft=True, created_by=journalist, slug="mine")
    draft.slug = "old-address"
    with pytest.raises(ValidationError) as error:
        draft.full_clean()
    assert "slug" in error.value.message_dict
    assert "Harbour" in " ".join(error.value.message_dict["slug"])


def test_the_admin_form_refuses_it_with_a_form_error(client, moved, journalist):
    from tests.articles.test_admin_workflow import article_form_data

    draft = ArticleFactory(draft=True, created_by=journalist, slug="mine")
    client.force_login(journalist)
    response = client.post(
        reverse("admin:articles_article_change", args=[draft.pk]),
        article_form_data(draft, slug="old-address"),
    )
    assert response.status_code == 200
    assert "old address of the published piece" in response.content.decode()
    assert Article.objects.get(pk=draft.pk).slug == "mine"


def test_a_draft_passed_through_the_old_address_does_not_repoint_it(
    client, moved, journalist
):
    draft = ArticleFactory(draft=True, created_by=journalist, slug="mine")
    # A save that skips validation (the shell, an import) takes the slug ...
    draft.slug = "old-address"
    draft.save()
    draft.slug = "elsewhere"
    draft.save()
    # ... and leaves the redirect with the published piece.
    assert SlugRedirect.objects.get(old_slug="old-address").article_id == moved.pk
    response = client.get("/en/news/old-address/")
    assert response.status_code == 301
    assert response["Location"] == moved.get_absolute_url()


def test_a_draft_holding_the_old_address_cannot_be_published(moved, editor):
    draft = ArticleFactory(draft=True, slug="mine")
    Article.objects.filter(pk=draft.pk).update(slug="old-address")
    with pytest.raises(workflow.WorkflowError) as error:
        workflow.publish(draft, by=editor)
    assert any("old-address" in problem for problem in error.value.problems)
    assert Article.objects.get(pk=draft.pk).status == "draft"


def test_a_new_slug_from_a_headline_skips_old_addresses(moved):
    draft = ArticleFactory(draft=True, headline="Old address", slug="")
    assert draft.slug != "old-address"


def test_a_drafts_old_address_is_free_for_others(journalist, other_journalist):
    """Only pieces readers may know are protected: a draft's old slug was
    never public."""
    first = ArticleFactory(draft=True, created_by=journalist, slug="working-title")
    first.slug = "final-title"
    first.save()
    second = ArticleFactory(draft=True, created_by=other_journalist, slug="x")
    second.slug = "working-title"
    second.full_clean()
    second.save()
    second.slug = "second-title"
    second.save()
    assert SlugRedirect.objects.get(old_slug="working-title").article_id == second.pk
