"""Renditions: their sizes and crops, and when they are made again."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image as PILImage

from images.models import Image, Rendition, RenditionStatus
from images.renditions import (
    SPECS,
    SPECS_BY_NAME,
    focal_crop_box,
    generate_renditions,
    parse_ratio,
    plan_renditions,
)
from images.services import make_renditions
from tests.factories import ImageFactory
from tests.images.pictures import has_red, picture_bytes, upload, with_dot

WIDTHS = ("w480", "w800", "w1200", "w1600")
CROPS = ("1:1-200", "1:1-400", "4:3-480", "4:3-800")
CROPS_16_9 = ("16:9-480", "16:9-800", "16:9-1200", "16:9-1600")


def sizes(image: Image, fmt: str = "jpeg") -> dict[str, tuple[int, int]]:
    return {
        r.spec: (r.width, r.height) for r in image.renditions.all() if r.format == fmt
    }


def decoded(rendition: Rendition) -> PILImage.Image:
    with rendition.file.open("rb") as fp:
        picture = PILImage.open(fp)
        picture.load()
    return picture


# focal_crop_box: pure crop arithmetic


@pytest.mark.parametrize(
    ("size", "ratio", "expected"),
    [
        ((1600, 900), "16:9", (0, 0, 1600, 900)),
        ((1600, 900), "1:1", (350, 0, 1250, 900)),
        ((1000, 1000), "16:9", (0, 219, 1000, 781)),
        ((900, 1600), "4:3", (0, 462, 900, 1137)),
        ((1200, 630), "1200:630", (0, 0, 1200, 630)),
    ],
)
def test_centred_crop_is_the_largest_box_of_the_ratio(size, ratio, expected):
    assert focal_crop_box(*size, parse_ratio(ratio), 0.5, 0.5) == expected


@pytest.mark.parametrize(
    ("focal", "expected"),
    [
        ((0.0, 0.5), (0, 0, 900, 900)),
        ((1.0, 0.5), (700, 0, 1600, 900)),
        ((0.2, 0.5), (0, 0, 900, 900)),
        ((0.6, 0.5), (510, 0, 1410, 900)),
        ((0.9, 0.1), (700, 0, 1600, 900)),
    ],
)
def test_crop_follows_the_focal_point_and_stays_inside(focal, expected):
    assert focal_crop_box(1600, 900, Fraction(1), *focal) == expected


@pytest.mark.parametrize("ratio", ["1:1", "4:3", "16:9", "3:4", "1200:630"])
@pytest.mark.parametrize("size", [(1600, 900), (900, 1600), (1000, 1000), (7, 3)])
def test_crop_always_contains_the_focal_point(ratio, size):
    width, height = size
    for focal_x in (0.0, 0.13, 0.5, 0.87, 1.0):
        for focal_y in (0.0, 0.4, 1.0):
            left, top, right, bottom = focal_crop_box(
                width, height, parse_ratio(ratio), focal_x, focal_y
            )
            assert 0 <= left < right <= width and 0 <= top < bottom <= height
            assert left <= focal_x * width <= right
            assert top <= focal_y * height <= bottom
            if min(width, height) >= 100:
                crop_ratio = (right - left) / (bottom - top)
                assert crop_ratio == pytest.approx(float(parse_ratio(ratio)), abs=0.01)


def test_focal_point_outside_zero_to_one_is_clamped():
    assert focal_crop_box(200, 100, Fraction(1), -3, 9) == (0, 0, 100, 100)


@pytest.mark.parametrize("bad", ["", "16", "16:0", "a:b", "-1:2", "16/9"])
def test_malformed_ratio_is_an_error(bad):
    with pytest.raises(ValueError):
        parse_ratio(bad)


def test_spec_names_are_unique_and_fit_the_column():
    names = [spec.name for spec in SPECS]
    assert len(names) == len(set(names))
    max_length = Rendition._meta.get_field("spec").max_length
    assert all(len(name) <= max_length for name in names)


# Generated renditions


@pytest.mark.django_db
def test_large_original_gets_every_width_and_crop_in_both_formats():
    image = ImageFactory(file=upload(picture_bytes(2400, 1600)))
    expected = {
        "w480": (480, 320),
        "w800": (800, 533),
        "w1200": (1200, 800),
        "w1600": (1600, 1067),
        "1:1-200": (200, 200),
        "1:1-400": (400, 400),
        "4:3-480": (480, 360),
        "4:3-800": (800, 600),
        "16:9-480": (480, 270),
        "16:9-800": (800, 450),
        "16:9-1200": (1200, 675),
        "16:9-1600": (1600, 900),
    }
    assert sizes(image, "webp") == expected
    assert sizes(image, "jpeg") == {**expected, "social": (1200, 630)}


@pytest.mark.django_db
def test_stored_files_have_the_recorded_size_and_format():
    image = ImageFactory(file=upload(picture_bytes(1700, 1000)))
    assert image.renditions.count() == 2 * len(SPECS) - 1
    for rendition in image.renditions.all():
        picture = decoded(rendition)
        assert picture.size == (rendition.width, rendition.height), rendition.spec
        assert picture.format == rendition.format.upper()
        assert Path(rendition.file.name).parts[:2] == ("renditions", str(image.pk))


@pytest.mark.django_db
def test_crops_have_their_ratio():
    image = ImageFactory(file=upload(picture_bytes(2000, 1333)))
    for rendition in image.renditions.all():
        spec = SPECS_BY_NAME[rendition.spec]
        if spec.ratio:
            ratio = float(parse_ratio(spec.ratio))
            assert rendition.width / rendition.height == pytest.approx(ratio, abs=0.01)


@pytest.mark.django_db
def test_social_card_is_exactly_1200_by_630_even_from_a_small_original():
    image = ImageFactory(file=upload(picture_bytes(300, 300)))
    card = image.social_card
    assert card is not None
    assert (card.width, card.height, card.format) == (1200, 630, "jpeg")
    assert decoded(card).size == (1200, 630)
    assert image.rendition("social", "webp") is None


@pytest.mark.django_db
def test_small_original_is_never_upscaled_but_gets_one_of_each_shape():
    image = ImageFactory(file=upload(picture_bytes(300, 200)))
    assert sizes(image, "webp") == {
        "w480": (300, 200),
        "1:1-200": (200, 200),
        "4:3-480": (267, 200),
        "16:9-480": (300, 169),
    }


@pytest.mark.django_db
def test_width_between_two_steps_is_kept_once():
    """A 1000-pixel original: 480, 800 and its own 1000, no duplicate 1000."""
    image = ImageFactory(file=upload(picture_bytes(1000, 500)))
    assert {spec: size for spec, size in sizes(image).items() if spec in WIDTHS} == {
        "w480": (480, 240),
        "w800": (800, 400),
        "w1200": (1000, 500),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("focal", [(0.1, 0.5), (0.9, 0.5), (0.5, 0.1), (0.8, 0.9)])
def test_crops_keep_the_focal_point_in_the_picture(focal):
    picture = with_dot(1600, 1000, *focal)
    image = ImageFactory(
        file=upload(picture, "dot.png", "image/png"),
        focal_x=focal[0],
        focal_y=focal[1],
    )
    for rendition in image.renditions.all():
        assert has_red(decoded(rendition)), rendition.spec


@pytest.mark.django_db
def test_centre_crop_would_lose_an_off_centre_subject():
    """The check above is meaningful: without the focal point the dot is cut off."""
    image = ImageFactory(file=upload(with_dot(1600, 900, 0.05, 0.5), "d.png"))
    assert not has_red(decoded(image.rendition("1:1-400")))


@pytest.mark.django_db
def test_transparent_png_gets_a_white_jpeg_and_a_transparent_webp():
    data = picture_bytes(fmt="PNG", mode="RGBA", colour=(0, 0, 0, 0))
    image = ImageFactory(file=upload(data, "logo.png", "image/png"))
    jpeg = decoded(image.rendition("w480", "jpeg"))
    assert jpeg.mode == "RGB" and jpeg.getpixel((5, 5)) == (255, 255, 255)
    webp = decoded(image.rendition("w480", "webp"))
    assert webp.mode == "RGBA" and webp.getpixel((5, 5))[3] == 0


@pytest.mark.django_db
def test_palette_and_greyscale_pictures_are_converted():
    for mode, colour in (("P", 5), ("L", 90), ("CMYK", (0, 0, 0, 0))):
        fmt = "JPEG" if mode == "CMYK" else "PNG"
        image = ImageFactory(
            file=upload(picture_bytes(fmt=fmt, mode=mode, colour=colour))
        )
        assert decoded(image.rendition("w480", "jpeg")).mode == "RGB"


# When renditions are made again


def rendition_files(image: Image) -> set[str]:
    return set(image.renditions.values_list("file", flat=True))


@pytest.mark.django_db
def test_caption_edit_keeps_the_renditions(django_assert_num_queries):
    image = ImageFactory()
    before = rendition_files(image)
    image = Image.objects.get(pk=image.pk)
    image.caption = "A new caption"
    image.title = "Renamed"
    # The audit trail's read of the values before, the update, its entry:
    # no rendition is touched, and none is due.
    with django_assert_num_queries(3):
        image.save()
    assert rendition_files(image) == before
    assert image.renditions_status == RenditionStatus.READY


@pytest.mark.django_db
def test_unchanged_save_right_after_creation_keeps_the_renditions():
    image = ImageFactory()
    before = rendition_files(image)
    # Not the credit: the rights are embedded in renditions (test_rights.py).
    image.title = "Someone else's picture"
    image.save()
    assert rendition_files(image) == before


@pytest.mark.django_db
def test_focal_point_change_remakes_renditions_and_removes_old_files(
    django_capture_on_commit_callbacks,
):
    image = Image.objects.get(pk=ImageFactory().pk)
    before = rendition_files(image)
    storage = Rendition._meta.get_field("file").storage
    assert all(storage.exists(name) for name in before)

    image.focal_x = 0.1
    image.save()
    # Readers keep the previous crops until the worker has made new ones.
    assert image.renditions_status == RenditionStatus.UPDATING
    assert rendition_files(image) == before
    with django_capture_on_commit_callbacks(execute=True):
        make_renditions(image)

    assert Image.objects.get(pk=image.pk).renditions_status == RenditionStatus.READY
    after = rendition_files(image)
    assert after and not before & after
    assert not any(storage.exists(name) for name in before)
    assert all(storage.exists(name) for name in after)


@pytest.mark.django_db
def test_focal_point_saved_through_update_fields_remakes_renditions():
    image = Image.objects.get(pk=ImageFactory().pk)
    before = rendition_files(image)
    image.focal_y = 0.9
    image.save(update_fields=["focal_y"])
    assert Image.objects.get(pk=image.pk).renditions_status == RenditionStatus.UPDATING
    make_renditions(image)
    assert not before & rendition_files(image)


@pytest.mark.django_db
def test_focal_point_changed_but_not_saved_is_ignored():
    image = Image.objects.get(pk=ImageFactory().pk)
    before = rendition_files(image)
    image.focal_y = 0.9
    image.save(update_fields=["caption"])
    assert rendition_files(image) == before
    assert Image.objects.get(pk=image.pk).renditions_status == RenditionStatus.READY


@pytest.mark.django_db
def test_new_file_remakes_renditions_and_keeps_the_old_original():
    image = Image.objects.get(pk=ImageFactory().pk)
    old_original = image.file.name
    image.file = upload(picture_bytes(2000, 1000), "new.jpg")
    image.save()
    # The old renditions show another picture: readers see none meanwhile.
    assert image.renditions_status == RenditionStatus.PROCESSING
    assert not image.renditions_shown
    make_renditions(image)
    assert image.file.name != old_original
    assert image.file.storage.exists(old_original)
    assert (image.width, image.height) == (2000, 1000)
    assert sizes(image)["w1600"] == (1600, 800)


@pytest.mark.django_db
def test_deleting_an_image_keeps_its_files(django_capture_on_commit_callbacks):
    """Media stay until a purge: a deleted image may still be in caches or feeds."""
    image = ImageFactory()
    names = [image.file.name, *rendition_files(image)]
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not Rendition.objects.exists()
    assert all(image.file.storage.exists(name) for name in names)


@pytest.mark.django_db
def test_generate_returns_the_rows_and_clears_a_stale_prefetch():
    image = Image.objects.prefetch_related("renditions").get(pk=ImageFactory().pk)
    old = {r.pk for r in image.renditions.all()}
    made = generate_renditions(image)
    assert {r.pk for r in made} == {r.pk for r in image.renditions.all()}
    assert not old & {r.pk for r in made}


@pytest.mark.django_db
def test_command_remakes_missing_renditions():
    with_renditions = ImageFactory()
    kept = rendition_files(with_renditions)
    without = ImageFactory()
    without.renditions.all().delete()

    call_command("regenerate_renditions", "--missing")

    assert rendition_files(with_renditions) == kept
    assert without.renditions.count() == with_renditions.renditions.count()


@pytest.mark.django_db
def test_command_remakes_the_images_it_is_given():
    first, second = ImageFactory(), ImageFactory()
    untouched = rendition_files(second)
    before = rendition_files(first)
    call_command("regenerate_renditions", str(first.pk))
    assert not before & rendition_files(first)
    assert rendition_files(second) == untouched


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("size", "focal"), [((2000, 1500), (0.5, 0.5)), ((700, 1000), (0.2, 0.8))]
)
def test_the_plan_is_what_an_upload_gets(size, focal):
    """plan_renditions() also fills the benchmark generator's rows, which
    must stand for real uploads."""
    image = ImageFactory(
        file=upload(picture_bytes(*size)), focal_x=focal[0], focal_y=focal[1]
    )
    made = {
        (r.spec, r.format, r.width, r.height)
        for r in Rendition.objects.filter(image=image)
    }
    planned = {
        (p.spec.name, fmt, *p.size)
        for p in plan_renditions(*size, *focal)
        for fmt in p.spec.formats
    }
    assert made == planned


@pytest.mark.django_db
def test_rendition_addresses_follow_a_changed_media_url(settings):
    """Rendition addresses are remembered per file name (`stored_url`); a
    changed MEDIA_URL must not leave the old addresses in use."""
    rendition = ImageFactory(file=upload(picture_bytes(800, 600))).renditions.first()
    before = rendition.url
    assert before.startswith(settings.MEDIA_URL)
    settings.MEDIA_URL = "/elsewhere/"
    assert rendition.url == f"/elsewhere/{rendition.file.name}"
