"""The audit trail: who changed whose permissions, and every workflow step."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from articles import workflow
from audit.models import AuditEntry
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def entries(**filters) -> list[tuple[str, str, str]]:
    return [
        (e.actor_name, e.target, e.change)
        for e in AuditEntry.objects.filter(**filters).order_by("pk")
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
    AuditEntry.objects.all().delete()
    workflow.submit(article, by=journalist)
    workflow.publish(article, by=editor)
    assert entries(kind="workflow") == [
        ("journalist1", article.headline, "submit: draft → submitted"),
        ("editor1", article.headline, "publish: submitted → published"),
    ]


def test_the_trail_is_read_only_in_the_admin(admin_client):
    entry = AuditEntry.objects.create(
        kind="groups", target_type="auth.User", target_id="1", target="x", change="y"
    )
    assert (
        admin_client.get(reverse("admin:audit_auditentry_changelist")).status_code
        == 200
    )
    change = admin_client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
