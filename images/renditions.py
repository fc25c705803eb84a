"""Renditions: the resized and cropped copies of an image that readers download.

They are made with Pillow when an image is saved with a new file or focal
point, never on a reader's request. Every shape comes in several widths so
browsers pick one from a srcset, in WebP with a JPEG fallback:

- `w480`, `w800`, `w1200`, `w1600`: the original's shape;
- `1:1-200`, `1:1-400`, `4:3-480`, `4:3-800`, `16:9-480` … `16:9-1600`: crops
  around the focal point;
- `social`: the 1200x630 JPEG shown when a link is shared.

No rendition is wider than its source: a small original gets fewer widths
(at least one per shape), but the social card always has its exact size.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import partial
from typing import NamedTuple

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageOps

from .models import SOCIAL_CARD_SPEC, Image, Rendition, rendition_spec_name
from .validators import open_image

WEBP = Rendition.Format.WEBP
JPEG = Rendition.Format.JPEG

_EXTENSIONS = {WEBP: "webp", JPEG: "jpg"}
_ENCODER_OPTIONS = {
    WEBP: {"format": "WEBP", "quality": 80, "method": 4},
    JPEG: {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
}


@dataclass(frozen=True)
class RenditionSpec:
    """One rendition to make: a shape, a width and the formats to store.

    `ratio` is "" to keep the original's shape, or "width:height". An `exact`
    spec is resized to exactly `width` (upscaling if needed) and is not part
    of any srcset.
    """

    name: str
    ratio: str
    width: int
    formats: tuple[str, ...] = (WEBP, JPEG)
    exact: bool = False


def _widths(ratio: str, widths: Sequence[int]) -> list[RenditionSpec]:
    return [RenditionSpec(rendition_spec_name(ratio, w), ratio, w) for w in widths]


# Within a shape, narrowest first: when the original is too small for
# several widths, the first of them is the one that is made.
SPECS: tuple[RenditionSpec, ...] = (
    *_widths("", (480, 800, 1200, 1600)),
    *_widths("1:1", (200, 400)),
    *_widths("4:3", (480, 800)),
    *_widths("16:9", (480, 800, 1200, 1600)),
    RenditionSpec(SOCIAL_CARD_SPEC, "1200:630", 1200, formats=(JPEG,), exact=True),
)

SPECS_BY_NAME = {spec.name: spec for spec in SPECS}


def parse_ratio(ratio: str) -> Fraction:
    """ "16:9" as the fraction width / height; ValueError unless both are positive."""
    width, sep, height = ratio.partition(":")
    if not sep or not width.isdigit() or not height.isdigit() or not int(height):
        raise ValueError(f"Not a ratio like '16:9': {ratio!r}")
    value = Fraction(int(width), int(height))
    if value <= 0:
        raise ValueError(f"Not a ratio like '16:9': {ratio!r}")
    return value


def focal_crop_box(
    width: int, height: int, ratio: float | Fraction, focal_x: float, focal_y: float
) -> tuple[int, int, int, int]:
    """The largest box of aspect `ratio` (width / height) in a width x height picture.

    The box is centred on the focal point (fractions of the width and height,
    0 to 1) as far as the picture's edges allow, so the focal point is always
    inside it. Returns (left, top, right, bottom) in pixels, as Pillow takes.
    """
    if width < 1 or height < 1 or ratio <= 0:
        raise ValueError("width, height and ratio must be positive")
    focal_x = min(max(focal_x, 0.0), 1.0)
    focal_y = min(max(focal_y, 0.0), 1.0)
    if Fraction(width, height) > ratio:
        crop_height = height
        crop_width = min(width, max(1, round(height * ratio)))
    else:
        crop_width = width
        crop_height = min(height, max(1, round(width / ratio)))
    left = min(max(round(focal_x * width - crop_width / 2), 0), width - crop_width)
    top = min(max(round(focal_y * height - crop_height / 2), 0), height - crop_height)
    return left, top, left + crop_width, top + crop_height


def _prepare(source: PILImage.Image) -> PILImage.Image:
    """The first frame, upright, in RGB or (when it has transparency) RGBA."""
    source.seek(0)
    picture = ImageOps.exif_transpose(source)
    if picture.has_transparency_data:
        return picture.convert("RGBA")
    return picture if picture.mode == "RGB" else picture.convert("RGB")


def _encode(picture: PILImage.Image, fmt: str, icc_profile: bytes | None) -> bytes:
    if fmt == JPEG and picture.mode == "RGBA":
        # JPEG has no transparency; transparent parts would turn black.
        background = PILImage.new("RGB", picture.size, (255, 255, 255))
        background.paste(picture, mask=picture.getchannel("A"))
        picture = background
    out = io.BytesIO()
    options = dict(_ENCODER_OPTIONS[fmt])
    if icc_profile:
        options["icc_profile"] = icc_profile
    picture.save(out, **options)
    return out.getvalue()


def _output_size(
    spec: RenditionSpec, box: tuple[int, int, int, int]
) -> tuple[int, int]:
    box_width, box_height = box[2] - box[0], box[3] - box[1]
    if spec.exact:
        return spec.width, max(1, round(spec.width / parse_ratio(spec.ratio)))
    width = min(spec.width, box_width)
    return width, max(1, round(width * box_height / box_width))


def _delete_files(storage: Storage, names: Sequence[str]) -> None:
    for name in names:
        storage.delete(name)


class PlannedRendition(NamedTuple):
    spec: RenditionSpec
    box: tuple[int, int, int, int]  # the crop, in the source's pixels
    size: tuple[int, int]  # width, height


def plan_renditions(
    width: int,
    height: int,
    focal_x: float,
    focal_y: float,
    specs: Sequence[RenditionSpec] = SPECS,
) -> list[PlannedRendition]:
    """The renditions a `width` x `height` picture gets, with their crops
    and sizes: a width already made in a shape is not made twice."""
    planned: list[PlannedRendition] = []
    made_sizes: set[tuple[str, int]] = set()
    for spec in specs:
        if spec.ratio:
            box = focal_crop_box(
                width, height, parse_ratio(spec.ratio), focal_x, focal_y
            )
        else:
            box = (0, 0, width, height)
        size = _output_size(spec, box)
        if not spec.exact:
            if (spec.ratio, size[0]) in made_sizes:
                continue
            made_sizes.add((spec.ratio, size[0]))
        planned.append(PlannedRendition(spec, box, size))
    return planned


def generate_renditions(
    image: Image, *, specs: Sequence[RenditionSpec] = SPECS
) -> list[Rendition]:
    """Replace the renditions of a saved `image` with new ones from its file.

    Old rendition files are deleted once the transaction commits; the
    original file is never touched.
    """
    with image.file.open("rb") as fp, open_image(fp) as source:
        icc_profile = source.info.get("icc_profile")
        picture = _prepare(source)
    # A new name each time, so caches and CDNs never serve an old crop.
    token = uuid.uuid4().hex[:8]
    renditions: list[Rendition] = []
    planned = plan_renditions(
        picture.width, picture.height, image.focal_x, image.focal_y, specs
    )
    for spec, box, size in planned:
        resized = picture.resize(
            size, PILImage.Resampling.LANCZOS, box=box, reducing_gap=3.0
        )
        stem = spec.name.replace(":", "x")
        for fmt in spec.formats:
            rendition = Rendition(
                image=image, spec=spec.name, format=fmt, width=size[0], height=size[1]
            )
            rendition.file.save(
                f"{stem}-{token}.{_EXTENSIONS[fmt]}",
                ContentFile(_encode(resized, fmt, icc_profile)),
                save=False,
            )
            renditions.append(rendition)
    with transaction.atomic():
        old = Rendition.objects.filter(image=image)
        old_names = list(old.values_list("file", flat=True))
        old.delete()
        created = Rendition.objects.bulk_create(renditions)
        storage = Rendition._meta.get_field("file").storage
        transaction.on_commit(partial(_delete_files, storage, old_names))
    getattr(image, "_prefetched_objects_cache", {}).pop("renditions", None)
    return created
