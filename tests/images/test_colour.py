"""Colour profiles: converted once to sRGB, never copied into renditions
(issue #17, item 8)."""

from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage
from PIL import ImageCms

from images.renditions import generate_renditions
from tests.factories import ImageFactory
from tests.images.pictures import picture_bytes, upload

pytestmark = pytest.mark.django_db

PROFILE_BYTES = 2 * 1024 * 1024


def large_srgb_profile(size: int = PROFILE_BYTES) -> bytes:
    """A valid sRGB profile padded to `size` bytes, as some editing tools
    and scanners write them."""
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    profile = bytearray(srgb + bytes(size - len(srgb)))
    profile[0:4] = len(profile).to_bytes(4, "big")
    return bytes(profile)


def test_the_padded_profile_is_one_littlecms_reads():
    """Otherwise the tests below would only show that broken profiles are
    dropped."""
    profile = ImageCms.ImageCmsProfile(io.BytesIO(large_srgb_profile()))
    assert "sRGB" in ImageCms.getProfileDescription(profile)


def test_renditions_of_a_picture_with_a_large_profile_stay_small():
    """An 8 MB profile was copied into each of 25 renditions."""
    data = picture_bytes(1600, 900, icc_profile=large_srgb_profile())
    assert len(data) > PROFILE_BYTES
    image = ImageFactory(file=upload(data))
    renditions = list(image.renditions.all())
    assert len(renditions) == 25
    for rendition in renditions:
        assert rendition.file.size < 50_000, rendition
        with rendition.file.open("rb") as fp, PILImage.open(fp) as stored:
            assert "icc_profile" not in stored.info
    # The original keeps its profile for subscribers' own colour management.
    with image.file.open("rb") as fp, PILImage.open(fp) as original:
        assert len(original.info["icc_profile"]) == PROFILE_BYTES


def test_converted_renditions_keep_the_colours():
    colour = (30, 90, 160)
    data = picture_bytes(800, 450, colour=colour, icc_profile=large_srgb_profile())
    image = ImageFactory(file=upload(data))
    rendition = image.rendition("w480")
    with rendition.file.open("rb") as fp, PILImage.open(fp) as stored:
        pixel = stored.convert("RGB").getpixel((240, 135))
    assert all(abs(a - b) <= 4 for a, b in zip(pixel, colour, strict=True)), pixel


def test_a_broken_profile_is_dropped_instead_of_failing():
    broken = b"\x00\x00\x10\x00not a colour profile" + bytes(4000)
    image = ImageFactory(file=upload(picture_bytes(800, 450, icc_profile=broken)))
    renditions = generate_renditions(image)
    assert renditions
    with renditions[0].file.open("rb") as fp, PILImage.open(fp) as stored:
        assert "icc_profile" not in stored.info


def test_transparent_png_with_a_profile_keeps_its_alpha():
    data = picture_bytes(
        800,
        450,
        fmt="PNG",
        mode="RGBA",
        colour=(200, 30, 30, 100),
        icc_profile=large_srgb_profile(64 * 1024),
    )
    image = ImageFactory(file=upload(data, "logo.png", "image/png"))
    rendition = image.rendition("w480", "webp")
    with rendition.file.open("rb") as fp, PILImage.open(fp) as stored:
        assert stored.mode == "RGBA"
        red, green, blue, alpha = stored.getpixel((240, 135))
    assert abs(alpha - 100) <= 2
    assert abs(red - 200) <= 6 and green < 50 and blue < 50
