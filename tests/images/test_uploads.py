"""What the admin accepts as an upload, and the message an editor sees otherwise."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from images.models import Image
from images.validators import validate_image_file
from tests.images.pictures import (
    admin_add,
    animated_gif,
    picture_bytes,
    picture_upload,
    upload,
)

pytestmark = pytest.mark.django_db


def noisy_jpeg(width: int = 800, height: int = 600) -> bytes:
    """A JPEG with real detail, so that cutting it leaves undecodable data."""
    buffer = io.BytesIO()
    noise = PILImage.effect_noise((width, height), 80).convert("RGB")
    noise.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script>"
    b'<rect width="10" height="10"/></svg>'
)


def refused(response, code: str) -> str:
    """Assert the add form came back with one `code` error on the file field."""
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert [error.code for error in form.errors.as_data()["file"]] == [code]
    assert not Image.objects.exists()
    return response.content.decode()


def test_truncated_jpeg_is_refused(admin_client):
    data = noisy_jpeg()
    response = admin_add(admin_client, upload(data[: len(data) // 2]))
    assert "incomplete or damaged" in refused(response, "truncated")


def test_truncated_png_is_refused(admin_client):
    data = picture_bytes(fmt="PNG", mode="L", colour=0, width=300, height=300)
    response = admin_add(
        admin_client, upload(data[: len(data) - 40], "cut.png", "image/png")
    )
    refused(response, "truncated")


def test_text_file_renamed_jpg_is_refused(admin_client):
    fake = upload(b"Quarterly report\n" * 50, "report.jpg", "image/jpeg")
    html = refused(admin_add(admin_client, fake), "not_an_image")
    assert "Renaming a file does not change its format" in html


def test_pdf_renamed_jpg_is_refused(admin_client):
    fake = upload(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "scan.jpg")
    refused(admin_add(admin_client, fake), "not_an_image")


def test_svg_is_refused_with_its_own_message(admin_client):
    svg = upload(SVG, "logo.svg", "image/svg+xml")
    html = refused(admin_add(admin_client, svg), "svg")
    assert "SVG drawings are not accepted" in html


def test_svg_renamed_png_is_refused(admin_client):
    refused(admin_add(admin_client, upload(SVG, "logo.png", "image/png")), "svg")


@pytest.mark.parametrize("fmt", ["BMP", "TIFF"])
def test_other_image_formats_are_refused(admin_client, fmt):
    data = picture_bytes(fmt=fmt, width=20, height=20)
    refused(
        admin_add(admin_client, upload(data, f"scan.{fmt.lower()}")), "not_an_image"
    )


def test_picture_over_the_pixel_limit_is_refused(admin_client, settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    response = admin_add(admin_client, picture_upload(width=101, height=100))
    assert "the limit is 0.01 million" in refused(response, "too_many_pixels")


def test_pillow_decompression_bomb_warning_is_a_refusal(
    admin_client, settings, monkeypatch
):
    """Pillow's own bomb limit applies even when the setting is higher."""
    settings.IMAGE_MAX_PIXELS = 10**9
    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 50 * 50)
    response = admin_add(admin_client, picture_upload(width=60, height=60))
    refused(response, "too_many_pixels")


def test_pillow_decompression_bomb_error_is_a_refusal(
    admin_client, settings, monkeypatch
):
    settings.IMAGE_MAX_PIXELS = 10**9
    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 10 * 10)
    response = admin_add(admin_client, picture_upload(width=60, height=60))
    refused(response, "too_many_pixels")


def test_animation_frames_count_towards_the_pixel_limit(admin_client, settings):
    settings.IMAGE_MAX_PIXELS = 40 * 30 * 4
    ok = admin_add(admin_client, upload(animated_gif(frames=4), "ok.gif", "image/gif"))
    assert ok.status_code == 302
    Image.objects.all().delete()
    response = admin_add(
        admin_client, upload(animated_gif(frames=5), "long.gif", "image/gif")
    )
    refused(response, "too_many_pixels")


def test_file_over_the_size_limit_is_refused(admin_client, settings):
    data = noisy_jpeg(200, 200)
    settings.IMAGE_MAX_UPLOAD_BYTES = len(data) - 1
    html = refused(admin_add(admin_client, upload(data)), "too_large")
    assert "files up to" in html


def test_empty_file_is_refused(admin_client):
    response = admin_add(admin_client, upload(b"", "empty.jpg"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"]
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    ("fmt", "options"),
    [
        ("JPEG", {}),
        ("PNG", {"mode": "RGBA", "colour": (200, 30, 30, 128)}),
        ("WEBP", {}),
        ("GIF", {"mode": "P", "colour": 3}),
    ],
)
def test_accepted_formats_are_stored_in_their_format(admin_client, fmt, options):
    response = admin_add(admin_client, picture_upload(fmt, **options))
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    with image.file.open("rb") as fp, PILImage.open(fp) as stored:
        assert stored.format == fmt
    assert (image.width, image.height) == (640, 480)
    assert image.renditions.exists()


def test_animated_gif_is_accepted(admin_client):
    response = admin_add(admin_client, upload(animated_gif(), "spin.gif", "image/gif"))
    assert response.status_code == 302
    image = Image.objects.get()
    with image.file.open("rb") as fp, PILImage.open(fp) as stored:
        assert stored.n_frames == 3


def test_multi_picture_jpeg_from_a_phone_is_accepted(admin_client):
    """Phones add a depth or HDR map as a second picture (MPO); it is a JPEG."""
    frames = [PILImage.new("RGB", (300, 200), c) for c in ("red", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "MPO", save_all=True, append_images=frames[1:])
    response = admin_add(admin_client, upload(buffer.getvalue()))
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.file.name.endswith(".jpg")
    with image.file.open("rb") as fp, PILImage.open(fp) as stored:
        assert stored.format == "JPEG"


def test_stored_name_follows_the_real_format_not_the_upload_name(admin_client):
    """A PNG called "page.html" must not be served as a web page."""
    data = picture_bytes(fmt="PNG")
    response = admin_add(admin_client, upload(data, "page.html", "text/html"))
    assert response.status_code == 302
    name = Image.objects.get().file.name
    assert name.startswith("images/") and name.endswith(".png")
    assert "page" not in name


def test_model_validation_refuses_a_bad_file_without_the_admin():
    image = Image(
        title="Logo",
        alt_text="Logo",
        file=SimpleUploadedFile("logo.svg", SVG, "image/svg+xml"),
    )
    with pytest.raises(ValidationError) as caught:
        image.full_clean()
    assert [e.code for e in caught.value.error_dict["file"]] == ["svg"]


def test_stored_files_are_not_checked_again(settings):
    """A caption edit must not decode the original, even if limits changed."""
    from tests.factories import ImageFactory

    image = ImageFactory()
    settings.IMAGE_MAX_UPLOAD_BYTES = 1
    settings.IMAGE_MAX_PIXELS = 1
    image.refresh_from_db()
    image.full_clean()
    validate_image_file(image.file)
