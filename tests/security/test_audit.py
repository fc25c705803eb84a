"""The audit trail: who changed whose permissions, and every workflow step."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from articles import workflow
from articles.models import Article, Transition
from audit.models import AuditEntry, WorkflowStep
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def entries(**filters) -> list[tuple[str, str, str]]:
    return [
        (e.actor_name, e.target, e.change)
        for e in AuditEntry.objects.filter(**filters).order_by("pk")
    ]


def steps(article) -> list[tuple[str, str, str]]:
    """The workflow's own records of `article`, as the trail reads them."""
    return [
        (step.by.username, str(step.article), step.change)
        for step in WorkflowStep.objects.filter(article=article).order_by("at", "pk")
    ]


def test_adding_a_user_to_a_group_in_the_admin_is_recorded(
    admin_client, admin_user, django_user_model
):
    reporter = django_user_model.objects.create_user("reporter", password="x")
    AuditEntry.objects.all().delete()
    editors = Group.objects.get(name="Editor")
    url = reverse("admin:auth_user_change", args=[reporter.pk])
    form = {
        "username": "reporter",
        "is_active": "on",
        "is_staff": "on",
        "groups": [editors.pk],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "10:00:00",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]

    assert entries(target_id=str(reporter.pk)) == [
        ("admin", "reporter", "is_staff set"),
        ("admin", "reporter", "groups added: Editor"),
    ]


def test_group_and_user_permission_changes_are_recorded(django_user_model):
    desk = Group.objects.get(name="Desk")
    user = django_user_model.objects.create_user("someone", password="x")
    delete_article = Permission.objects.get(codename="delete_article")
    AuditEntry.objects.all().delete()

    desk.permissions.add(delete_article)
    desk.permissions.remove(delete_article)
    user.user_permissions.add(delete_article)
    user.user_permissions.clear()
    desk.user_set.add(user)
    user.groups.clear()

    assert entries() == [
        ("system", "Desk", "permissions added: articles.delete_article"),
        ("system", "Desk", "permissions removed: articles.delete_article"),
        ("system", "someone", "permissions added: articles.delete_article"),
        ("system", "someone", "permissions removed: articles.delete_article"),
        ("system", "someone", "groups added: Desk"),
        ("system", "someone", "groups removed: Desk"),
    ]


def test_superuser_flips_are_recorded(django_user_model):
    user = django_user_model.objects.create_user("someone", password="x")
    AuditEntry.objects.all().delete()
    user.is_superuser = True
    user.save()
    user.first_name = "Some"
    user.save()  # no status change: nothing recorded
    user.is_superuser = False
    user.is_active = False
    user.save()
    assert [e[2] for e in entries()] == [
        "is_superuser set",
        "is_superuser cleared, is_active cleared",
    ]


def test_workflow_steps_are_recorded_with_their_author(journalist, editor):
    article = ArticleFactory(draft=True, created_by=journalist)
    workflow.submit(article, by=journalist)
    workflow.publish(article, by=editor)
    assert steps(article) == [
        ("journalist1", article.headline, "submit: draft → submitted"),
        ("editor1", article.headline, "publish: submitted → published"),
    ]


def test_workflow_steps_are_read_not_copied(editor):
    """The trail reads the workflow's own record of a step: no second row."""
    article = ArticleFactory(draft=True)
    AuditEntry.objects.all().delete()
    workflow.publish(article, by=editor)
    assert not AuditEntry.objects.exists()
    assert WorkflowStep.objects.filter(article=article).count() == 1


def test_a_purged_piece_keeps_its_steps_in_the_trail(editor):
    """Purging a piece deletes its workflow records: the trail keeps them."""
    article = ArticleFactory(draft=True)
    workflow.publish(article, by=editor)
    workflow.kill(article, by=editor, reason="Legal")
    headline, pk = article.headline, article.pk
    Article.all_objects.filter(pk=pk).delete()
    assert not Transition.objects.filter(article_id=pk).exists()
    assert entries(kind="workflow", target_id=str(pk)) == [
        ("editor1", headline, "publish: draft → published"),
        ("editor1", headline, "kill: published → killed (Legal)"),
    ]


@pytest.mark.parametrize("model", [AuditEntry, WorkflowStep])
def test_the_trail_is_read_only_in_the_admin(admin_client, editor, model):
    if model is AuditEntry:
        entry = AuditEntry.objects.create(
            kind="groups",
            target_type="auth.User",
            target_id="1",
            target="x",
            change="y",
        )
    else:
        article = workflow.publish(ArticleFactory(draft=True), by=editor)
        entry = WorkflowStep.objects.get(article=article)
    name = f"admin:audit_{model._meta.model_name}"
    assert admin_client.get(reverse(f"{name}_changelist")).status_code == 200
    change = admin_client.get(reverse(f"{name}_change", args=[entry.pk]))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    delete = reverse(f"{name}_delete", args=[entry.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=entry.pk).exists()
