"""The image library in the admin: upload, focal point preview and change list."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from images.admin import thumbnail
from images.models import Image, RenditionStatus
from images.services import make_renditions
from tests.factories import ImageFactory
from tests.images.pictures import admin_add, picture_upload

pytestmark = pytest.mark.django_db


def change_url(image: Image) -> str:
    return reverse("admin:images_image_change", args=[image.pk])


def change_data(image: Image, **changes) -> dict:
    data = {
        field: getattr(image, field)
        for field in ("title", "alt_text", "caption", "credit", "focal_x", "focal_y")
    }
    return {**data, **changes}


def test_add_page_renders_with_a_hint_instead_of_a_preview(admin_client):
    response = admin_client.get(reverse("admin:images_image_add"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Save the image to see a preview" in html
    assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in html


def test_add_sets_the_uploader_and_has_the_worker_make_renditions(
    admin_client, admin_user, django_capture_on_commit_callbacks
):
    """The upload answers before any rendition exists; the task enqueued on
    commit (run inline here, as tests do) makes them."""
    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_add(
            admin_client, picture_upload(width=1200, height=900), on_commit=False
        )
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.uploaded_by == admin_user
    assert image.title == "Harbour at dawn"
    assert image.renditions_status == RenditionStatus.PROCESSING
    assert not image.renditions.exists()

    for callback in callbacks:
        callback()
    image.refresh_from_db()
    assert image.renditions_status == RenditionStatus.READY
    assert image.social_card is not None


def test_the_library_says_processing_until_the_renditions_exist(admin_client):
    image = ImageFactory(renditions=False)
    listing = admin_client.get(reverse("admin:images_image_changelist"))
    assert '<td class="field-renditions">processing</td>' in listing.content.decode()
    page = admin_client.get(change_url(image)).content.decode()
    assert "Processing: readers see the picture once its sizes are made" in page

    make_renditions(image)
    listing = admin_client.get(reverse("admin:images_image_changelist"))
    assert '<td class="field-renditions">ready</td>' in listing.content.decode()


def test_change_page_shows_the_focal_point_preview(admin_client):
    image = ImageFactory(focal_x=0.25, focal_y=0.75)
    response = admin_client.get(change_url(image))
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-focal-point" in html
    assert '<circle cx="25.0%" cy="75.0%"' in html
    assert image.rendition("w800").url in html
    assert "images/focal-point.js" in html
    assert "images/admin.css" in html
    assert 'name="focal_x"' in html and 'name="focal_y"' in html


def test_admin_markup_of_the_library_has_no_inline_styles_or_handlers(admin_client):
    """A strict Content-Security-Policy must not break the library's admin."""
    image = ImageFactory()
    pages = [
        admin_client.get(change_url(image)),
        admin_client.get(reverse("admin:images_image_changelist")),
    ]
    for response in pages:
        html = response.content.decode()
        ours = re.findall(
            r"<(?:img|div|svg|circle)[^>]*(?:focal|thumbnail)[^>]*>", html
        )
        assert ours
        for tag in ours:
            assert "style=" not in tag and " on" not in tag.lower()


def test_static_files_exist():
    assert finders.find("images/focal-point.js")
    assert finders.find("images/admin.css")


def test_caption_edit_in_the_admin_keeps_the_renditions(admin_client):
    image = ImageFactory()
    before = set(image.renditions.values_list("file", flat=True))
    response = admin_client.post(
        change_url(image), change_data(image, caption="Corrected caption")
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.caption == "Corrected caption"
    assert set(image.renditions.values_list("file", flat=True)) == before


def test_focal_point_edit_in_the_admin_remakes_the_renditions(
    admin_client, django_capture_on_commit_callbacks
):
    image = ImageFactory()
    before = set(image.renditions.values_list("file", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            change_url(image), change_data(image, focal_x="0.9")
        )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.focal_x == 0.9
    assert image.renditions_status == RenditionStatus.READY
    after = set(image.renditions.values_list("file", flat=True))
    assert after and not before & after


def test_focal_point_outside_the_picture_is_a_form_error(admin_client):
    image = ImageFactory()
    response = admin_client.post(change_url(image), change_data(image, focal_y="1.5"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["focal_y"]


def test_replacing_the_file_with_a_bad_one_keeps_the_old_file(admin_client, settings):
    image = ImageFactory()
    original = image.file.name
    settings.IMAGE_MAX_PIXELS = 10
    response = admin_client.post(
        change_url(image), change_data(image, file=picture_upload())
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"]
    image.refresh_from_db()
    assert image.file.name == original


@pytest.mark.parametrize("count", [1, 12])
def test_change_list_query_count(admin_client, django_assert_max_num_queries, count):
    ImageFactory.create_batch(count)
    url = reverse("admin:images_image_changelist")
    with django_assert_max_num_queries(9):
        response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="image-thumbnail"') == count
    assert re.search(r'class="image-thumbnail"[^>]*src="[^"]*/w480-', html) or (
        re.search(r'src="[^"]*/w480-[^"]*"[^>]*class="image-thumbnail"', html)
    )


def test_change_list_search(admin_client):
    ImageFactory(title="Oil platform at sea")
    ImageFactory(title="Parliament session")
    response = admin_client.get(
        reverse("admin:images_image_changelist"), {"q": "platform"}
    )
    html = response.content.decode()
    assert "Oil platform at sea" in html
    assert "Parliament session" not in html


def test_thumbnail_without_prefetch_uses_the_original_without_queries(
    django_assert_num_queries,
):
    image = Image.objects.get(pk=ImageFactory().pk)
    with django_assert_num_queries(0):
        html = thumbnail(image, 48)
    assert f'src="{image.file.url}"' in html
    assert 'width="48"' in html and 'height="27"' in html
    assert "style=" not in html


def test_thumbnail_of_nothing_is_empty():
    assert thumbnail(None) == ""
    assert thumbnail(Image()) == ""
