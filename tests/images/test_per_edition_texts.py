"""A picture's alt text and caption have a text per edition (#16): the
Azerbaijani and Russian editions, and their screen readers, read theirs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from images.forms import ImageUploadField
from tests.factories import ArticleFactory, ImageFactory
from tests.images.test_admin import change_data, change_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def picture():
    image = ImageFactory(alt_text="Ferries in the harbour", caption="Baku harbour")
    image.set_translation("alt_text", "az", "Limanda bərələr")
    image.set_translation("caption", "az", "Bakı limanı")
    image.set_translation("alt_text", "ru", "Паромы в гавани")
    image.save()
    return image


def test_each_edition_reads_its_own_alt_text_and_caption(client, picture):
    az = ArticleFactory(language="az", hero_image=picture, hero_caption="")
    ru = ArticleFactory(language="ru", hero_image=picture, hero_caption="")
    en = ArticleFactory(language="en", hero_image=picture, hero_caption="")
    az_html = client.get(az.get_absolute_url()).content.decode()
    assert 'alt="Limanda bərələr"' in az_html
    assert '<meta property="og:image:alt" content="Limanda bərələr">' in az_html
    assert "Bakı limanı" in az_html
    ru_html = client.get(ru.get_absolute_url()).content.decode()
    assert 'alt="Паромы в гавани"' in ru_html
    assert "Baku harbour" in ru_html  # no Russian caption yet: the base text
    en_html = client.get(en.get_absolute_url()).content.decode()
    assert 'alt="Ferries in the harbour"' in en_html
    assert "Limanda" not in en_html


def test_the_api_describes_the_picture_in_the_piece_s_language(picture):
    from api.ninjs import article_to_ninjs

    az = ArticleFactory(language="az", hero_image=picture, hero_caption="")
    item = article_to_ninjs(az)
    (mainpic,) = [a for a in item["associations"] if a["name"] == "mainpic"]
    descriptions = {d["role"]: d["value"] for d in mainpic["descriptions"]}
    assert descriptions == {"caption": "Bakı limanı", "alt": "Limanda bərələr"}


def test_the_admin_edits_each_edition_s_texts(admin_client, picture):
    form = admin_client.get(change_url(picture)).context["adminform"].form
    assert isinstance(form.fields["file"], ImageUploadField)  # upload checks kept
    assert form.initial["alt_text_az"] == "Limanda bərələr"
    response = admin_client.post(
        change_url(picture),
        change_data(
            picture,
            alt_text_az="Limanda iki bərə",
            alt_text_ru="",
            caption_ru="Бакинская гавань",
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    picture.refresh_from_db()
    assert picture.translated("alt_text", "az") == "Limanda iki bərə"
    assert picture.translated("alt_text", "ru") == "Ferries in the harbour"
    assert picture.translated("caption", "ru") == "Бакинская гавань"
    assert reverse("admin:images_image_changelist") in response["Location"]


def test_a_changed_edition_text_shows_on_the_next_cached_request(
    client, picture, settings
):
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True
    az = ArticleFactory(language="az", hero_image=picture, hero_caption="")
    url = az.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    picture.set_translation("alt_text", "az", "Yeni təsvir")
    picture.save()
    assert 'alt="Yeni təsvir"' in client.get(url).content.decode()
