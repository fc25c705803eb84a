"""The whole editorial workflow through the real admin, in chromium.

A journalist writes and submits an analysis, an editor returns it with a
comment, the journalist fixes and resubmits, the editor schedules it, and a
reader sees it on the home page once its time has come. Journalist, editor
and reader each have their own browser context, so their sessions are real
and separate.
"""

from __future__ import annotations

import contextlib
import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from articles.models import Article, Transition
from tests.browser.conftest import admin_login, choose_autocomplete
from tests.conftest import make_staff
from tests.factories import AuthorFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "Why the manat held while oil fell"
TIMEOUT_MS = 10_000


def watch(page, problems: list[str]) -> None:
    """Collect uncaught JavaScript errors and failed requests of a page."""
    page.set_default_timeout(TIMEOUT_MS)
    page.on("pageerror", lambda error: problems.append(f"JS error: {error}"))

    def failed(response) -> None:
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            problems.append(f"HTTP {response.status}: {response.url}")

    page.on("response", failed)


# A fetch that never sends: what the presence script calls when a form is left.
SILENCE = "() => { window.fetch = () => new Promise(() => {}); }"


@pytest.fixture
def new_page(browser, page):
    """Pages in further browser contexts, each a separate session.

    At teardown every page, the `page` fixture's included, stops sending
    requests: an admin change form pings the server when it is left, and
    a ping arriving after the test's database was flushed would fail there.
    """
    pages = [page]

    def make():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pages.append(context.new_page())
        pages[-1].set_default_timeout(TIMEOUT_MS)
        return pages[-1]

    yield make
    for each in pages:
        # A closed or navigating page has no presence script running.
        with contextlib.suppress(PlaywrightError):
            each.evaluate(SILENCE)
    for each in pages[1:]:
        each.context.close()


def stage_badge(page):
    return page.locator(".newsroom-workflow .stage")


def success_message(page):
    return page.locator(".messagelist .success")


def save_and_continue(page) -> None:
    # save_on_top renders the submit row twice; either button saves.
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(success_message(page)).to_contain_text("was changed")


def open_from_desk(page, live_server) -> None:
    page.goto(f"{live_server.url}/admin/articles/article/desk/")
    waiting = page.get_by_role("region", name="Waiting for review")
    waiting.get_by_role("link", name=HEADLINE).click()
    expect(stage_badge(page)).to_be_visible()


