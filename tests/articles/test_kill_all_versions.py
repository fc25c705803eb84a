"""A legal kill withdraws the story in every language in one step (issue
#17, item 19); the single kill still withdraws one version only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import previews, workflow
from articles.models import Article, PreviewLink, Transition
from audit.models import WorkflowStep
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    original = ArticleFactory(headline="Port deal", language="en")
    live_ru = ArticleFactory(
        headline="Сделка в порту", language="ru", translation_of=original
    )
    scheduled_az = ArticleFactory(
        headline="Liman sazişi",
        language="az",
        translation_of=original,
        published_at=timezone.now() + timedelta(hours=5),
    )
    return original, live_ru, scheduled_az


def test_kill_all_versions_kills_every_published_version(client, editor, story):
    live_ru = story[1]
    links = [previews.create_preview_link(v, by=editor) for v in story]

    workflow.kill_all_versions(live_ru, by=editor, reason="Court order")

    for version in story:
        version.refresh_from_db()
        assert version.status == "killed", version.language
        assert version.kill_reason == "Court order"
        assert client.get(version.get_absolute_url()).status_code == 410
        step = Transition.objects.get(article=version)
        assert (step.action, step.to_status, step.by) == ("kill", "killed", editor)
        assert "Court order" in step.comment
        assert version.revisions.filter(summary="Kill").exists()
        assert WorkflowStep.objects.filter(article=version, action="kill").exists()
    assert all(link.is_valid() is False for link in PreviewLink.objects.all())
    assert len(links) == 3


def test_kill_all_versions_leaves_unpublished_versions_but_ends_their_links(
    editor,
):
    original = ArticleFactory(language="en")
    draft_ru = ArticleFactory(draft=True, language="ru", translation_of=original)
    link = previews.create_preview_link(draft_ru, by=editor)
    workflow.kill_all_versions(original, by=editor, reason="Legal")
    draft_ru.refresh_from_db()
    link.refresh_from_db()
    assert draft_ru.status == "draft"
    assert not draft_ru.transitions.exists()
    assert link.revoked_at is not None


def test_kill_all_versions_from_an_already_killed_version(editor, story):
    original = story[0]
    workflow.kill(original, by=editor, reason="Legal")
    workflow.kill_all_versions(original, by=editor, reason="Legal, all languages")
    assert set(
        Article.objects.filter(pk__in=[v.pk for v in story]).values_list(
            "status", flat=True
        )
    ) == {"killed"}
    # The original was not killed twice.
    assert original.transitions.count() == 1


def test_the_single_kill_leaves_the_translations(editor, story):
    original, live_ru, scheduled_az = story
    workflow.kill(original, by=editor, reason="Wrong in English only")
    live_ru.refresh_from_db()
    scheduled_az.refresh_from_db()
    assert (live_ru.status, scheduled_az.status) == ("published", "published")


def test_kill_all_versions_is_refused_without_a_reason_or_permission(
    journalist, editor, story
):
    original = story[0]
    with pytest.raises(workflow.WorkflowError):
        workflow.kill_all_versions(original, by=editor, reason="  ")
    with pytest.raises(workflow.NotAllowed):
        workflow.kill_all_versions(original, by=journalist, reason="Legal")
    assert not Transition.objects.exists()
    assert set(Article.objects.values_list("status", flat=True)) == {"published"}


def test_kill_all_versions_with_nothing_left_to_kill_is_refused(editor):
    original = ArticleFactory(language="en")
    ArticleFactory(draft=True, language="ru", translation_of=original)
    workflow.kill(original, by=editor, reason="Legal")
    with pytest.raises(workflow.WorkflowError):
        workflow.kill_all_versions(original, by=editor, reason="Legal")


def test_kill_all_versions_is_offered_only_where_it_adds_something(editor, story):
    original = story[0]
    alone = ArticleFactory()
    names = {action.name for action in workflow.allowed_actions(original, editor)}
    assert "kill_all_versions" in names
    alone_names = {a.name for a in workflow.allowed_actions(alone, editor)}
    assert "kill_all_versions" not in alone_names
    # Another version only as a draft: a single kill does it all.
    with_draft = ArticleFactory(language="en")
    ArticleFactory(draft=True, language="ru", translation_of=with_draft)
    draft_names = {a.name for a in workflow.allowed_actions(with_draft, editor)}
    assert "kill_all_versions" not in draft_names


def test_kill_all_versions_is_not_taken_from_a_draft(editor, story):
    """Like every step, it starts from a version in one of its stages."""
    draft = ArticleFactory(draft=True, language="en", translation_of=story[0])
    with pytest.raises(workflow.WorkflowError):
        workflow.kill_all_versions(draft, by=editor, reason="Court order")
    assert not Transition.objects.exists()


def test_the_admin_button_kills_all_versions(client, editor, story):
    original = story[0]
    client.force_login(editor)
    url = reverse(
        "admin:articles_article_transition", args=[original.pk, "kill_all_versions"]
    )
    page = client.get(reverse("admin:articles_article_change", args=[original.pk]))
    # A button of the article form, which saves the form before the kill.
    assert 'name="_workflow" value="kill_all_versions"' in page.content.decode()

    response = client.post(url, {"comment": ""})
    assert response.status_code == 302
    assert set(Article.objects.values_list("status", flat=True)) == {"published"}

    response = client.post(url, {"comment": "Court order"})
    assert response.status_code == 302
    assert set(Article.objects.values_list("status", flat=True)) == {"killed"}


def test_journalists_cannot_kill_all_versions_through_the_admin(
    client, journalist, story
):
    client.force_login(journalist)
    url = reverse(
        "admin:articles_article_transition", args=[story[0].pk, "kill_all_versions"]
    )
    assert client.post(url, {"comment": "Legal"}).status_code == 403
    assert set(Article.objects.values_list("status", flat=True)) == {"published"}
