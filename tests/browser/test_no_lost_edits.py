"""Nothing typed is lost (#16), in chromium: a workflow button keeps what
was typed, autosave survives closing the tab, leaving with changes asks
first, and a submitted piece reads as text."""

from __future__ import annotations

import contextlib
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from articles.models import Article, Autosave
from articles.revisions import record_revision
from tests.browser.conftest import admin_login, choose_autocomplete
from tests.conftest import make_staff
from tests.factories import ArticleFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TIMEOUT_MS = 10_000
TYPED = " Typed in the browser and never saved by hand."
# A fetch that never sends: what the admin's scripts call when a page is left.
SILENCE = "() => { window.fetch = () => new Promise(() => {}); }"


@pytest.fixture
def writer(browser):
    """Pages in a browser context of their own (one session), silenced at
    teardown so no ping or autosave reaches the next test's database."""
    contexts = []

    def make():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        for each in context.pages:
            with contextlib.suppress(PlaywrightError):
                each.evaluate(SILENCE)
        context.close()


def open_page(context):
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    return page


def change_url(live_server, article: Article) -> str:
    return f"{live_server.url}/admin/articles/article/{article.pk}/change/"


def type_at_end_of_body(page, text: str) -> None:
    body = page.locator(".prose-editor [contenteditable=true]")
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def success(page):
    return page.locator(".messagelist .success")


def autosave_status(page):
    return page.locator(".newsroom-autosave-status")


