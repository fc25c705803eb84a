"""Nothing typed is lost (#16): workflow buttons save the form first, the
form autosaves as the writer's own copy, and a piece that can only be read
shows its body as readers see it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, Autosave, Revision, Transition
from articles.revisions import record_revision
from tests.factories import ArticleFactory, ImageFactory, SectionFactory

pytestmark = pytest.mark.django_db


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def autosave_url(article: Article | None = None) -> str:
    if article is None:
        return reverse("admin:articles_article_autosave_new")
    return reverse("admin:articles_article_autosave", args=[article.pk])


def form_data(article: Article, **overrides) -> dict:
    """What the change form posts for `article`, unchanged unless overridden."""
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "lead": article.lead,
        "body": article.body,
        "dateline_city": article.dateline_city,
        "source": article.source,
        "section": article.section_id or "",
        "content_type": article.content_type,
        "tags": ", ".join(article.tags.names()) if article.pk else "",
        "urgency": article.urgency,
        "language": article.language,
        "partner_name": article.partner_name,
        "expected_version": article.version if article.pk else "",
        "bylines-TOTAL_FORMS": 0,
        "bylines-INITIAL_FORMS": 0,
        "related_links-TOTAL_FORMS": 0,
        "related_links-INITIAL_FORMS": 0,
    }
    data.update(overrides)
    return data


def messages_of(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


# Workflow buttons are buttons of the article form


TYPED = "<p>A paragraph typed and never saved before the button.</p>"
FUTURE = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
STEPS = [
    # action, start, role, the step's own inputs, expected stage
    ("submit", "own_draft", "journalist", {"workflow-submit-comment": "Ready"},
     "submitted"),
    ("return_to_author", "submitted", "editor",
     {"workflow-return_to_author-comment": "Second source"}, "returned"),
    ("publish", "submitted", "editor", {}, "live"),
    ("schedule", "submitted", "editor", {"workflow-schedule-at": FUTURE},
     "scheduled"),
    ("kill", "live", "editor", {"workflow-kill-comment": "Legal"}, "killed"),
    ("correct", "live", "editor",
     {"workflow-correct-kind": "correction", "workflow-correct-comment": "Name"},
     "live"),
]  # fmt: skip


def article_in(state: str, owner) -> Article:
    if state == "own_draft":
        return ArticleFactory(draft=True, created_by=owner)
    if state == "submitted":
        return ArticleFactory(draft=True, created_by=owner, status="submitted")
    return ArticleFactory(created_by=owner)


@pytest.mark.parametrize(("action", "start", "role", "inputs", "stage"), STEPS)
def test_a_workflow_button_saves_what_was_typed_then_takes_the_step(
    client, journalist, editor, action, start, role, inputs, stage
):
    from articles import workflow

    article = article_in(start, owner=journalist)
    client.force_login({"journalist": journalist, "editor": editor}[role])
    response = client.post(
        change_url(article),
        form_data(
            article, body=TYPED, lead="A sharper lead", _workflow=action, **inputs
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == change_url(article)
    article.refresh_from_db()
    assert article.body == TYPED
    assert article.lead == "A sharper lead"
    assert workflow.stage(article) == stage
    step = Transition.objects.get(article=article, action=action)
    comment = next((v for k, v in inputs.items() if k.endswith("comment")), "")
    assert step.comment == comment
    # The step's revision holds the typed text too.
    assert (
        Revision.objects.get(article=article, version=article.version).data["body"]
        == TYPED
    )
    assert any("done" in m for m in messages_of(response))


def test_a_new_piece_is_submitted_in_one_step(client, journalist):
    """The add form offers Submit; pressing it creates and submits the piece."""
    client.force_login(journalist)
    add = reverse("admin:articles_article_add")
    assertContains(client.get(add), 'name="_workflow" value="submit"')
    section = SectionFactory()
    new = ArticleFactory.build(section=section, slug="first-take", headline="First")
    response = client.post(
        add,
        form_data(
            new, body=TYPED, _workflow="submit", **{"workflow-submit-comment": "Hi"}
        ),
    )
    article = Article.objects.get(slug="first-take")
    assert response.status_code == 302
    assert response["Location"] == change_url(article)
    assert article.status == Article.Status.SUBMITTED
    assert article.body == TYPED
    assert article.created_by == journalist
    assert article.transitions.get().comment == "Hi"


def test_a_step_refused_before_the_save_keeps_the_form_as_typed(client, editor):
    """Schedule without a time: nothing is saved or scheduled, and the form
    comes back with the typed text and the reason."""
    article = ArticleFactory(draft=True, status="submitted")
    before = Article.objects.values().get(pk=article.pk)
    client.force_login(editor)
    response = client.post(
        change_url(article),
        form_data(article, body=TYPED, _workflow="schedule"),
    )
    assert response.status_code == 200
    assertContains(response, "Choose a date and time.")
    assert response.context["adminform"].form["body"].value() == TYPED
    assert Article.objects.values().get(pk=article.pk) == before
    assert not article.transitions.exists()


def test_a_past_schedule_time_is_a_form_error(client, editor):
    article = ArticleFactory(draft=True, status="submitted")
    client.force_login(editor)
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        change_url(article),
        form_data(
            article, body=TYPED, _workflow="schedule", **{"workflow-schedule-at": past}
        ),
    )
    assert response.status_code == 200
    assertContains(response, "A scheduled time must be in the future.")
    # The typed time is still in its input.
    assertContains(response, f'value="{past}"')
    assert Article.objects.get(pk=article.pk).status == "submitted"


def test_a_workflow_button_goes_through_the_version_check(client, editor, journalist):
    """Someone saved since the form was opened: the step is not taken, and
    the form comes back with the typed text and the typed note."""
    article = ArticleFactory(draft=True, created_by=journalist)
    record_revision(article, by=journalist)
    opened = article.version
    client.force_login(editor)
    response = client.post(change_url(article), form_data(article, lead="Theirs"))
    assert response.status_code == 302
    client.force_login(journalist)
    response = client.post(
        change_url(article),
        form_data(
            article,
            body=TYPED,
            expected_version=opened,
            _workflow="submit",
            **{"workflow-submit-comment": "Over to you"},
        ),
    )
    assert response.status_code == 200
    assertContains(response, "editor1 saved this article at")
    assert response.context["adminform"].form["body"].value() == TYPED
    assertContains(response, ">Over to you</textarea>")
    article.refresh_from_db()
    assert article.status == "draft"
    assert article.lead == "Theirs"
    assert not article.transitions.exists()


def test_a_step_refused_after_the_save_keeps_the_save(client, editor):
    """Publishing a piece whose picture has no alt text is refused; the edit
    made with the button is saved all the same, and the message says both."""
    article = ArticleFactory(
        draft=True, status="submitted", hero_image=ImageFactory(alt_text="")
    )
    client.force_login(editor)
    response = client.post(
        change_url(article),
        form_data(
            article, body=TYPED, hero_image=article.hero_image_id, _workflow="publish"
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == TYPED
    assert article.status == "submitted"
    (message,) = messages_of(response)
    assert "Your changes are saved" in message and "alt text" in message


def test_a_step_the_user_may_not_take_is_forbidden_and_saves_nothing(
    client, journalist
):
    article = ArticleFactory(draft=True, created_by=journalist)
    before = Article.objects.values().get(pk=article.pk)
    client.force_login(journalist)
    response = client.post(
        change_url(article), form_data(article, body=TYPED, _workflow="publish")
    )
    assert response.status_code == 403
    assert Article.objects.values().get(pk=article.pk) == before


def test_an_unknown_step_is_a_bad_request(client, editor):
    article = ArticleFactory(draft=True)
    before = Article.objects.values().get(pk=article.pk)
    client.force_login(editor)
    response = client.post(
        change_url(article), form_data(article, body=TYPED, _workflow="nonsense")
    )
    assert response.status_code == 400
    assert Article.objects.values().get(pk=article.pk) == before


def test_save_ignores_the_workflow_inputs(client, editor):
    """Save saves and takes no step, whatever the workflow inputs hold."""
    article = ArticleFactory(draft=True, status="submitted")
    client.force_login(editor)
    response = client.post(
        change_url(article),
        form_data(
            article,
            body=TYPED,
            _save="Save",
            **{"workflow-return_to_author-comment": "not sent"},
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == TYPED and article.status == "submitted"
    assert not article.transitions.exists()


def test_read_only_steps_keep_their_own_forms(client, editor):
    """Who may only read the form (an editor on a killed piece whose Russian
    version is still out) takes the steps open to them through forms of
    their own, as there is nothing typed to save."""
    killed = ArticleFactory(status="killed", language="en")
    ArticleFactory(language="ru", translation_of=killed)
    client.force_login(editor)
    response = client.get(change_url(killed))
    assertNotContains(response, 'name="_workflow"')
    assertContains(
        response,
        reverse(
            "admin:articles_article_transition",
            args=[killed.pk, "kill_all_versions"],
        ),
    )


# The body of a piece that can only be read


def test_a_submitted_piece_reads_as_text_for_its_journalist(client, journalist):
    article = ArticleFactory(
        draft=True,
        status="submitted",
        created_by=journalist,
        body="<p>First <strong>point</strong>.</p><h2>Why it matters</h2><p>Next.</p>",
    )
    client.force_login(journalist)
    response = client.get(change_url(article))
    assert response.status_code == 200
    assertContains(
        response,
        '<div class="article-body-read"><p>First <strong>point</strong>.</p>'
        "<h2>Why it matters</h2><p>Next.</p></div>",
        html=False,
    )
    assertNotContains(response, "&lt;h2&gt;")
    assertNotContains(response, "&lt;p&gt;")


def test_the_read_only_body_is_sanitised_again(client, journalist):
    """A body written past the model (a raw update) still cannot run script."""
    article = ArticleFactory(draft=True, status="submitted", created_by=journalist)
    Article.objects.filter(pk=article.pk).update(
        body='<p onclick="steal()">Text</p><script>steal()</script>'
    )
    client.force_login(journalist)
    response = client.get(change_url(article))
    assertContains(response, "<p>Text</p>")
    assertNotContains(response, "steal()")


def test_an_editable_form_keeps_the_body_editor(client, journalist):
    article = ArticleFactory(draft=True, created_by=journalist)
    client.force_login(journalist)
    response = client.get(change_url(article))
    assertContains(response, 'name="body"')
    assertNotContains(response, "article-body-read")


# Autosave


def test_autosave_keeps_the_writers_copy_without_touching_the_piece(client, journalist):
    article = ArticleFactory(draft=True, created_by=journalist)
    record_revision(article, by=journalist)
    before = Article.objects.values().get(pk=article.pk)
    client.force_login(journalist)
    moment = datetime(2026, 12, 7, 8, 4, tzinfo=ZoneInfo("UTC"))
    with time_machine.travel(moment, tick=False):
        response = client.post(
            autosave_url(article), form_data(article, body=TYPED, headline="New")
        )
    assert response.status_code == 200
    # The newsroom's time zone (Asia/Baku is UTC+4), not the server's.
    local = moment.astimezone(ZoneInfo(settings.TIME_ZONE))
    assert response.json()["status"] == f"Saved {local:%H:%M}"
    assert Article.objects.values().get(pk=article.pk) == before
    assert article.revisions.count() == 1
    saved = Autosave.objects.get(user=journalist, article=article)
    assert saved.data["body"] == TYPED
    assert saved.data["headline"] == "New"
    assert saved.base_version == article.version


def test_autosaves_update_one_copy_and_add_no_revision(client, journalist):
    article = ArticleFactory(draft=True, created_by=journalist)
    client.force_login(journalist)
    for n in range(3):
        response = client.post(
            autosave_url(article), form_data(article, body=f"<p>Take {n}</p>")
        )
        assert response.status_code == 200
    assert Autosave.objects.filter(article=article).count() == 1
    assert Autosave.objects.get(article=article).data["body"] == "<p>Take 2</p>"
    assert not article.revisions.exists()
    assert Article.objects.get(pk=article.pk).version == article.version


def test_reopening_the_piece_brings_the_autosaved_text_back(client, journalist):
    article = ArticleFactory(draft=True, created_by=journalist)
    client.force_login(journalist)
    client.post(
        autosave_url(article),
        form_data(article, body=TYPED, headline="Typed headline", is_exclusive="on"),
    )
    response = client.get(change_url(article))
    form = response.context["adminform"].form
    assert form["body"].value() == TYPED
    assert form["headline"].value() == "Typed headline"
    assert form["is_exclusive"].value() is True
    assert form["expected_version"].value() == article.version
    assertContains(response, "are back in the form below")
    # Another user's form shows the stored piece.
    other = Client()
    other.force_login(
        type(journalist).objects.create_superuser("chief", "c@example.org", "pw")
    )
    assert (
        other.get(change_url(article)).context["adminform"].form["body"].value()
        == article.body
    )


def test_saving_the_form_deletes_the_autosave(client, journalist):
    article = ArticleFactory(draft=True, created_by=journalist)
    client.force_login(journalist)
    client.post(autosave_url(article), form_data(article, body=TYPED))
    response = client.post(change_url(article), form_data(article, body=TYPED))
    assert response.status_code == 302
    assert not Autosave.objects.exists()
    assertNotContains(client.get(change_url(article)), "are back in the form below")


def test_a_refused_save_keeps_the_autosave(client, journalist):
    article = ArticleFactory(draft=True, created_by=journalist)
    client.force_login(journalist)
    client.post(autosave_url(article), form_data(article, body=TYPED))
    response = client.post(change_url(article), form_data(article, headline=""))
    assert response.status_code == 200
    assert Autosave.objects.filter(article=article).exists()


def test_autosave_after_someone_elses_save_answers_409_naming_them(
    client, journalist, editor
):
    article = ArticleFactory(draft=True, created_by=journalist)
    record_revision(article, by=journalist)
    opened = article.version
    client.force_login(editor)
    client.post(change_url(article), form_data(article, lead="The editor's lead"))
    stored = Article.objects.get(pk=article.pk)
    client.force_login(journalist)
    response = client.post(
        autosave_url(article),
        form_data(article, body=TYPED, expected_version=opened),
    )
    assert response.status_code == 409
    assert "editor1 saved this article at" in response.json()["conflict"]
    # Their save stands; the journalist's text is kept as their copy.
    assert Article.objects.values().get(pk=article.pk) == (
        Article.objects.values().get(pk=stored.pk)
    )
    assert Article.objects.get(pk=article.pk).lead == "The editor's lead"
    assert Autosave.objects.get(user=journalist).data["body"] == TYPED


def test_a_copy_older_than_the_stored_version_is_offered_not_restored(
    client, journalist, editor
):
    article = ArticleFactory(draft=True, created_by=journalist)
    record_revision(article, by=journalist)
    opened = article.version
    client.force_login(journalist)
    client.post(
        autosave_url(article), form_data(article, body=TYPED, expected_version=opened)
    )
    editor_client = Client()
    editor_client.force_login(editor)
    editor_client.post(change_url(article), form_data(article, lead="Newer"))

    response = client.get(change_url(article))
    assertContains(response, "made before the piece was saved again")
    assert response.context["adminform"].form["body"].value() == article.body

    restored = client.get(change_url(article) + "?autosave=restore")
    form = restored.context["adminform"].form
    assert form["body"].value() == TYPED
    # The version it was typed on: saving it shows the editor's change first.
    assert form["expected_version"].value() == opened
    response = client.post(
        change_url(article), form_data(article, body=TYPED, expected_version=opened)
    )
    assert response.status_code == 200
    assertContains(response, "saved this article at")


def test_autosave_sanitises_the_body_and_drops_nul(client, journalist):
    article = ArticleFactory(draft=True, created_by=journalist)
    client.force_login(journalist)
    response = client.post(
        autosave_url(article),
        form_data(
            article,
            headline="Nul\x00 inside",
            body='<p onclick="x()">Hi</p><script>alert(1)</script>',
        ),
    )
    assert response.status_code == 200
    data = Autosave.objects.get().data
    assert data["body"] == "<p>Hi</p>"
    assert data["headline"] == "Nul inside"


def test_autosave_leaves_out_a_choice_that_does_not_validate(client, journalist):
    """A section that does not exist is not kept (nor a 500), the text is."""
    article = ArticleFactory(draft=True, created_by=journalist)
    client.force_login(journalist)
    response = client.post(
        autosave_url(article), form_data(article, section="abc", body=TYPED)
    )
    assert response.status_code == 200
    data = Autosave.objects.get().data
    assert "section" not in data and data["body"] == TYPED
    form = client.get(change_url(article)).context["adminform"].form
    assert form["section"].value() == article.section_id


def test_autosave_keeps_text_that_would_not_validate_yet(client, journalist):
    article = ArticleFactory(draft=True, created_by=journalist)
    client.force_login(journalist)
    long_headline = "word " * 80
    client.post(autosave_url(article), form_data(article, headline=long_headline))
    assert Autosave.objects.get().data["headline"] == long_headline


@pytest.mark.parametrize("version", ["", "abc", "²", "999", "9" * 40])
def test_autosave_without_a_usable_version_is_a_bad_request(
    client, journalist, version
):
    article = ArticleFactory(draft=True, created_by=journalist)
    client.force_login(journalist)
    response = client.post(
        autosave_url(article), form_data(article, expected_version=version)
    )
    assert response.status_code == 400
    assert "version" in response.json()["error"]
    assert not Autosave.objects.exists()


def test_autosave_is_for_who_may_change_the_piece(
    client, journalist, other_journalist, desk, editor
):
    theirs = ArticleFactory(draft=True, created_by=other_journalist)
    submitted = ArticleFactory(draft=True, status="submitted", created_by=journalist)
    killed = ArticleFactory(status="killed")
    client.force_login(journalist)
    assert client.post(autosave_url(theirs), form_data(theirs)).status_code == 403
    assert client.post(autosave_url(submitted), form_data(submitted)).status_code == 403
    client.force_login(desk)
    assert client.post(autosave_url(theirs), form_data(theirs)).status_code == 403
    assert client.post(autosave_url(), form_data(theirs)).status_code == 403
    client.force_login(editor)
    assert client.post(autosave_url(killed), form_data(killed)).status_code == 403
    assert client.post(autosave_url(theirs), form_data(theirs)).status_code == 200
    assert Autosave.objects.get().user == editor
    assert client.get(autosave_url(theirs)).status_code == 405
    client.logout()
    response = client.post(autosave_url(theirs), form_data(theirs))
    assert response.status_code == 302  # to the login page
    assert Autosave.objects.count() == 1


def test_autosave_needs_the_csrf_token(journalist):
    article = ArticleFactory(draft=True, created_by=journalist)
    client = Client(enforce_csrf_checks=True)
    client.force_login(journalist)
    response = client.post(autosave_url(article), form_data(article, body=TYPED))
    assert response.status_code == 403
    assert not Autosave.objects.exists()


def test_a_new_piece_is_autosaved_offered_and_restored(client, journalist):
    client.force_login(journalist)
    new = ArticleFactory.build(section=SectionFactory(), slug="", headline="Unsaved")
    first = client.post(autosave_url(), form_data(new, body=TYPED))
    assert first.status_code == 200
    copy_id = first.json()["id"]
    again = client.post(
        autosave_url(), form_data(new, body="<p>More</p>", _autosave=copy_id)
    )
    assert again.json()["id"] == copy_id
    assert Autosave.objects.get().data["body"] == "<p>More</p>"

    add = reverse("admin:articles_article_add")
    assertContains(client.get(add), f'href="?autosave={copy_id}"')
    restored = client.get(f"{add}?autosave={copy_id}")
    assert restored.context["adminform"].form["body"].value() == "<p>More</p>"
    assertContains(restored, f'name="_autosave" value="{copy_id}"')

    response = client.post(
        add,
        form_data(new, slug="unsaved", body="<p>More</p>", _autosave=copy_id),
    )
    assert response.status_code == 302
    assert not Autosave.objects.exists()


def test_a_new_piece_copy_of_someone_else_is_never_shown(
    client, journalist, other_journalist
):
    client.force_login(other_journalist)
    copy_id = client.post(
        autosave_url(), form_data(ArticleFactory.build(), body=TYPED)
    ).json()["id"]
    client.force_login(journalist)
    add = reverse("admin:articles_article_add")
    response = client.get(f"{add}?autosave={copy_id}")
    assert response.context["adminform"].form["body"].value() in (None, "")
    assertNotContains(response, f"?autosave={copy_id}")
    # Nor can their autosave id be used to overwrite their copy.
    client.post(autosave_url(), form_data(ArticleFactory.build(), _autosave=copy_id))
    assert Autosave.objects.get(pk=copy_id).data["body"] == TYPED


def test_discarding_the_copy(client, journalist, other_journalist):
    article = ArticleFactory(draft=True, created_by=journalist)
    client.force_login(journalist)
    client.post(autosave_url(article), form_data(article, body=TYPED))
    saved = Autosave.objects.get()
    discard = reverse("admin:articles_article_autosave_discard", args=[saved.pk])
    other = Client()
    other.force_login(other_journalist)
    assert other.post(discard).status_code == 404
    assert client.get(discard).status_code == 405
    response = client.post(discard)
    assert response.status_code == 302
    assert response["Location"] == change_url(article)
    assert not Autosave.objects.exists()
