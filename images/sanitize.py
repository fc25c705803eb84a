"""Re-encoding of uploads, so that no camera, location or editing data is published.

Photos straight from a phone carry the GPS position where they were taken,
the camera's serial number and editing history (EXIF, XMP, comments). Pixels
are copied into a fresh file of the same format; only the colour profile and
transparency survive, because without them the picture looks different.
The rights and provenance fields (creator, credit, copyright, licence,
source, digital source type) are read first and returned with the copy
(`provenance`), so the library keeps them without keeping the rest.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageOps

from .provenance import Rights, read_rights
from .validators import frame_count, image_format, open_image

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# Optimised Huffman tables save about a tenth of a JPEG's size, but the
# encoder then holds the whole picture a second time (130 MB for a
# 45-megapixel photo); above this size the original is saved without them.
OPTIMIZE_JPEG_MAX_PIXELS = 16_000_000
_KEPT_INFO = ("icc_profile", "transparency")
_ENCODER_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 90},
    "PNG": {},
    "WEBP": {"quality": 90},
    "GIF": {},
}


@dataclass(frozen=True)
class SanitizedImage:
    content: ContentFile
    format: str
    width: int
    height: int
    rights: Rights = field(default_factory=Rights)

    @property
    def name(self) -> str:
        # The extension follows the real format, never the uploaded name: a
        # JPEG called "photo.html" must not be served as a web page.
        return f"original.{EXTENSIONS[self.format]}"


def sanitize_upload(
    fp: IO[bytes], known_source_types: Iterable[str] = ()
) -> SanitizedImage:
    """Return a metadata-free copy of the picture in `fp`, upright and same
    format, with the rights read from its metadata (digital source types
    outside `known_source_types` are dropped).

    Raises `ValidationError` for anything `validate_image_file` refuses.
    """
    out = io.BytesIO()
    with open_image(fp) as source:
        fmt = image_format(source)
        rights = read_rights(source, known_source_types)
        options = dict(_ENCODER_OPTIONS[fmt])
        if icc_profile := source.info.get("icc_profile"):
            options["icc_profile"] = icc_profile
        if frame_count(source) > 1:
            # Pillow copies the first frame's info into the encoder options
            # unless they are already set, so the comment is blanked here.
            source.save(out, fmt, save_all=True, comment=b"", exif=b"", **options)
            size = source.size
        else:
            # Cameras store "rotate on display" in EXIF; with EXIF gone the
            # pixels themselves must be turned. In place, so an upright
            # picture is not copied.
            ImageOps.exif_transpose(source, in_place=True)
            source.info = {k: v for k, v in source.info.items() if k in _KEPT_INFO}
            if (
                fmt == "JPEG"
                and source.width * source.height <= OPTIMIZE_JPEG_MAX_PIXELS
            ):
                options["optimize"] = True
            source.save(out, fmt, **options)
            size = source.size
    return SanitizedImage(
        content=ContentFile(out.getvalue()),
        format=fmt,
        width=size[0],
        height=size[1],
        rights=rights,
    )


def has_metadata(picture: PILImage.Image) -> bool:
    """Whether a decoded picture still carries EXIF, XMP or a comment."""
    return bool(
        picture.getexif()
        or {"exif", "xmp", "XML:com.adobe.xmp", "comment"} & set(picture.info)
    )
