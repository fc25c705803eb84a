"""The cached story of an article page (articles/story.py): reused while other
stories change, replaced by any change to what it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import workflow
from articles.models import Article, Byline, Section
from authors.models import Author, ExpertiseLine
from images.models import Image
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ExpertiseLineFactory,
    ImageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]


@pytest.fixture
def article():
    author = AuthorFactory(name="Leyla Aliyeva")
    ExpertiseLineFactory(author=author, text="Energy markets")
    piece = ArticleFactory(
        headline="Gas output rises",
        body="<p>Output rose.</p>",
        hero_image=ImageFactory(alt_text="A gas platform"),
        authors=[author],
    )
    piece.tags.add("gas")
    return piece


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_cached_story_skips_its_queries_and_renders_the_same(client, article):
    with CaptureQueriesContext(connection) as cold:
        first = page(client, article)
    with CaptureQueriesContext(connection) as warm:
        second = page(client, article)
    assert second == first
    assert "Leyla Aliyeva" in second and "Energy markets" in second
    assert len(warm) < len(cold)
    assert not story_queries(client, article)


def story_queries(client, article) -> list[str]:
    """The queries of a page view that fetch what only the story shows."""
    with CaptureQueriesContext(connection) as captured:
        page(client, article)
    tables = ("articles_byline", "authors_expertiseline", "images_rendition")
    return [
        q["sql"]
        for q in captured.captured_queries
        if any(f'FROM "{table}"' in q["sql"] for table in tables)
    ]


def test_other_stories_changing_keeps_the_cached_story(client, article, editor):
    assert story_queries(client, article)  # the first view renders it
    assert not story_queries(client, article)
    other = ArticleFactory(
        headline="Another story", status="submitted", section=article.section
    )
    workflow.publish(other, by=editor)
    # The related list and sidebar are fetched again; the story is not.
    assert not story_queries(client, article)
    assert "Another story" in page(client, article)


def test_a_new_picture_in_the_library_keeps_the_cached_story(client, article):
    story_queries(client, article)
    ImageFactory(alt_text="Uploaded for tomorrow's story")
    assert not story_queries(client, article)


def change_author_name(article):
    author = Author.objects.get(bylines__article=article)
    author.name = "Leyla Mammadova"
    author.save()
    return "Leyla Mammadova"


def change_expertise(article):
    line = ExpertiseLine.objects.get(author__bylines__article=article)
    line.text = "Oil and gas policy"
    line.save()
    return "Oil and gas policy"


def rename_tag(article):
    tag = article.tags.get()
    tag.name = "natural gas"
    tag.save()
    return "natural gas"


def add_tag(article):
    article.tags.add("pipelines")
    return "pipelines"


def rename_section(article):
    section = Section.objects.get(pk=article.section_id)
    section.name = "Energy desk"
    section.save()
    return "Energy desk"


def change_alt_text(article):
    image = Image.objects.get(pk=article.hero_image_id)
    image.alt_text = "An offshore rig at dawn"
    image.save()
    return "An offshore rig at dawn"


def add_byline(article):
    Byline.objects.create(
        article=article, author=AuthorFactory(name="Rashad Karimov"), position=1
    )
    return "Rashad Karimov"


def edit_body(article):
    article = Article.objects.get(pk=article.pk)
    article.body = "<p>Output rose by a tenth.</p>"
    article.save()
    return "Output rose by a tenth."


CHANGES = [
    change_author_name,
    change_expertise,
    rename_tag,
    add_tag,
    rename_section,
    change_alt_text,
    add_byline,
    edit_body,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_every_change_to_what_the_story_shows_appears_at_once(client, article, change):
    page(client, article)
    page(client, article)  # served from the cache
    expected = change(article)
    assert expected in page(client, article)


def test_a_correction_appears_at_once(client, article, editor):
    page(client, article)
    workflow.correct(article, by=editor, kind="correction", text="The figure was 9%.")
    html = page(client, article)
    assert "The figure was 9%." in html
    assert html.count("The figure was 9%.") >= 2  # above the body and in JSON-LD


def test_a_change_committed_after_a_render_is_not_hidden(
    client, article, django_capture_on_commit_callbacks
):
    """A page rendered between a change and its commit read the old rows
    (here: the same rows, as the test runs in one transaction); the change
    recorded again at commit keeps that render from being served."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        author = Author.objects.get(bylines__article=article)
        author.name = "Renamed before commit"
        author.save()
    assert story_queries(client, article)  # rendered before the commit
    assert not story_queries(client, article)
    for callback in callbacks:
        callback()
    assert story_queries(client, article)  # not served after it


def test_previews_are_never_cached(client, article, editor):
    client.force_login(editor)
    preview_url = f"/admin/articles/article/{article.pk}/preview/"
    assert "Gas output rises" in client.get(preview_url).content.decode()
    Article.objects.filter(pk=article.pk).update(headline="Quietly changed")
    assert "Quietly changed" in client.get(preview_url).content.decode()
