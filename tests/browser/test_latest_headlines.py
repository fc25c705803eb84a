"""Beside a long article the reader sees the edition's 100 latest
headlines and a link on to All news (#16), in a real browser."""

from __future__ import annotations

import pytest

from headlines.parts import LATEST_HEADLINES
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.any_database,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_the_sidebar_shows_100_headlines_and_leads_to_all_news(page, live_server):
    ArticleFactory.create_batch(LATEST_HEADLINES + 10)
    article = ArticleFactory(
        headline="A long analysis",
        body="".join(f"<h2>Part {n}</h2><p>{'Text. ' * 200}</p>" for n in range(8)),
    )
    page.goto(live_server.url + article.get_absolute_url())
    sidebar = page.locator('section[aria-labelledby="list-latest"]')
    assert sidebar.locator("li.headline").count() == 100
    assert sidebar.locator("li.headline").first.is_visible()
    link = sidebar.get_by_role("link", name="All news")
    link.scroll_into_view_if_needed()
    assert link.is_visible()
    link.click()
    page.wait_for_url(f"{live_server.url}/en/news/")
    assert page.locator("h1").inner_text() == "All news"
    assert page.locator("main li.headline").count() > 0
    assert page.get_by_role("link", name="Older").is_visible()
