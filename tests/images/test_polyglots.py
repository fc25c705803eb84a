"""Polyglots: files that are a picture and something else at once.

A picture with markup or script appended, or hidden in a PNG text chunk or
a GIF comment, is refused with a form error, as is a file that starts as
something else. Harmless metadata text is accepted, and what is stored (and
every rendition) is a fresh encoding of the pixels alone.
"""

from __future__ import annotations

import io
import zlib
from struct import pack

import pytest
from PIL import Image as PILImage
from PIL import PngImagePlugin

from images.models import Image
from tests.images.pictures import admin_add, picture_bytes, upload

pytestmark = pytest.mark.django_db

PAYLOAD = b"<html><script>alert(document.cookie)</script></html>"
MARKERS = (b"<script", b"<html", b"alert(", b"tEXt", b"iTXt", b"zTXt")


def png_with_text_chunks() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", PAYLOAD.decode())
    info.add_itxt("Description", PAYLOAD.decode())
    info.add_text("Author", PAYLOAD.decode(), zip=True)
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 480), (20, 120, 200)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def png_with_chunk_after_end() -> bytes:
    """A script in a private chunk after IEND, where decoders stop reading."""
    data = png_with_text_chunks()
    chunk = b"scRp" + PAYLOAD
    return data + pack(">I", len(PAYLOAD)) + chunk + pack(">I", zlib.crc32(chunk))


def gif_with_comment() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("P", (640, 480), 3).save(buffer, "GIF", comment=PAYLOAD)
    return buffer.getvalue()


POLYGLOTS = {
    "jpeg+html": (picture_bytes(fmt="JPEG") + PAYLOAD, "photo.jpg", "image/jpeg"),
    "gif+html": (
        picture_bytes(fmt="GIF", mode="P", colour=3) + PAYLOAD,
        "a.gif",
        "image/gif",
    ),
    "gif comment": (gif_with_comment(), "c.gif", "image/gif"),
    "png text chunks": (png_with_text_chunks(), "t.png", "image/png"),
    "png chunk after IEND": (png_with_chunk_after_end(), "e.png", "image/png"),
    "webp+html": (picture_bytes(fmt="WEBP") + PAYLOAD, "w.webp", "image/webp"),
}


def stored_bytes(field) -> bytes:
    with field.open("rb") as fp:
        return fp.read()


@pytest.mark.parametrize("name", POLYGLOTS)
def test_polyglot_is_refused_with_a_form_error(admin_client, name):
    data, filename, content_type = POLYGLOTS[name]
    assert any(marker in data for marker in MARKERS)  # the payload is there
    response = admin_add(admin_client, upload(data, filename, content_type))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert "web code" in errors[0]
    assert not Image.objects.exists()


def test_harmless_text_metadata_is_accepted_and_stripped(admin_client):
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", "Photo editor 5.2")
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 480), (20, 120, 200)).save(buffer, "PNG", pnginfo=info)
    response = admin_add(admin_client, upload(buffer.getvalue(), "t.png", "image/png"))
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    files = [stored_bytes(image.file)] + [
        stored_bytes(rendition.file) for rendition in image.renditions.all()
    ]
    assert len(files) > 1
    for content in files:
        assert b"Photo editor" not in content and b"tEXt" not in content


@pytest.mark.parametrize(
    "data",
    [
        PAYLOAD + picture_bytes(fmt="JPEG"),
        b"GIF89a" + PAYLOAD,
        b"\x89PNG\r\n\x1a\n" + PAYLOAD,
    ],
    ids=["html then jpeg", "gif header then html", "png signature then html"],
)
def test_a_file_that_is_not_really_a_picture_is_refused(admin_client, data):
    response = admin_add(admin_client, upload(data, "photo.jpg", "image/jpeg"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"]
    assert not Image.objects.exists()
