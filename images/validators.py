"""What the image library accepts, checked with Pillow before anything is stored.

Every refusal is a `ValidationError` with its own code and message, so the
admin shows the editor what to fix instead of failing with a server error.
Limits are read from settings on every call.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

# Pillow format names; only these parsers are ever run on an upload.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
ACCEPTED_MIME_TYPES = ("image/jpeg", "image/png", "image/webp", "image/gif")

MESSAGES = {
    "too_large": _(
        "The file is %(size)s; files up to %(limit)s are accepted. "
        "Export the picture at a smaller size or higher compression."
    ),
    "svg": _(
        "SVG drawings are not accepted because they can carry scripts. "
        "Export the picture as PNG or JPEG."
    ),
    "not_an_image": _(
        "The file is not a JPEG, PNG, WebP or GIF image. Renaming a file does "
        "not change its format: export the picture in one of these formats."
    ),
    "too_many_pixels": _(
        "The picture has too many pixels (all frames together for an "
        "animation): the limit is %(limit)s million. Scale it down before "
        "uploading."
    ),
    "too_many_pixels_graphic": _(
        "The picture has %(pixels)s million pixels; PNG, WebP and GIF "
        "pictures may have up to %(limit)s million. Scale it down before "
        "uploading, or save a photograph as JPEG, which may have up to "
        "%(jpeg_limit)s million."
    ),
    "polyglot": _(
        "The file is a picture with web code (HTML or script) hidden inside: "
        "it is refused because browsers can be tricked into running it. "
        "Export the picture again from your photo editor."
    ),
    "truncated": _(
        "The image file is incomplete or damaged, perhaps cut off during "
        "copying or upload. Open it on your computer to check, then upload it "
        "again."
    ),
}

# Set on an upload once it passed, so the form field and the model field
# validator (both run on an admin save) decode a large picture only once.
_CHECKED = "_image_library_checked"


def _error(code: str, **params: object) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def _too_many_pixels() -> ValidationError:
    limit = settings.IMAGE_MAX_PIXELS / 1_000_000
    return _error("too_many_pixels", limit=f"{limit:g}")


# PNG, WebP and GIF frames are decoded at full size every time (only JPEG
# can be decoded at 1/2 to 1/8 scale), and flat graphics compress so well
# that a 160 kB PNG of 7,000 x 7,000 pixels cost half a gigabyte and seconds
# of a worker. A photograph of 25 million pixels is far over the upload size
# limit as PNG, so only graphics, screenshots and bombs come near this; it
# still takes a 6K screenshot or an 800 x 17,000 infographic. Cameras shoot
# JPEG, which keeps IMAGE_MAX_PIXELS: a 45-megapixel camera's photo is
# 8,256 x 5,504 = 45.4 million. (IMAGE_MAX_GRAPHIC_PIXELS, 25 million.)
def max_frame_pixels(fmt: str) -> int:
    """The most pixels one frame in Pillow format `fmt` may have."""
    limit = settings.IMAGE_MAX_PIXELS
    if fmt == "JPEG":
        return limit
    return min(limit, settings.IMAGE_MAX_GRAPHIC_PIXELS)


def _too_many_graphic_pixels(pixels: int, limit: int) -> ValidationError:
    return ValidationError(
        MESSAGES["too_many_pixels_graphic"],
        code="too_many_pixels",
        params={
            "pixels": f"{pixels / 1_000_000:.3g}",
            "limit": f"{limit / 1_000_000:g}",
            "jpeg_limit": f"{settings.IMAGE_MAX_PIXELS / 1_000_000:g}",
        },
    )


# Markup or script inside a picture file: a polyglot that some browser or
# tool could read as HTML. Camera and editor metadata (EXIF, XMP's RDF/XML)
# never contains these.
_POLYGLOT_MARKERS = re.compile(
    rb"<\s*(?:script|html|body|iframe|object|embed|svg|\?php)\b|javascript:",
    re.IGNORECASE,
)


def _is_polyglot(fp: IO[bytes]) -> bool:
    fp.seek(0)
    tail = b""
    while chunk := fp.read(1 << 20):
        # Overlap the chunks so a marker split across two is still found.
        if _POLYGLOT_MARKERS.search(tail + chunk):
            return True
        tail = chunk[-32:]
    return False


def _looks_like_svg(fp: IO[bytes]) -> bool:
    fp.seek(0)
    head = fp.read(2048).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and b"<svg" in head


def image_format(picture: PILImage.Image) -> str:
    """The Pillow format name, with multi-picture JPEGs counted as JPEG."""
    # Phones add a depth map or HDR gain map as a second picture (MPO); web
    # browsers show the first, which is an ordinary JPEG.
    return "JPEG" if picture.format == "MPO" else str(picture.format)


def frame_count(picture: PILImage.Image) -> int:
    """How many frames are shown: more than one only for an animation."""
    if image_format(picture) == "JPEG":
        return 1
    return getattr(picture, "n_frames", 1)


@contextmanager
def open_image(fp: IO[bytes]) -> Iterator[PILImage.Image]:
    """Open `fp` with Pillow, refusing what the library does not accept.

    Only the header is read here; decoding errors surface when the caller
    loads pixels. Raises `ValidationError` for non-images, SVG, formats
    outside `ACCEPTED_FORMATS` and pictures over the pixel limits, so nothing
    too large is ever decoded.
    """
    fp.seek(0)
    # Pillow only warns between its own limit and twice that; a warning would
    # let a decompression bomb through, so it counts as a refusal.
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            picture = PILImage.open(fp, formats=ACCEPTED_FORMATS)
        except (PILImage.DecompressionBombWarning, PILImage.DecompressionBombError):
            raise _too_many_pixels() from None
        except UnidentifiedImageError:
            code = "svg" if _looks_like_svg(fp) else "not_an_image"
            raise _error(code) from None
        except Exception as exc:
            # Pillow raises many exception types for broken headers.
            raise _error("truncated") from exc
        # The context manager, unlike close(), leaves the caller's file open.
        with picture:
            if image_format(picture) not in ACCEPTED_FORMATS:
                raise _error("not_an_image")
            try:
                frames = frame_count(picture)
            except Exception as exc:
                # Counting GIF frames walks the whole file.
                raise _error("truncated") from exc
            # A frame must fit in memory; all of them together bound the time.
            pixels = picture.width * picture.height
            frame_limit = max_frame_pixels(image_format(picture))
            if pixels > frame_limit and frame_limit < settings.IMAGE_MAX_PIXELS:
                raise _too_many_graphic_pixels(pixels, frame_limit)
            if pixels * frames > settings.IMAGE_MAX_PIXELS:
                raise _too_many_pixels()
            yield picture


def validate_image_file(value: File) -> None:
    """Refuse an upload that is too big, not an accepted format, or damaged.

    Files already in storage are not checked again: they passed on upload and
    were re-encoded, and re-reading them would decode the original on every
    caption edit.
    """
    if getattr(value, "_committed", False):
        return
    upload = value.file if isinstance(value, FieldFile) else value
    if getattr(upload, _CHECKED, False):
        return
    limit = settings.IMAGE_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise _error(
            "too_large", size=filesizeformat(upload.size), limit=filesizeformat(limit)
        )
    with open_image(upload) as picture:
        if image_format(picture) == "JPEG":
            # Decoding at 1/8 scale still reads all of the compressed data,
            # so a cut-off file is found with 1/64 of the memory and time.
            picture.draft(
                None, (max(1, picture.width // 8), max(1, picture.height // 8))
            )
        try:
            # Decoding every frame is the only way to find a cut-off file:
            # headers of a truncated JPEG or GIF look fine.
            for index in range(frame_count(picture)):
                picture.seek(index)
                picture.load()
        except ValidationError:
            raise
        except Exception as exc:
            raise _error("truncated") from exc
    # Only a real picture gets here: SVG and non-images have their own message.
    if _is_polyglot(upload):
        raise _error("polyglot")
    upload.seek(0)
    setattr(upload, _CHECKED, True)
