"""Stored originals carry no EXIF, GPS position, XMP or comments."""

from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage
from PIL import ImageCms

from images.sanitize import has_metadata, sanitize_upload
from tests.factories import ImageFactory
from tests.images.pictures import (
    GPS_INFO,
    ROTATE_90_CLOCKWISE,
    animated_gif,
    gps_exif,
    picture_bytes,
    upload,
)

pytestmark = pytest.mark.django_db


def stored(image) -> tuple[PILImage.Image, bytes]:
    with image.file.open("rb") as fp:
        data = fp.read()
    return PILImage.open(io.BytesIO(data)), data


def test_gps_position_is_removed_from_a_jpeg():
    data = picture_bytes(exif=gps_exif(), comment=b"shot at home")
    source = PILImage.open(io.BytesIO(data))
    assert source.getexif().get_ifd(GPS_INFO), "the test picture must carry GPS"

    image = ImageFactory(file=upload(data))

    picture, raw = stored(image)
    assert picture.format == "JPEG"
    assert not picture.getexif()
    assert "exif" not in picture.info
    assert "comment" not in picture.info
    assert b"PhoneMaker" not in raw and b"shot at home" not in raw


def test_renditions_carry_no_metadata_either():
    """Nothing but the rights XMP that test_rights.py checks."""
    image = ImageFactory(credit="", file=upload(picture_bytes(exif=gps_exif())))
    for rendition in image.renditions.all():
        with rendition.file.open("rb") as fp, PILImage.open(fp) as picture:
            assert not has_metadata(picture), rendition.spec


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_exif_and_xmp_are_removed_from_png_and_webp(fmt):
    data = picture_bytes(fmt=fmt, exif=gps_exif(), xmp=b"<x:xmpmeta>me</x:xmpmeta>")
    assert has_metadata(PILImage.open(io.BytesIO(data)))
    image = ImageFactory(file=upload(data, f"photo.{fmt.lower()}"))
    picture, raw = stored(image)
    assert picture.format == fmt
    assert not has_metadata(picture)
    assert b"PhoneMaker" not in raw and b"xmpmeta" not in raw


def test_orientation_is_applied_before_exif_is_dropped():
    """A portrait photo that the camera stored sideways stays a portrait."""
    data = picture_bytes(60, 40, exif=gps_exif(orientation=ROTATE_90_CLOCKWISE))
    image = ImageFactory(file=upload(data))
    picture, _ = stored(image)
    assert picture.size == (40, 60)
    assert (image.width, image.height) == (40, 60)
    assert {(r.width, r.height) for r in image.renditions.filter(spec="w480")} == {
        (40, 60)
    }


def test_animated_gif_keeps_its_frames_and_loses_its_comment():
    image = ImageFactory(file=upload(animated_gif(frames=4), "a.gif", "image/gif"))
    picture, raw = stored(image)
    assert picture.format == "GIF"
    assert picture.n_frames == 4
    assert picture.info.get("duration") == 100
    assert "comment" not in picture.info
    assert b"secret tool" not in raw


def test_colour_profile_is_kept():
    """Without its profile a wide-gamut photo shows washed-out colours."""
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    cleaned = sanitize_upload(io.BytesIO(picture_bytes(icc_profile=srgb)))
    assert PILImage.open(cleaned.content).info["icc_profile"] == srgb


def test_transparency_is_kept():
    rgba = picture_bytes(fmt="PNG", mode="RGBA", colour=(10, 20, 30, 0))
    cleaned = sanitize_upload(io.BytesIO(rgba))
    picture = PILImage.open(cleaned.content)
    assert picture.mode == "RGBA"
    assert picture.getpixel((0, 0))[3] == 0


def test_sanitizing_names_the_file_after_its_real_format():
    cleaned = sanitize_upload(io.BytesIO(picture_bytes(fmt="WEBP")))
    assert (cleaned.format, cleaned.name) == ("WEBP", "original.webp")
