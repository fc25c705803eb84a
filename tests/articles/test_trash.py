"""Nothing lost: editors delete into a trash they can restore from; only a
superuser purges, and pictures stay until then (and after: they are shared)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article, Section, Transition
from audit.models import WorkflowStep
from tests.factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def action(client, name: str, *articles: Article, **params):
    return client.post(
        CHANGELIST + ("?trash=deleted" if params.get("trash") else ""),
        {"action": name, "_selected_action": [a.pk for a in articles]},
        follow=True,
    )


def test_editor_deletes_and_restores_from_the_admin(client, editor):
    article = ArticleFactory(headline="Harbour expansion approved")
    client.force_login(editor)
    assert client.get(article.get_absolute_url()).status_code == 200

    response = action(client, "delete_to_trash", article)
    assert "1 deleted." in response.content.decode()
    assert not Article.objects.filter(pk=article.pk).exists()
    assert Article.all_objects.get(pk=article.pk).deleted_by == editor
    assert client.get(article.get_absolute_url()).status_code == 410
    assert "Harbour expansion" not in client.get(CHANGELIST).content.decode()
    trash = client.get(CHANGELIST, {"trash": "deleted"}).content.decode()
    assert "Harbour expansion approved" in trash

    response = action(client, "restore_from_trash", article, trash=True)
    assert "1 restored." in response.content.decode()
    restored = Article.objects.get(pk=article.pk)
    assert restored.deleted_at is None and restored.status == "published"
    assert client.get(article.get_absolute_url()).status_code == 200
    assert list(
        Transition.objects.filter(article=article).values_list("action", "by")
    ) == [("restore", editor.pk), ("delete", editor.pk)]
    assert WorkflowStep.objects.filter(action="delete").count() == 1


def test_editors_cannot_purge_and_journalists_cannot_delete(client, editor, journalist):
    article = ArticleFactory(created_by=journalist)
    client.force_login(editor)
    delete_url = reverse("admin:articles_article_delete", args=[article.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()
    with pytest.raises(workflow.NotAllowed):
        workflow.delete(article, by=journalist)
    client.force_login(journalist)
    form = client.get(CHANGELIST).context["action_form"]
    actions = dict(form.fields["action"].choices) if form else {}
    assert "delete_to_trash" not in actions


def test_superuser_purges_for_real_and_pictures_stay(admin_client, admin_user):
    image = ImageFactory()
    article = ArticleFactory(hero_image=image)
    workflow.delete(article, by=admin_user)
    assert image.file.storage.exists(image.file.name)

    response = admin_client.post(
        CHANGELIST + "?trash=deleted",
        {
            "action": "delete_selected",
            "_selected_action": [article.pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not Article.all_objects.filter(pk=article.pk).exists()
    assert image.file.storage.exists(image.file.name)


def test_deleted_pieces_leave_relations_too(editor):
    """Related managers start from the default manager: no deleted piece
    comes back through a section, a tag or an author."""
    article = ArticleFactory()
    section = article.section
    workflow.delete(article, by=editor)
    assert list(section.articles.all()) == []
    assert not Section.objects.filter(
        Article.objects.published_q(prefix="articles__")
    ).exists()


def test_deleting_twice_or_restoring_a_live_piece_is_refused(editor):
    article = ArticleFactory()
    with pytest.raises(workflow.WorkflowError):
        workflow.restore(article, by=editor)
    workflow.delete(article, by=editor)
    with pytest.raises(workflow.WorkflowError):
        workflow.delete(article, by=editor)
