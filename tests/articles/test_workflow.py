"""The workflow functions: states, transitions, permissions and their records."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import workflow
from articles.models import Article, Correction, RelatedArticle, Transition
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory

pytestmark = pytest.mark.django_db


def draft_by(user, **kwargs):
    return ArticleFactory(draft=True, created_by=user, **kwargs)


def test_full_round_trip_is_recorded(journalist, editor):
    article = draft_by(journalist)
    workflow.submit(article, by=journalist, comment="Ready")
    workflow.return_to_author(article, by=editor, comment="Add a source")
    assert article.status == Article.Status.RETURNED
    workflow.submit(article, by=journalist)
    workflow.publish(article, by=editor)
    assert article.status == Article.Status.PUBLISHED
    assert article.first_published_at == article.published_at
    steps = list(
        Transition.objects.filter(article=article)
        .order_by("at", "pk")
        .values_list("action", "from_status", "to_status", "by__username", "comment")
    )
    assert steps == [
        ("submit", "draft", "submitted", "journalist1", "Ready"),
        ("return_to_author", "submitted", "returned", "editor1", "Add a source"),
        ("submit", "returned", "submitted", "journalist1", ""),
        ("publish", "submitted", "published", "editor1", ""),
    ]
    assert article.revisions.count() >= 4


@pytest.mark.parametrize(
    ("action", "kwargs"),
    [
        ("publish", {}),
        ("schedule", {"at": timezone.now() + timedelta(days=1)}),
        ("kill", {"reason": "Legal"}),
        ("return_to_author", {"comment": "No"}),
        ("correct", {"kind": "correction", "text": "Fixed"}),
    ],
)
def test_journalist_cannot_perform_editor_actions(journalist, action, kwargs):
    article = ArticleFactory(created_by=journalist)  # live piece
    if action == "return_to_author":
        article = draft_by(journalist, status=Article.Status.SUBMITTED)
    before = Article.objects.get(pk=article.pk)
    with pytest.raises(workflow.NotAllowed):
        getattr(workflow, action)(article, by=journalist, **kwargs)
    after = Article.objects.get(pk=article.pk)
    assert (after.status, after.version, after.published_at) == (
        before.status,
        before.version,
        before.published_at,
    )
    assert not Transition.objects.filter(article=article).exists()


def test_journalist_cannot_submit_another_journalists_piece(
    journalist, other_journalist
):
    article = draft_by(other_journalist)
    with pytest.raises(workflow.NotAllowed):
        workflow.submit(article, by=journalist)
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_byline_author_counts_as_own(journalist, other_journalist):
    author = AuthorFactory(user=journalist)
    article = draft_by(other_journalist, authors=[author])
    workflow.submit(article, by=journalist)
    assert article.status == Article.Status.SUBMITTED


def test_desk_cannot_publish(desk):
    article = ArticleFactory(draft=True, status=Article.Status.SUBMITTED)
    with pytest.raises(workflow.NotAllowed):
        workflow.publish(article, by=desk)


@pytest.mark.parametrize(
    ("status", "action", "kwargs"),
    [
        (Article.Status.DRAFT, "kill", {"reason": "x"}),
        (Article.Status.DRAFT, "return_to_author", {"comment": "x"}),
        (Article.Status.KILLED, "publish", {}),
        (Article.Status.SUBMITTED, "correct", {"kind": "update", "text": "x"}),
    ],
)
def test_invalid_transition_names_allowed_states_and_changes_nothing(
    editor, status, action, kwargs
):
    article = ArticleFactory(status=status, published_at=timezone.now())
    version = article.version
    with pytest.raises(workflow.WorkflowError) as excinfo:
        getattr(workflow, action)(article, by=editor, **kwargs)
    assert "allowed from" in str(excinfo.value)
    fresh = Article.objects.get(pk=article.pk)
    assert (fresh.status, fresh.version) == (status, version)


def test_return_needs_a_comment(editor):
    article = ArticleFactory(draft=True, status=Article.Status.SUBMITTED)
    with pytest.raises(workflow.WorkflowError, match="comment"):
        workflow.return_to_author(article, by=editor, comment="  ")


def test_kill_needs_a_reason_and_records_it(editor):
    article = ArticleFactory()
    with pytest.raises(workflow.WorkflowError):
        workflow.kill(article, by=editor, reason="")
    workflow.kill(article, by=editor, reason="Source retracted")
    assert article.status == Article.Status.KILLED
    assert article.kill_reason == "Source retracted"
    assert article.killed_at is not None
    assert article not in Article.objects.published()


def test_schedule_must_be_in_the_future(editor):
    article = ArticleFactory(draft=True)
    with pytest.raises(workflow.WorkflowError, match="future"):
        workflow.schedule(article, by=editor, at=timezone.now() - timedelta(minutes=1))


def test_scheduled_piece_appears_at_its_time_with_no_job(editor):
    at = timezone.now() + timedelta(hours=3)
    article = ArticleFactory(draft=True)
    workflow.schedule(article, by=editor, at=at)
    assert workflow.stage(article) == workflow.SCHEDULED
    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        assert article not in Article.objects.published()
    with time_machine.travel(at + timedelta(seconds=1), tick=False):
        assert article in Article.objects.published()
        assert workflow.stage(article) == workflow.LIVE


def test_a_scheduled_piece_can_be_rescheduled_or_published_now(editor):
    article = ArticleFactory(draft=True)
    workflow.schedule(article, by=editor, at=timezone.now() + timedelta(hours=3))
    later = timezone.now() + timedelta(hours=5)
    workflow.schedule(article, by=editor, at=later)
    assert article.published_at == later == article.first_published_at
    workflow.publish(article, by=editor)
    assert workflow.stage(article) == workflow.LIVE


def test_corrections_are_data_in_order_and_set_updated_time(editor):
    article = ArticleFactory()
    workflow.correct(article, by=editor, kind="correction", text="Name misspelt")
    workflow.correct(article, by=editor, kind="update", text="Adds reaction")
    notes = list(article.corrections.values_list("kind", "text"))
    assert notes == [("correction", "Name misspelt"), ("update", "Adds reaction")]
    assert article.revised_at is not None
    assert Correction.objects.get(text="Name misspelt").get_kind_display() == (
        "Correction"
    )


def test_publish_refuses_to_show_what_is_not_public(editor):
    hidden_author = AuthorFactory(name="Gone Reporter", is_active=False)
    unpublished = ArticleFactory(draft=True, headline="Unfinished piece")
    article = ArticleFactory(
        draft=True,
        authors=[hidden_author],
        hero_image=ImageFactory(alt_text=""),
    )
    RelatedArticle.objects.create(article=article, target=unpublished)
    with pytest.raises(workflow.WorkflowError) as excinfo:
        workflow.publish(article, by=editor)
    problems = excinfo.value.problems
    assert any("Gone Reporter" in p for p in problems)
    assert any("alt text" in p for p in problems)
    assert any("Unfinished piece" in p for p in problems)
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_allowed_actions_follow_role_and_stage(journalist, editor):
    article = draft_by(journalist)
    assert [a.name for a in workflow.allowed_actions(article, journalist)] == ["submit"]
    assert {a.name for a in workflow.allowed_actions(article, editor)} == {
        "submit",
        "publish",
        "schedule",
    }
    workflow.submit(article, by=journalist)
    assert workflow.allowed_actions(article, journalist) == []
    live = ArticleFactory()
    assert {a.name for a in workflow.allowed_actions(live, editor)} == {
        "kill",
        "correct",
    }


def test_can_edit_rules(journalist, other_journalist, editor, desk):
    own = draft_by(journalist)
    assert workflow.can_edit(journalist, own)
    assert not workflow.can_edit(other_journalist, own)
    assert workflow.can_edit(editor, own)
    assert not workflow.can_edit(desk, own)
    workflow.submit(own, by=journalist)
    assert not workflow.can_edit(journalist, own)
    killed = ArticleFactory(status=Article.Status.KILLED)
    assert not workflow.can_edit(editor, killed)
