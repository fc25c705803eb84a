import pytest

from articles.models import Article
from tests.browser.conftest import admin_login, choose_autocomplete
from tests.factories import SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_journalist_writes_a_body_with_subheadings_in_the_rich_text_editor(
    page, live_server, django_user_model
):
    """The editor loads from our own static files and its output is stored."""
    django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    section = SectionFactory(name="Economy", slug="economy")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    admin_login(page, live_server, "chief", "pw")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_headline", "Gas exports reach a record")
    page.locator("#id_lead").click()  # the slug is prepopulated on change
    assert page.input_value("#id_slug") == "gas-exports-reach-a-record"

    editor = page.locator(".prose-editor [contenteditable=true]")
    editor.click()
    page.keyboard.type("## What changed")
    page.keyboard.press("Enter")
    page.keyboard.type("Exports rose by a fifth.")
    choose_autocomplete(page, "section", "Econ")
    page.fill("#id_tags", "gas, exports")
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")

    article = Article.objects.get(slug="gas-exports-reach-a-record")
    assert "<h2>What changed</h2>" in article.body
    assert "<p>Exports rose by a fifth.</p>" in article.body
    assert sorted(article.tags.names()) == ["exports", "gas"]
    assert article.section == section
    assert errors == []


def test_tag_field_suggests_existing_tags(page, live_server, django_user_model):
    from taggit.models import Tag

    django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    Tag.objects.create(name="Caspian")
    admin_login(page, live_server, "chief", "pw")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator("#id_tags").press_sequentially("energy, casp")
    suggestion = page.locator(".tag-suggestions li", has_text="Caspian")
    suggestion.click()
    assert page.input_value("#id_tags") == "energy, Caspian, "