STEPS = [
    # action, start, role, label of the button, its own inputs, stage after
    ("submit", "draft", "journalist", "Submit for review",
     {"Note for the editor (optional)": "Ready for you"}, "Submitted"),
    ("return_to_author", "submitted", "editor", "Return to author",
     {"What needs fixing": "A second source"}, "Returned"),
    ("publish", "submitted", "editor", "Publish now", {}, "Published"),
    ("schedule", "submitted", "editor", "Schedule", {"Publish at": "in_two_days"},
     "Scheduled"),
    ("kill", "live", "editor", "Kill", {"Reason (kept in the history)": "Legal"},
     "Killed"),
    ("correct", "live", "editor", "Add correction",
     {"Note shown to readers": "A name was misspelt"}, "Published"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("action", "start", "role", "button", "inputs", "stage"), STEPS
)
def test_typing_then_pressing_a_workflow_button_keeps_the_text(
    writer, live_server, action, start, role, button, inputs, stage
):
    journalist = make_staff("journalist1", "Journalist")
    make_staff("editor1", "Editor")
    state = {
        "draft": {"draft": True},
        "submitted": {"draft": True, "status": "submitted"},
        "live": {},
    }[start]
    article = ArticleFactory(created_by=journalist, **state)
    page = open_page(writer())
    admin_login(page, live_server, f"{role}1", "pw")
    page.goto(change_url(live_server, article))
    type_at_end_of_body(page, TYPED)
    page.get_by_label("Lead").fill("A lead typed in the browser.")
    step = page.locator(f".workflow-action--{action}")
    for label, value in inputs.items():
        if value == "in_two_days":
            when = timezone.localtime() + timedelta(days=2)
            value = when.strftime("%Y-%m-%dT%H:%M")
        step.get_by_label(label, exact=False).fill(value)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    step.get_by_role("button", name=button, exact=True).click()

    expect(page.locator(".newsroom-workflow .stage").first).to_have_text(stage)
    article.refresh_from_db()
    assert TYPED.strip() in article.body
    assert article.lead == "A lead typed in the browser."
    expect(success(page)).to_contain_text("Saved.")
    assert dialogs == []  # submitting the form does not ask to leave
    assert page.js_errors == []


def test_a_new_piece_is_submitted_in_one_step(writer, live_server):
    make_staff("journalist1", "Journalist")
    SectionFactory(name="Economy")
    page = open_page(writer())
    admin_login(page, live_server, "journalist1", "pw")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    # The admin focuses the form's first field; the note to the editor,
    # which belongs to the form, must not take the writer's first keys.
    page.wait_for_load_state()
    expect(page.get_by_label("Note for the editor (optional)")).not_to_be_focused()
    page.get_by_label("Headline").fill("Written and sent at once")
    choose_autocomplete(page, "section", "Econ")
    type_at_end_of_body(page, TYPED)
    page.locator(".workflow-action--submit").get_by_role(
        "button", name="Submit for review"
    ).click()
    expect(success(page)).to_contain_text("The piece is now submitted.")
    article = Article.objects.get(headline="Written and sent at once")
    assert article.status == Article.Status.SUBMITTED
    assert TYPED.strip() in article.body


def test_autosave_survives_closing_the_tab(writer, live_server):
    journalist = make_staff("journalist1", "Journalist")
    article = ArticleFactory(draft=True, created_by=journalist)
    context = writer()
    page = open_page(context)
    admin_login(page, live_server, "journalist1", "pw")
    page.goto(change_url(live_server, article))
    type_at_end_of_body(page, TYPED)
    expect(autosave_status(page)).to_contain_text("Saved ")
    page.close()  # no Save pressed, no goodbye: as a crashed tab

    article.refresh_from_db()
    assert TYPED.strip() not in article.body  # readers and editors never saw it
    reopened = open_page(context)
    reopened.goto(change_url(live_server, article))
    expect(reopened.locator(".newsroom-autosave-notice")).to_contain_text(
        "are back in the form below"
    )
    expect(reopened.locator(".prose-editor [contenteditable=true]")).to_contain_text(
        TYPED.strip()
    )
    # Saving keeps it for good and ends the copy.
    reopened.get_by_role("button", name="Save and continue editing").first.click()
    expect(success(reopened)).to_contain_text("was changed")
    article.refresh_from_db()
    assert TYPED.strip() in article.body
    assert not Autosave.objects.exists()
    assert reopened.js_errors == []


def test_a_new_piece_survives_closing_the_tab(writer, live_server):
    make_staff("journalist1", "Journalist")
    context = writer()
    page = open_page(context)
    admin_login(page, live_server, "journalist1", "pw")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.get_by_label("Headline").fill("A piece nobody saved")
    type_at_end_of_body(page, TYPED)
    expect(autosave_status(page)).to_contain_text("Saved ")
    page.close()

    reopened = open_page(context)
    reopened.goto(f"{live_server.url}/admin/articles/article/add/")
    reopened.get_by_role("link", name="A piece nobody saved").click()
    expect(reopened.get_by_label("Headline")).to_have_value("A piece nobody saved")
    expect(reopened.locator(".prose-editor [contenteditable=true]")).to_contain_text(
        TYPED.strip()
    )


def test_autosave_says_so_when_someone_else_saved_first(writer, live_server):
    journalist = make_staff("journalist1", "Journalist")
    editor = make_staff("editor1", "Editor")
    article = ArticleFactory(draft=True, created_by=journalist)
    record_revision(article, by=journalist)
    page = open_page(writer())
    admin_login(page, live_server, "journalist1", "pw")
    page.goto(change_url(live_server, article))
    # The editor saves while the journalist has the form open.
    article.lead = "The editor's lead"
    article.save()
    record_revision(article, by=editor)
    type_at_end_of_body(page, TYPED)
    expect(autosave_status(page)).to_contain_text("editor1 saved this article at")
    assert Article.objects.get(pk=article.pk).lead == "The editor's lead"


def test_leaving_with_unsaved_changes_asks_first(writer, live_server):
    journalist = make_staff("journalist1", "Journalist")
    article = ArticleFactory(draft=True, created_by=journalist)
    page = open_page(writer())
    admin_login(page, live_server, "journalist1", "pw")
    page.goto(change_url(live_server, article))
    asked: list[str] = []

    def answer(dialog) -> None:
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    page.get_by_label("Lead").fill("Not saved yet")
    with contextlib.suppress(PlaywrightError):
        page.goto(f"{live_server.url}/admin/", timeout=2_000)
    assert asked == ["beforeunload"]
    expect(page.get_by_label("Lead")).to_have_value("Not saved yet")


def test_the_submitted_piece_reads_as_text(writer, live_server):
    journalist = make_staff("journalist1", "Journalist")
    article = ArticleFactory(
        draft=True,
        status="submitted",
        created_by=journalist,
        body="<p>The peg held.</p><h2>Why it survived</h2><p>Reserves.</p>",
    )
    page = open_page(writer())
    admin_login(page, live_server, "journalist1", "pw")
    page.goto(change_url(live_server, article))
    body = page.locator(".article-body-read")
    expect(body.get_by_role("heading", level=2)).to_have_text("Why it survived")
    expect(body).to_contain_text("The peg held.")
    expect(body).not_to_contain_text("<p>")
    expect(body).not_to_contain_text("<h2>")