def test_analysis_goes_from_draft_through_review_to_a_scheduled_front_page(
    page, new_page, live_server
):
    section = SectionFactory(name="Economy", slug="economy")
    journalist = make_staff("journalist1", "Journalist")
    editor = make_staff("editor1", "Editor")
    author = AuthorFactory(user=journalist, name="Leyla Mammadova")
    problems: list[str] = []

    # The journalist writes the piece.
    watch(page, problems)
    admin_login(page, live_server, "journalist1", "pw")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.get_by_label("Headline").fill(HEADLINE)
    page.get_by_label("Content type").select_option(label="Analysis")
    choose_autocomplete(page, "section", "Econ")
    body = page.locator(".prose-editor [contenteditable=true]")
    body.click()
    for line in [
        "The currency board did its job.",
        "## Why the peg survived",
        "Reserves covered two years of imports.",
        "## What comes next",
        "Much depends on the budget.",
    ]:
        page.keyboard.type(line)
        page.keyboard.press("Enter")
    page.get_by_role("button", name="Add another Author").click()
    choose_autocomplete(page, "bylines-0-author", "Leyla")
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(success_message(page)).to_contain_text("was added")

    article = Article.objects.get(headline=HEADLINE)
    assert page.url.endswith(f"/admin/articles/article/{article.pk}/change/")
    assert article.status == Article.Status.DRAFT
    assert article.content_type == Article.ContentType.ANALYSIS
    assert article.section == section
    assert "<h2>Why the peg survived</h2>" in article.body
    assert "<h2>What comes next</h2>" in article.body
    assert list(article.authors.all()) == [author]
    assert article.created_by == journalist
    expect(stage_badge(page)).to_have_text("Draft")

    page.locator(".workflow-action--submit").get_by_role(
        "button", name="Submit for review"
    ).click()
    expect(success_message(page)).to_contain_text("The piece is now submitted.")
    expect(stage_badge(page)).to_have_text("Submitted")

    # The editor, in a separate session, returns it with a comment.
    editor_page = new_page()
    watch(editor_page, problems)
    admin_login(editor_page, live_server, "editor1", "pw")
    open_from_desk(editor_page, live_server)
    comment = "Add the central bank's reserve figure to the second part."
    return_form = editor_page.locator(".workflow-action--return_to_author")
    return_form.get_by_label("What needs fixing").fill(comment)
    return_form.get_by_role("button", name="Return to author").click()
    expect(success_message(editor_page)).to_contain_text("now returned.")
    expect(stage_badge(editor_page)).to_have_text("Returned")

    # The journalist sees why, fixes the body and resubmits.
    page.reload()
    expect(stage_badge(page)).to_have_text("Returned")
    history = page.locator("table.workflow-history")
    expect(history).to_contain_text(comment)
    expect(history.get_by_role("row").filter(has_text=comment)).to_contain_text(
        "editor1"
    )
    body = page.locator(".prose-editor [contenteditable=true]")
    body.get_by_text("Much depends on the budget.").click()
    page.keyboard.press("End")
    page.keyboard.type(" Reserves stood at 11 billion dollars in May.")
    save_and_continue(page)
    article.refresh_from_db()
    assert "Reserves stood at 11 billion dollars in May." in article.body
    assert article.body.count("<h2>") == 2
    page.locator(".workflow-action--submit").get_by_role(
        "button", name="Submit for review"
    ).click()
    expect(success_message(page)).to_contain_text("The piece is now submitted.")
    expect(stage_badge(page)).to_have_text("Submitted")

    # The editor schedules it a few minutes ahead, in the site's time zone.
    scheduled = timezone.localtime(timezone.now() + timedelta(minutes=10)).replace(
        second=0, microsecond=0
    )
    open_from_desk(editor_page, live_server)
    schedule_form = editor_page.locator(".workflow-action--schedule")
    publish_at = schedule_form.get_by_label(f"Publish at ({settings.TIME_ZONE})")
    publish_at.fill(scheduled.strftime("%Y-%m-%dT%H:%M"))
    schedule_form.get_by_role("button", name="Schedule").click()
    expect(success_message(editor_page)).to_contain_text("now scheduled.")
    expect(stage_badge(editor_page)).to_have_text("Scheduled")

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == scheduled
    steps = list(
        Transition.objects.filter(article=article)
        .order_by("at", "pk")
        .values_list("action", "from_status", "to_status", "by", "comment")
    )
    assert steps == [
        ("submit", "draft", "submitted", journalist.pk, ""),
        ("return_to_author", "submitted", "returned", editor.pk, comment),
        ("submit", "returned", "submitted", journalist.pk, ""),
        ("schedule", "submitted", "published", editor.pk, ""),
    ]
    assert problems == []

    # A reader sees nothing before the publish time, and the piece after it.
    reader = new_page()
    reader.on("pageerror", lambda error: problems.append(f"JS error: {error}"))
    reader.goto(f"{live_server.url}/")
    expect(reader.get_by_role("main")).to_be_visible()
    expect(reader.get_by_role("link", name=HEADLINE)).to_have_count(0)
    response = reader.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert response is not None and response.status == 404

    with time_machine.travel(scheduled + timedelta(minutes=1), tick=True):
        # A new browser: the first one may keep the home page it was given
        # for up to a minute of its own, unmoved clock (Cache-Control).
        reader = new_page()
        reader.on("pageerror", lambda error: problems.append(f"JS error: {error}"))
        reader.goto(f"{live_server.url}/")
        # The home page may show a lead story twice (teaser and list).
        reader.get_by_role("link", name=HEADLINE).first.click()
        expect(reader).to_have_url(re.compile(re.escape(article.get_absolute_url())))
        expect(reader.get_by_role("heading", level=1)).to_have_text(HEADLINE)
        subheadings = reader.locator(".article-body").get_by_role("heading", level=2)
        expect(subheadings).to_have_text(["Why the peg survived", "What comes next"])
        expect(reader.locator(".byline")).to_contain_text("Leyla Mammadova")
        expect(reader.locator(".article-body")).to_contain_text(
            "Reserves stood at 11 billion dollars in May."
        )
    assert problems == []
