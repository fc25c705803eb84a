"""The workflow through the admin, as each role would use it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import presence, workflow
from articles.models import Article, Revision
from headlines.models import TickerItem
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def transition_url(article, action):
    return reverse("admin:articles_article_transition", args=[article.pk, action])


def article_form_data(article, **overrides):
    """What the change form posts for `article`, unchanged unless overridden."""
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "lead": article.lead,
        "body": article.body,
        "dateline_city": article.dateline_city,
        "source": article.source,
        "section": article.section_id,
        "content_type": article.content_type,
        "tags": ", ".join(article.tags.names()) if article.pk else "",
        "urgency": article.urgency,
        "language": article.language,
        "partner_name": article.partner_name,
        "expected_version": article.version,
        "bylines-TOTAL_FORMS": 0,
        "bylines-INITIAL_FORMS": 0,
        "related_links-TOTAL_FORMS": 0,
        "related_links-INITIAL_FORMS": 0,
    }
    data.update(overrides)
    return data


def login(client, user):
    client.force_login(user)
    return client


ACTION_DATA = {
    "submit": {},
    "return_to_author": {"comment": "Needs a second source"},
    "publish": {},
    "schedule": {"at": "2099-01-01T10:00"},
    "kill": {"comment": "Legal request"},
    "correct": {"kind": "correction", "comment": "Spelling of a name"},
}
START_STATE = {
    "submit": "own_draft",
    "return_to_author": "submitted",
    "publish": "submitted",
    "schedule": "submitted",
    "kill": "live",
    "correct": "live",
}
ALLOWED = {
    # role: actions allowed through the admin
    "journalist": {"submit"},
    "editor": {"submit", "return_to_author", "publish", "schedule", "kill", "correct"},
    "desk": set(),
}


@pytest.fixture
def users(journalist, editor, desk):
    return {"journalist": journalist, "editor": editor, "desk": desk}


def article_in(state, owner):
    if state == "own_draft":
        return ArticleFactory(draft=True, created_by=owner)
    if state == "submitted":
        return ArticleFactory(draft=True, created_by=owner, status="submitted")
    return ArticleFactory(created_by=owner)


@pytest.mark.parametrize("role", ["journalist", "editor", "desk"])
@pytest.mark.parametrize("action", list(ACTION_DATA))
def test_permission_matrix_for_transitions(client, users, journalist, role, action):
    article = article_in(START_STATE[action], owner=journalist)
    before = Article.objects.values().get(pk=article.pk)
    login(client, users[role])
    response = client.post(transition_url(article, action), ACTION_DATA[action])
    after = Article.objects.values().get(pk=article.pk)
    if action in ALLOWED[role]:
        assert response.status_code == 302
        assert after["version"] == before["version"] + 1
        assert article.transitions.filter(action=action).exists()
    else:
        assert response.status_code == 403
        assert after == before
        assert not article.transitions.exists()


def test_journalist_creates_and_edits_own_draft(client, journalist):
    section = SectionFactory()
    login(client, journalist)
    response = client.post(
        reverse("admin:articles_article_add"),
        {
            **article_form_data(
                ArticleFactory.build(section=section, slug="my-piece", headline="Mine")
            ),
            "expected_version": "",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="my-piece")
    assert article.created_by == journalist and article.status == "draft"
    response = client.post(
        change_url(article), article_form_data(article, headline="Mine, improved")
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "Mine, improved"


def test_journalist_cannot_edit_another_journalists_piece(
    client, journalist, other_journalist
):
    article = ArticleFactory(draft=True, created_by=other_journalist, headline="Theirs")
    login(client, journalist)
    response = client.post(
        change_url(article), article_form_data(article, headline="X")
    )
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).headline == "Theirs"


def test_journalist_cannot_edit_own_piece_once_submitted(client, journalist):
    article = ArticleFactory(draft=True, created_by=journalist, status="submitted")
    login(client, journalist)
    response = client.post(
        change_url(article), article_form_data(article, headline="X")
    )
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).headline != "X"


def test_editor_edits_any_piece(client, editor, journalist):
    article = ArticleFactory(draft=True, created_by=journalist)
    login(client, editor)
    response = client.post(
        change_url(article), article_form_data(article, lead="Sharper")
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).lead == "Sharper"


def test_state_fields_cannot_be_posted(client, editor):
    article = ArticleFactory(draft=True)
    login(client, editor)
    client.post(
        change_url(article),
        article_form_data(
            article, status="published", published_at_0="2020-01-01", version=99
        ),
    )
    article.refresh_from_db()
    assert article.status == "draft" and article.published_at is None


@pytest.mark.parametrize(
    ("role", "allowed"), [("journalist", False), ("editor", False), ("desk", True)]
)
def test_only_desk_manages_the_ticker(client, users, role, allowed):
    login(client, users[role])
    response = client.post(
        reverse("admin:headlines_tickeritem_add"),
        {
            "language": "en",
            "text": "Breaking: summit opens",
            "starts_at_0": "2026-11-29",
            "starts_at_1": "10:00",
            "priority": 1,
        },
    )
    assert (response.status_code == 302) is allowed
    assert TickerItem.objects.filter(text="Breaking: summit opens").exists() is allowed


def workflow_button(action):
    """A workflow button of the article form: it saves the form, then acts."""
    return f'form="article_form" name="_workflow" value="{action}"'


def test_buttons_shown_are_only_the_allowed_ones(client, journalist, editor):
    article = ArticleFactory(draft=True, created_by=journalist)
    login(client, journalist)
    html = client.get(change_url(article)).content.decode()
    assert workflow_button("submit") in html
    for forbidden in ("publish", "schedule", "kill", "return_to_author"):
        assert workflow_button(forbidden) not in html
    login(client, editor)
    html = client.get(change_url(article)).content.decode()
    assert workflow_button("publish") in html
    assert workflow_button("schedule") in html


def test_invalid_transition_shows_a_clear_message(client, editor):
    article = ArticleFactory(draft=True)
    login(client, editor)
    response = client.post(
        transition_url(article, "kill"), {"comment": "why"}, follow=True
    )
    assert "allowed from" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == "draft"


def test_schedule_through_the_admin_uses_the_site_time_zone(client, editor, settings):
    article = ArticleFactory(draft=True)
    login(client, editor)
    client.post(transition_url(article, "schedule"), {"at": "2099-03-01T09:30"})
    article.refresh_from_db()
    local = timezone.localtime(article.published_at)
    assert (local.hour, local.minute) == (9, 30)
    assert str(local.tzinfo) == settings.TIME_ZONE


def test_bulk_publish_for_editors(client, editor):
    ready = ArticleFactory.create_batch(2, draft=True, status="submitted")
    login(client, editor)
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [a.pk for a in ready]},
    )
    assert Article.objects.published().filter(pk__in=[a.pk for a in ready]).count() == 2


def test_bulk_publish_is_not_offered_to_journalists(client, journalist):
    login(client, journalist)
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "publish_selected" not in html


def test_change_list_shows_stage_badges(client, editor):
    ArticleFactory(headline="Live one")
    ArticleFactory(
        headline="Later one", published_at=timezone.now() + timedelta(days=1)
    )
    login(client, editor)
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert 'class="stage stage--live"' in html
    assert 'class="stage stage--scheduled"' in html


def test_desk_page_lists_work_by_stage(client, editor, journalist):
    ArticleFactory(draft=True, status="submitted", headline="Awaiting review")
    ArticleFactory(headline="Soon", published_at=timezone.now() + timedelta(hours=2))
    ArticleFactory(status="killed", headline="Pulled")
    login(client, editor)
    html = client.get(reverse("admin:articles_article_desk")).content.decode()
    for text in ("Waiting for review", "Awaiting review", "Soon", "Pulled"):
        assert text in html
    ArticleFactory(draft=True, created_by=journalist, headline="My own draft")
    ArticleFactory(
        draft=True, status="returned", created_by=journalist, headline="Back to me"
    )
    login(client, journalist)
    html = client.get(reverse("admin:articles_article_desk")).content.decode()
    assert "My own draft" in html and "Back to me" in html
    assert "Waiting for review" not in html


def test_journalists_see_their_own_work_first(client, journalist, other_journalist):
    ArticleFactory(draft=True, created_by=journalist, headline="Mine first")
    ArticleFactory(draft=True, created_by=other_journalist, headline="Someone else's")
    login(client, journalist)
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert html.index("Mine first") < html.index("Someone else")


# No lost edits


def test_concurrent_edit_is_refused_naming_the_other_editor_and_keeping_text(
    client, editor, django_user_model
):
    article = ArticleFactory(draft=True, headline="Original headline", lead="Old lead")
    opened_version = article.version
    from articles.revisions import record_revision

    record_revision(article, by=editor)
    rival = django_user_model.objects.create_superuser(
        "aysel", "a@example.org", "pw", first_name="Aysel", last_name="Karimova"
    )
    # Aysel saves first.
    login(client, rival)
    response = client.post(
        change_url(article),
        article_form_data(
            article, lead="Aysel's lead", expected_version=opened_version
        ),
    )
    assert response.status_code == 302
    # The editor, still on the version they opened, saves second.
    login(client, editor)
    response = client.post(
        change_url(article),
        article_form_data(
            article,
            headline="Editor's better headline",
            expected_version=opened_version,
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aysel Karimova saved this article" in html
    assert "Editor&#x27;s better headline" in html  # their text is still in the form
    assert "<ins>Aysel&#x27;s</ins>" in html  # what Aysel changed
    stored = Article.objects.get(pk=article.pk)
    assert stored.lead == "Aysel's lead"
    assert stored.headline == "Original headline"
    # Saving again after seeing the conflict is a deliberate overwrite.
    current = response.context["adminform"].form.data["expected_version"]
    response = client.post(
        change_url(article),
        article_form_data(
            stored, headline="Editor's better headline", expected_version=current
        ),
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "Editor's better headline"


def test_who_else_has_the_piece_open_is_shown(client, editor, journalist):
    article = ArticleFactory(draft=True, created_by=journalist)
    presence.touch(article.pk, journalist)
    login(client, editor)
    html = client.get(change_url(article)).content.decode()
    assert "Also open by:" in html and "journalist1" in html
    url = reverse("admin:articles_article_presence", args=[article.pk])
    login(client, journalist)
    assert client.post(url).json() == {"others": ["editor1"]}


def test_closing_the_form_leaves_at_once(client, editor, journalist):
    article = ArticleFactory(draft=True, created_by=journalist)
    url = reverse("admin:articles_article_presence", args=[article.pk])
    login(client, journalist)
    client.post(url)
    login(client, editor)
    assert client.post(url).json() == {"others": ["journalist1"]}
    login(client, journalist)
    # The page's unload ping: gone for the others, without waiting a minute.
    assert client.post(url, {"leave": "1"}).json() == {"others": ["editor1"]}
    login(client, editor)
    assert client.post(url).json() == {"others": []}


def test_presence_expires_on_its_own(editor, journalist):
    presence.touch(1, journalist, now=1000.0)
    assert presence.others(1, editor, now=1000.0 + 30) == ["journalist1"]
    assert presence.others(1, editor, now=1000.0 + presence.EXPIRE_SECONDS + 1) == []


# Revisions


def test_every_admin_save_keeps_a_revision_with_history_diff_and_restore(
    client, editor
):
    article = ArticleFactory(draft=True, headline="First take", lead="One")
    login(client, editor)
    client.post(change_url(article), article_form_data(article, lead="Two", tags="oil"))
    article.refresh_from_db()
    client.post(change_url(article), article_form_data(article, lead="Three"))
    article.refresh_from_db()
    versions = list(article.revisions.values_list("version", flat=True))
    assert len(versions) == 2 and versions == sorted(versions, reverse=True)
    first, second = sorted(versions)
    assert Revision.objects.get(article=article, version=first).data["tags"] == ["oil"]

    revisions_url = reverse("admin:articles_article_revisions", args=[article.pk])
    html = client.get(revisions_url, {"a": first, "b": second}).content.decode()
    assert "<del>Two</del>" in html and "<ins>Three</ins>" in html

    restore_url = reverse("admin:articles_article_restore", args=[article.pk, first])
    assert client.post(restore_url).status_code == 302
    article.refresh_from_db()
    assert article.lead == "Two"
    assert article.version > second  # restored as a new revision
    assert article.revisions.count() == 3


def test_restore_is_refused_to_who_may_not_edit(client, journalist, other_journalist):
    article = ArticleFactory(draft=True, created_by=other_journalist)
    from articles.revisions import record_revision

    revision = record_revision(article, by=other_journalist)
    login(client, journalist)
    url = reverse("admin:articles_article_restore", args=[article.pk, revision.version])
    assert client.post(url).status_code == 403


# Preview


def test_staff_preview_uses_the_reader_template_with_a_banner(client, journalist):
    article = ArticleFactory(draft=True, created_by=journalist, headline="Not yet out")
    login(client, journalist)
    response = client.get(reverse("admin:articles_article_preview", args=[article.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Not yet out" in html and "preview-banner" in html
    assert "no-store" in response["Cache-Control"]
    client.logout()
    assert (
        client.get(
            reverse("admin:articles_article_preview", args=[article.pk])
        ).status_code
        == 302
    )


def test_preview_link_works_until_expiry_or_revocation(client, editor):
    article = ArticleFactory(draft=True, headline="Embargoed report")
    login(client, editor)
    client.post(
        reverse("admin:articles_article_preview_links", args=[article.pk]),
        {"note": "Ministry press office", "hours": "48"},
    )
    link = article.preview_links.get()
    from articles.previews import preview_url

    url = preview_url(link)
    client.logout()
    assert "Embargoed report" in client.get(url).content.decode()
    assert client.get(url[:-3] + "xx/").status_code == 404  # tampered signature

    import time_machine

    with time_machine.travel(link.expires_at + timedelta(seconds=1)):
        assert client.get(url).status_code == 404
    login(client, editor)
    client.post(
        reverse(
            "admin:articles_article_revoke_preview_link", args=[article.pk, link.pk]
        )
    )
    client.logout()
    assert client.get(url).status_code == 404


def test_journalists_cannot_create_preview_links(client, journalist):
    article = ArticleFactory(draft=True, created_by=journalist)
    login(client, journalist)
    response = client.post(
        reverse("admin:articles_article_preview_links", args=[article.pk]), {}
    )
    assert response.status_code == 403
    assert not article.preview_links.exists()


def test_published_piece_keeps_its_slug_through_workflow(editor):
    article = ArticleFactory(draft=True, slug="steady")
    workflow.publish(article, by=editor)
    assert article.slug == "steady" and article.first_published_at


@pytest.mark.parametrize("role", ["journalist", "editor"])
def test_byline_and_related_inlines_are_shown_to_writers(client, users, role):
    """The admin hides an inline from users without permissions on its model."""
    login(client, users[role])
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'name="bylines-TOTAL_FORMS"' in html
    assert 'name="related_links-TOTAL_FORMS"' in html
