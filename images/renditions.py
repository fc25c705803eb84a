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
No rendition is taller or wider than WebP allows (16,383 pixels): a tall
infographic's renditions are narrowed to fit.

Renditions are in sRGB without a colour profile, which browsers take as
sRGB: a picture with any other profile is converted once, so a profile of
megabytes is not copied into every rendition.

Each rendition carries the picture's rights in a small XMP packet (creator,
copyright notice, credit, source, licence, digital source type; see
`provenance.rights_xmp`) and no other metadata: no EXIF, so no camera and no
location. A picture reused from a downloaded rendition still says whose it
is and whether generative AI made it.

The source is decoded once and kept only about twice as large as the
largest rendition (JPEGs are decoded at 1/2 to 1/8 scale, other formats
scaled down once right after decoding), and the narrower widths of a shape
are scaled from its widest: memory and time follow the renditions, not the
camera.
"""

from __future__ import annotations

import io
import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import partial
from typing import NamedTuple

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from PIL import ExifTags, ImageCms, ImageOps
from PIL import Image as PILImage

from .models import SOCIAL_CARD_SPEC, Image, Rendition, rendition_spec_name
from .provenance import rights_xmp
from .validators import image_format, open_image

WEBP = Rendition.Format.WEBP
JPEG = Rendition.Format.JPEG

_EXTENSIONS = {WEBP: "webp", JPEG: "jpg"}
# WebP stores each side in 14 bits; JPEG allows 65,535.
MAX_SIDE = 16_383
# How much larger than the largest rendition the decoded source is kept, as
# Pillow's own thumbnail() does, so the final LANCZOS still has detail to
# work from.
_DECODE_MARGIN = 2
_SRGB = ImageCms.createProfile("sRGB")
# Orientations that swap width and height.
_TURNED = {5, 6, 7, 8}
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


def _to_srgb(picture: PILImage.Image, icc_profile: bytes | None) -> PILImage.Image:
    """`picture` (RGB, RGBA, L or CMYK) as sRGB in RGB, or RGBA when it has
    alpha, converted from its colour profile when it has one."""
    output_mode = "RGBA" if picture.mode == "RGBA" else "RGB"
    if icc_profile:
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            return ImageCms.profileToProfile(
                picture, profile, _SRGB, outputMode=output_mode
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            # A broken profile, or one for another colour space than the
            # pixels: browsers ignore it, and so do renditions.
            pass
    return picture if picture.mode == output_mode else picture.convert(output_mode)


def _prepare(
    source: PILImage.Image, scale: float, icc_profile: bytes | None
) -> PILImage.Image:
    """The first frame, upright, in sRGB: RGB, or "RGBa" (premultiplied
    alpha, ready for resizing) when it has transparency. Scaled to about
    `scale` times its size, times a margin that keeps detail for the final
    resize."""
    source.seek(0)
    wanted = (
        max(1, math.ceil(source.width * scale * _DECODE_MARGIN)),
        max(1, math.ceil(source.height * scale * _DECODE_MARGIN)),
    )
    if image_format(source) == "JPEG":
        # libjpeg decodes straight to 1/2, 1/4 or 1/8 of the size when that
        # is still at least `wanted`.
        source.draft(None, wanted)
    transparent = source.has_transparency_data
    source.load()
    picture: PILImage.Image = source
    if transparent and picture.mode != "RGBA":
        picture = picture.convert("RGBA")
    elif not transparent and picture.mode not in ("RGB", "L", "CMYK"):
        picture = picture.convert("RGB")
    shrink = max(wanted[0] / picture.width, wanted[1] / picture.height)
    if shrink < 0.8:
        # Once to the working size, rather than from the full size for every
        # rendition.
        picture = picture.resize(
            (
                max(1, round(picture.width * shrink)),
                max(1, round(picture.height * shrink)),
            ),
            PILImage.Resampling.LANCZOS,
            reducing_gap=3.0,
        )
    if source.getexif().get(ExifTags.Base.Orientation, 1) != 1:
        # Uploads are turned upright when they are stored; only originals
        # stored before that still need it.
        picture = ImageOps.exif_transpose(picture)
    picture = _to_srgb(picture, icc_profile)
    if picture.mode == "RGBA":
        # resize() premultiplies alpha for each call; once is enough.
        picture = picture.convert("RGBa")
    return picture


def _encode(picture: PILImage.Image, fmt: str, xmp: bytes = b"") -> bytes:
    if picture.mode == "RGBa":
        picture = picture.convert("RGBA")
    if fmt == JPEG and picture.mode == "RGBA":
        # JPEG has no transparency; transparent parts would turn black.
        background = PILImage.new("RGB", picture.size, (255, 255, 255))
        background.paste(picture, mask=picture.getchannel("A"))
        picture = background
    out = io.BytesIO()
    # Always given, even empty: Pillow would otherwise copy an XMP packet
    # it finds in the picture's info.
    picture.save(out, xmp=xmp, **_ENCODER_OPTIONS[fmt])
    return out.getvalue()


def _output_size(
    spec: RenditionSpec, box: tuple[int, int, int, int]
) -> tuple[int, int]:
    box_width, box_height = box[2] - box[0], box[3] - box[1]
    if spec.exact:
        return spec.width, max(1, round(spec.width / parse_ratio(spec.ratio)))
    width = min(spec.width, box_width)
    height = max(1, round(width * box_height / box_width))
    if height > MAX_SIDE:
        # An infographic taller than WebP allows: narrower, in its shape.
        width = max(1, math.floor(MAX_SIDE * box_width / box_height))
        height = min(MAX_SIDE, max(1, round(width * box_height / box_width)))
    return width, height


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


def _largest_scale(planned: Sequence[PlannedRendition]) -> float:
    """How large, as a fraction of the source, the largest rendition is."""
    scales = (
        max(size[0] / (box[2] - box[0]), size[1] / (box[3] - box[1]))
        for _spec, box, size in planned
    )
    return min(1.0, max(scales, default=1.0))


def generate_renditions(
    image: Image, *, specs: Sequence[RenditionSpec] = SPECS
) -> list[Rendition]:
    """Replace the renditions of a saved `image` with new ones from its file.

    Old rendition files are deleted once the transaction commits; the
    original file is never touched.
    """
    with image.file.open("rb") as fp, open_image(fp) as source:
        width, height = source.size
        if source.getexif().get(ExifTags.Base.Orientation, 1) in _TURNED:
            width, height = height, width
        planned = plan_renditions(width, height, image.focal_x, image.focal_y, specs)
        picture = _prepare(
            source, _largest_scale(planned), source.info.get("icc_profile")
        )
    # The crops were planned on the full-size picture.
    scale_x, scale_y = picture.width / width, picture.height / height
    # A new name each time, so caches and CDNs never serve an old crop.
    token = uuid.uuid4().hex[:8]
    xmp = rights_xmp(image.rights)
    renditions: list[Rendition] = []
    # Widths of one shape share their crop, so the widest is cut from the
    # source and the narrower ones are scaled from it: a fraction of the
    # work, with no visible difference.
    widest: dict[tuple[str, tuple[int, int, int, int]], PILImage.Image] = {}
    for spec, box, size in sorted(planned, key=lambda p: -p.size[0]):
        left, top, right, bottom = box
        if (spec.ratio, box) in widest:
            resized = widest[spec.ratio, box].resize(
                size, PILImage.Resampling.LANCZOS, reducing_gap=3.0
            )
        else:
            resized = picture.resize(
                size,
                PILImage.Resampling.LANCZOS,
                box=(left * scale_x, top * scale_y, right * scale_x, bottom * scale_y),
                reducing_gap=3.0,
            )
            widest[spec.ratio, box] = resized
        stem = spec.name.replace(":", "x")
        for fmt in spec.formats:
            data = _encode(resized, fmt, xmp)
            rendition = Rendition(
                image=image,
                spec=spec.name,
                format=fmt,
                width=size[0],
                height=size[1],
                file_size=len(data),
            )
            rendition.file.save(
                f"{stem}-{token}.{_EXTENSIONS[fmt]}", ContentFile(data), save=False
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
