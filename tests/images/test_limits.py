"""Uploads stay bounded: pixel limits checked from the header, renditions
within WebP's size limit (issue #17, items 9 and 18)."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image as PILImage

from images.forms import ImageAdminForm
from images.models import Image, Rendition
from images.renditions import MAX_SIDE, plan_renditions
from tests.images.pictures import admin_add, picture_bytes, upload

pytestmark = pytest.mark.django_db


def refused(response, code: str) -> str:
    """The add form came back with one `code` error on the file and nothing
    was stored."""
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert [error.code for error in form.errors.as_data()["file"]] == [code]
    assert not Image.objects.exists()
    assert not Rendition.objects.exists()
    return response.content.decode()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data))
    )


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims `width` x `height` but whose pixel data is broken:
    decoding it fails, so only a check made on the header can name its size."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", b"not zlib data")
        + _chunk(b"IEND", b"")
    )


def test_flat_png_of_49_megapixels_is_refused_naming_the_limit(admin_client):
    """A 160 kB PNG of 7,000 x 7,000 pixels decodes to 147 MB and cost
    seconds of a worker: refused with the limit for graphics."""
    data = picture_bytes(7000, 7000, fmt="PNG")
    assert len(data) < 200_000
    response = admin_add(admin_client, upload(data, "flat.png", "image/png"))
    html = refused(response, "too_many_pixels")
    assert "The picture has 49 million pixels" in html
    assert "PNG, WebP and GIF pictures may have up to 25 million" in html


def test_pixel_limit_is_checked_before_anything_is_decoded(admin_client):
    """Were the pixels decoded first, the broken data would be reported as a
    damaged file instead."""
    response = admin_add(
        admin_client, upload(png_header_only(7000, 7000), "bomb.png", "image/png")
    )
    refused(response, "too_many_pixels")


def test_same_broken_png_within_the_limit_is_decoded_and_refused_as_damaged(
    admin_client,
):
    """The control for the test above: below the limit the pixels are
    decoded, and the broken data found."""
    response = admin_add(
        admin_client, upload(png_header_only(700, 700), "broken.png", "image/png")
    )
    refused(response, "truncated")


def test_graphic_limit_applies_to_png_webp_and_gif_but_not_jpeg(settings):
    settings.IMAGE_MAX_GRAPHIC_PIXELS = 100 * 100

    def errors(fmt: str, extension: str) -> list[str]:
        form = ImageAdminForm(
            data={"title": "t", "alt_text": "a", "focal_x": "0.5", "focal_y": "0.5"},
            files={"file": upload(picture_bytes(101, 100, fmt=fmt), f"p.{extension}")},
        )
        form.is_valid()
        return [error.code for error in form.errors.as_data().get("file", [])]

    assert errors("PNG", "png") == ["too_many_pixels"]
    assert errors("WEBP", "webp") == ["too_many_pixels"]
    assert errors("GIF", "gif") == ["too_many_pixels"]
    assert errors("JPEG", "jpg") == []


def test_a_45_megapixel_camera_photo_is_accepted(settings):
    """8,256 x 5,504 is what 45-megapixel cameras shoot, as JPEG."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (8256, 5504), (90, 120, 60)).save(buffer, "JPEG")
    form = ImageAdminForm(
        data={"title": "t", "alt_text": "a", "focal_x": "0.5", "focal_y": "0.5"},
        files={"file": upload(buffer.getvalue(), "DSC_0001.JPG")},
    )
    assert form.is_valid(), form.errors


def test_plan_keeps_renditions_of_a_tall_picture_within_webps_limit():
    planned = plan_renditions(800, 17000, 0.5, 0.5)
    assert planned
    for plan in planned:
        width, height = plan.size
        assert width <= MAX_SIDE and height <= MAX_SIDE
        box_width, box_height = plan.box[2] - plan.box[0], plan.box[3] - plan.box[1]
        # Narrowed, not squashed: the shape is kept to within a pixel.
        assert abs(width * box_height / box_width - height) <= 1
    tallest = max(plan.size[1] for plan in planned if plan.spec.ratio == "")
    assert 16000 < tallest <= MAX_SIDE


def test_infographic_taller_than_webp_allows_is_uploaded(admin_client):
    """An 800 x 17,000 infographic gave a 500: its 800-wide WebP would have
    been 17,000 pixels tall."""
    data = picture_bytes(800, 17000, fmt="PNG")
    response = admin_add(admin_client, upload(data, "chart.png", "image/png"))
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (800, 17000)
    tallest = image.renditions_for("", Rendition.Format.WEBP)[-1]
    assert tallest.height <= MAX_SIDE
    assert tallest.height > 16000
    with tallest.file.open("rb") as fp, PILImage.open(fp) as stored:
        assert stored.format == "WEBP"
        assert stored.size == (tallest.width, tallest.height)
    assert {r.format for r in image.renditions.all()} == {"webp", "jpeg"}
