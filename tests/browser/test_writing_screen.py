"""The writing screen and the desk in chromium (#16).

The toolbar stays in view while typing at the end of a long body, the
headline and body are counted as they are typed, and the desk shows who
wrote each piece and what they told the desk.
"""

import pytest
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article, Byline
from tests.browser.conftest import admin_login
from tests.conftest import make_staff
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = [
    pytest.mark.any_database,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PARAGRAPH = (
    "The corridor is no longer one pipe but a network, and networks behave "
    "differently: each new link makes the others more valuable, and each "
    "delay at one border is felt at every port along the route. "
)


def long_body(characters: int = 20_000) -> str:
    """Paragraphs under subheadings, as a long analysis is written."""
    parts, size, n = [], 0, 0
    while size < characters:
        n += 1
        if n % 4 == 1:
            parts.append(f"<h2>Part {n // 4 + 1}</h2>")
        paragraph = f"<p>{PARAGRAPH * 2}</p>"
        parts.append(paragraph)
        size += len(paragraph)
    return "".join(parts)


def toolbar_top(page) -> float:
    return page.locator(".field-body .prose-menubar").evaluate(
        "element => element.getBoundingClientRect().top"
    )


def test_toolbar_stays_in_view_while_typing_at_the_end_of_a_long_body(
    page, live_server, django_user_model
):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    body = long_body()
    assert len(body) >= 20_000
    article = ArticleFactory(draft=True, body=body)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    admin_login(page, live_server, "chief", "pw")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    editor = page.locator(".field-body .prose-editor [contenteditable=true]")
    editor.locator("p").last.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("## What to watch")
    page.keyboard.press("Enter")
    page.keyboard.type("Ports on the eastern shore.")

    # The caret is thousands of pixels below the body's first line...
    caret_y = editor.locator("p").last.evaluate(
        "element => element.getBoundingClientRect().top + window.scrollY"
    )
    start_y = editor.evaluate(
        "element => element.getBoundingClientRect().top + window.scrollY"
    )
    assert caret_y - start_y > 3_000
    # ...and the toolbar is at the top of the screen, usable without scrolling.
    top = toolbar_top(page)
    assert 0 <= top < 5, top
    expect(page.locator(".field-body .prose-menubar")).to_be_in_viewport()
    heading = editor.locator("h2", has_text="What to watch")
    expect(heading).to_be_in_viewport()

    page.locator(".field-body .prose-menubar").get_by_title("Bold").click()
    page.keyboard.type(" Bold words.")
    page.click("input[name=_continue]")
    page.wait_for_url(f"**/admin/articles/article/{article.pk}/change/")
    article.refresh_from_db()
    assert "<h2>What to watch</h2>" in article.body
    assert "Ports on the eastern shore.<strong> Bold words.</strong>" in article.body
    assert errors == []


def test_headline_and_body_are_counted_as_they_are_typed(
    page, live_server, django_user_model
):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    admin_login(page, live_server, "chief", "pw")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    # A new piece starts in the headline, not on the Save button above it.
    page.wait_for_load_state()
    expect(page.locator("#id_headline")).to_be_focused()
    headline = (
        "Azerbaijan and Kazakhstan agree to double trans-Caspian ferry capacity by 2028"
    )
    page.locator("#id_headline").press_sequentially(headline[:10])
    expect(page.locator("#id_headline_count")).to_have_text("10 characters of 255")
    page.locator("#id_headline").fill(headline)
    expect(page.locator("#id_headline_count")).to_contain_text(
        f"{len(headline)} characters"
    )
    # The whole headline shows: the box wraps rather than scrolling.
    box = page.locator("#id_headline")
    assert box.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert box.evaluate("e => e.scrollHeight <= e.clientHeight + 1")

    editor = page.locator(".field-body .prose-editor [contenteditable=true]")
    editor.click()
    page.keyboard.type("One two three four five.")
    expect(page.locator(".newsroom-wordcount")).to_have_text("5 words · 1 min read")


def test_desk_shows_bylines_and_notes(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    reporter = make_staff("lmammadova", "Journalist")
    article = ArticleFactory(
        draft=True,
        created_by=reporter,
        headline="Ferry capacity to double by 2028",
        content_type=Article.ContentType.ANALYSIS,
    )
    for position, name in enumerate(["Leyla Mammadova", "Rashad Guliyev"]):
        Byline.objects.create(
            article=article, author=AuthorFactory(name=name), position=position
        )
    workflow.submit(
        article, by=reporter, comment="Figures checked with the port of Baku."
    )

    admin_login(page, live_server, "chief", "pw")
    page.goto(f"{live_server.url}/admin/articles/article/desk/")
    waiting = page.locator(".desk-list", has_text="Waiting for review")
    expect(waiting.locator("h2")).to_have_text("Waiting for review (1)")
    row = waiting.locator("tr", has_text="Ferry capacity to double by 2028")
    expect(row.locator(".desk-byline")).to_have_text("Leyla Mammadova, Rashad Guliyev")
    expect(row.locator(".desk-note")).to_have_text(
        "Figures checked with the port of Baku."
    )
    expect(row).to_contain_text("Analysis")
    expect(row).not_to_contain_text("lmammadova")

    # The article list shows the same, and the desk's link opens it.
    waiting.get_by_role("link", name="All 1 in the article list").click()
    list_row = page.locator("#result_list tbody tr", has_text="Ferry capacity")
    expect(list_row.locator(".field-byline")).to_have_text(
        "Leyla Mammadova, Rashad Guliyev"
    )
    expect(list_row.locator(".field-note_to_desk")).to_have_text(
        "Figures checked with the port of Baku."
    )
