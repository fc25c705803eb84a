"""Small pictures built with Pillow for the image library tests."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

GPS_INFO = 0x8825
ORIENTATION = 0x0112
ROTATE_90_CLOCKWISE = 6

CONTENT_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "GIF": "image/gif",
}


def picture_bytes(
    width: int = 640,
    height: int = 480,
    fmt: str = "JPEG",
    mode: str = "RGB",
    colour: tuple[int, ...] = (30, 90, 160),
    **save_options: object,
) -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height), colour).save(buffer, fmt, **save_options)
    return buffer.getvalue()


def upload(
    data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type)


def picture_upload(
    fmt: str = "JPEG", name: str | None = None, **options: object
) -> SimpleUploadedFile:
    extension = {"JPEG": "jpg"}.get(fmt, fmt.lower())
    return upload(
        picture_bytes(fmt=fmt, **options),
        name or f"photo.{extension}",
        CONTENT_TYPES[fmt],
    )


def gps_exif(orientation: int | None = None) -> bytes:
    """EXIF as a phone writes it: camera make and where the photo was taken."""
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS_INFO] = {
        1: "N",
        2: (40.0, 22.0, 30.0),
        3: "E",
        4: (49.0, 50.0, 10.0),
    }
    if orientation is not None:
        exif[ORIENTATION] = orientation
    return exif.tobytes()


def animated_gif(frames: int = 3, width: int = 40, height: int = 30) -> bytes:
    images = [
        PILImage.new("RGB", (width, height), (n * 60 % 256, 100, 200)).convert("P")
        for n in range(frames)
    ]
    buffer = io.BytesIO()
    images[0].save(
        buffer,
        "GIF",
        save_all=True,
        append_images=images[1:],
        duration=100,
        loop=0,
        comment=b"made with a secret tool",
    )
    return buffer.getvalue()


def with_dot(
    width: int, height: int, x: float, y: float, dot: int = 40, fmt: str = "PNG"
) -> bytes:
    """A grey picture with a red square centred at (x, y), fractions of the size."""
    picture = PILImage.new("RGB", (width, height), (128, 128, 128))
    left, top = round(x * width - dot / 2), round(y * height - dot / 2)
    picture.paste((255, 0, 0), (left, top, left + dot, top + dot))
    buffer = io.BytesIO()
    picture.save(buffer, fmt)
    return buffer.getvalue()


def has_red(picture: PILImage.Image) -> bool:
    colours = picture.convert("RGB").getcolors(maxcolors=picture.width * picture.height)
    return any(r > 200 and g < 60 and b < 60 for _, (r, g, b) in colours or [])


def admin_add(client, file, **fields):
    data = {
        "title": "Harbour at dawn",
        "alt_text": "Cranes over the harbour",
        "caption": "",
        "credit": "",
        "focal_x": "0.5",
        "focal_y": "0.5",
        "file": file,
        **fields,
    }
    return client.post(reverse("admin:images_image_add"), data)
