"""The admin side of editions: starting translations, per-language texts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Article, Byline, Section
from authors.models import ExpertiseLine
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def translate_url(article: Article) -> str:
    return reverse("admin:articles_article_translate", args=[article.pk])


@pytest.fixture
def original(journalist):
    author = AuthorFactory(name="Leyla Mammadova")
    article = ArticleFactory(
        headline="Caspian gas output rises",
        lead="Output rose by a tenth.",
        is_exclusive=True,
        has_video=True,
        created_by=journalist,
        authors=[author],
    )
    article.tags.add("energy", "caspian")
    return article


def test_a_journalist_starts_a_translation_as_a_linked_draft(
    client, journalist, original
):
    client.force_login(journalist)
    response = client.post(translate_url(original), {"language": "ru"})
    copy = Article.objects.get(language="ru")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:articles_article_change", args=[copy.pk]
    )
    assert copy.translation_of == original
    assert copy.status == Article.Status.DRAFT and copy.published_at is None
    assert copy.created_by == journalist
    assert copy.headline == original.headline and copy.body == original.body
    assert (copy.section, copy.is_exclusive, copy.has_video) == (
        original.section,
        True,
        True,
    )
    assert set(copy.tags.names()) == {"energy", "caspian"}
    assert [b.author.name for b in Byline.objects.filter(article=copy)] == [
        "Leyla Mammadova"
    ]
    assert copy.slug != original.slug
    assert copy.revisions.count() == 1
    # The original is untouched and still published.
    original.refresh_from_db()
    assert original.status == Article.Status.PUBLISHED


def test_a_translation_of_a_translation_joins_the_original(
    client, journalist, original
):
    client.force_login(journalist)
    client.post(translate_url(original), {"language": "ru"})
    russian = Article.objects.get(language="ru")
    client.post(translate_url(russian), {"language": "az"})
    assert Article.objects.get(language="az").translation_of == original


def test_a_language_already_in_the_group_is_not_copied_again(
    client, journalist, original
):
    client.force_login(journalist)
    client.post(translate_url(original), {"language": "ru"})
    again = client.post(translate_url(original), {"language": "ru"}, follow=True)
    assert Article.objects.filter(language="ru").count() == 1
    assert "already exists" in again.content.decode()
    same = client.post(translate_url(original), {"language": "en"})
    assert same.status_code == 302
    assert Article.objects.count() == 2


def test_the_change_form_lists_the_translations(client, editor, original):
    russian = ArticleFactory(
        language="ru", translation_of=original, headline="Добыча газа растёт"
    )
    client.force_login(editor)
    html = client.get(
        reverse("admin:articles_article_change", args=[russian.pk])
    ).content.decode()
    assert "Caspian gas output rises" in html and "Добыча газа растёт" in html
    assert reverse("admin:articles_article_change", args=[original.pk]) in html
    # Only Azerbaijani is left to start.
    form = html[html.index('name="language"', html.index("translate-language")) :]
    form = form[: form.index("</select>")]
    assert 'value="az"' in form and 'value="ru"' not in form


def test_people_who_may_not_add_articles_cannot_start_translations(
    client, desk, original
):
    client.force_login(desk)
    response = client.post(translate_url(original), {"language": "ru"})
    assert response.status_code == 403
    assert not Article.objects.filter(language="ru").exists()


def test_anonymous_visitors_cannot_start_translations(client, original):
    response = client.post(translate_url(original), {"language": "ru"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Article.objects.count() == 1


def test_section_names_are_edited_per_language(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_section_add"),
        {
            "name": "Economy",
            "name_az": "İqtisadiyyat",
            "name_ru": "Экономика",
            "slug": "economy",
            "position": 1,
            "description": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    section = Section.objects.get(slug="economy")
    assert section.translations == {
        "az": {"name": "İqtisadiyyat"},
        "ru": {"name": "Экономика"},
    }
    assert section.translated("name", "ru") == "Экономика"
    assert section.translated("name", "en") == "Economy"
    # Clearing a translation falls back to the base name.
    change = reverse("admin:articles_section_change", args=[section.pk])
    html = client.get(change).content.decode()
    assert 'value="Экономика"' in html
    client.post(
        change,
        {
            "name": "Economy",
            "name_az": "",
            "name_ru": "Экономика",
            "slug": "economy",
            "position": 1,
        },
    )
    section.refresh_from_db()
    assert section.translations == {"ru": {"name": "Экономика"}}
    assert section.translated("name", "az") == "Economy"


def test_expertise_lines_are_edited_per_language(client, editor):
    author = AuthorFactory(slug="leyla", name="Leyla")
    client.force_login(editor)
    change = reverse("admin:authors_author_change", args=[author.pk])
    html = client.get(change).content.decode()
    assert "expertise_lines-0-text_ru" in html
    data = {
        "name": "Leyla",
        "slug": "leyla",
        "biography": "",
        "degree": author.degree,
        "school": author.school,
        "city": author.city,
        "country": author.country,
        "email": "",
        "is_active": "on",
        "expertise_lines-TOTAL_FORMS": "1",
        "expertise_lines-INITIAL_FORMS": "0",
        "expertise_lines-0-text": "Energy analyst",
        "expertise_lines-0-text_ru": "Аналитик по энергетике",
        "expertise_lines-0-text_az": "Enerji analitiki",
        "expertise_lines-0-position": "0",
        "social_links-TOTAL_FORMS": "0",
        "social_links-INITIAL_FORMS": "0",
    }
    response = client.post(change, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    line = ExpertiseLine.objects.get(author=author)
    assert line.translated("text", "ru") == "Аналитик по энергетике"
    assert line.translated("text", "az") == "Enerji analitiki"
    section = SectionFactory()
    article = ArticleFactory(language="ru", section=section, authors=[author])
    assert (
        "Аналитик по энергетике"
        in client.get(article.get_absolute_url()).content.decode()
    )


def test_a_new_piece_starts_in_the_language_of_the_writers_admin(client, journalist):
    client.force_login(journalist)
    add = reverse("admin:articles_article_add")
    russian = client.get(add, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<option value="ru" selected>' in russian
    german = client.get(add, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<option value="en" selected>' in german


def test_a_translation_in_the_trash_is_pointed_to_not_copied_again(
    client, journalist, editor, original
):
    from articles import workflow

    client.force_login(journalist)
    client.post(translate_url(original), {"language": "ru"})
    russian = Article.objects.get(language="ru")
    workflow.delete(russian, by=editor)
    response = client.post(translate_url(original), {"language": "ru"}, follow=True)
    assert Article.all_objects.filter(language="ru").count() == 1
    assert "in the trash" in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse(
        "admin:articles_article_change", args=[russian.pk]
    )
