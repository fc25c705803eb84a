"""Small pictures built with Pillow for the image library tests."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
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


def admin_add(client, file, *, on_commit: bool = True, **fields):
    """Upload `file` through the admin's add page. With `on_commit`, what
    the commit sets off runs too: the renditions task (inline, as tests run
    tasks), as the worker would run it moments after the upload."""
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
    if not on_commit:
        return client.post(reverse("admin:images_image_add"), data)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("admin:images_image_add"), data)


# --- Rights metadata, as photo tools write it --------------------------------

XMP_NAMESPACES = (
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
    'xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" '
    'xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/" '
    'xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" '
    'xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    'xmlns:tiff="http://ns.adobe.com/tiff/1.0/"'
)


def xmp(properties: str, attributes: str = "", doctype: str = "") -> bytes:
    """An XMP packet as Photoshop or Photo Mechanic writes it, with
    `properties` (RDF/XML elements) and `attributes` on rdf:Description."""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        f"{doctype}"
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about="" {XMP_NAMESPACES} {attributes}>'
        f"{properties}"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()


def iim(*datasets: tuple[int, int, bytes]) -> bytes:
    """IPTC IIM datasets: tag marker, record, dataset number, length, value."""
    return b"".join(
        b"\x1c" + bytes([record, number]) + len(value).to_bytes(2, "big") + value
        for record, number, value in datasets
    )


def with_iim(jpeg: bytes, datasets: bytes) -> bytes:
    """`jpeg` with an APP13 segment holding `datasets` as Photoshop stores
    IPTC: an 8BIM resource 0x0404 with an empty name."""
    if len(datasets) % 2:
        datasets += b"\x00"
    resource = b"8BIM\x04\x04\x00\x00" + len(datasets).to_bytes(4, "big") + datasets
    payload = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload
    assert jpeg[:2] == b"\xff\xd8"
    return jpeg[:2] + segment + jpeg[2:]
