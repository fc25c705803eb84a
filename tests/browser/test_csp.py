"""The Content-Security-Policy holds in a real browser: the admin's editor
and the reader pages work under it without a single violation."""

from __future__ import annotations

import pytest

from articles.models import Article
from tests.browser.conftest import admin_login, choose_autocomplete
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Registered before any page script runs, so violations during parsing count.
LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    event.violatedDirective + " blocked " + (event.blockedURI || "inline")
    + " at " + event.sourceFile + ":" + event.lineNumber
  );
});
"""


def watch_violations(page) -> list[str]:
    """Collect CSP violations from the console and from DOM events."""
    violations: list[str] = []
    page.add_init_script(LISTEN_FOR_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: violations.append(f"page error: {error}"))
    return violations


def dom_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def test_admin_editor_saves_under_the_policy(page, live_server, django_user_model):
    """Log in, write in the rich-text editor and save: nothing is blocked."""
    django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    SectionFactory(name="Economy", slug="economy")
    violations = watch_violations(page)

    admin_login(page, live_server, "chief", "pw")
    response = page.goto(f"{live_server.url}/admin/articles/article/add/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";")[0]
    page.fill("#id_headline", "Policy holds in the editor")
    page.locator("#id_lead").click()
    editor = page.locator(".prose-editor [contenteditable=true]")
    editor.click()
    page.keyboard.type("## Under the policy")
    page.keyboard.press("Enter")
    page.keyboard.type("Typed with CSP on.")
    choose_autocomplete(page, "section", "Econ")
    violations += dom_violations(page)
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")
    violations += dom_violations(page)

    article = Article.objects.get(headline="Policy holds in the editor")
    assert "<h2>Under the policy</h2>" in article.body
    assert violations == []


def test_reader_pages_run_under_the_strict_policy(page, live_server):
    """Reader pages: no inline styles or scripts allowed, none blocked."""
    section = SectionFactory(name="Economy", slug="economy")
    author = AuthorFactory(name="Leyla", slug="leyla")
    article = ArticleFactory(
        section=section, headline="Harbour expands", authors=[author]
    )
    article.tags.add("harbour")
    for n in range(3):
        ArticleFactory(section=section, headline=f"Other story {n}")
    violations = watch_violations(page)

    for path in [
        "/en/",
        article.get_absolute_url(),
        "/en/section/economy/",
        "/en/authors/leyla/",
        "/en/search/?q=harbour",
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert "unsafe-inline" not in policy, path
        assert "default-src 'self'" in policy, path
        page.wait_for_load_state("load")
        violations += [f"{path}: {v}" for v in dom_violations(page)]

    assert violations == []
