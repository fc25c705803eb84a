"""Picture rights and provenance, read from an upload and written into renditions.

Agencies and photographers put who made a picture, whom to credit, the
copyright notice, where to license it and how it was made (the IPTC digital
source type, which says whether a camera or a generative model made it) in
two places: the older IPTC IIM block (JPEG APP13) and XMP (an RDF/XML
packet). Uploads are re-encoded without any metadata (`sanitize`), so these
fields are read first and kept on the `Image`, where editors can correct
them; renditions get them back in a small XMP packet of their own, and
nothing else: no camera, no location.

Where both blocks carry a field, XMP wins: it is the one current photo
tools write and update, IIM is kept for older archives.

XMP comes from the uploader, so it is parsed with defusedxml and any DTD is
refused: an entity-expansion bomb or an external entity costs nothing but
losing the XMP fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any
from xml.etree.ElementTree import Element
from xml.sax.saxutils import escape, quoteattr

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from PIL import Image as PILImage
from PIL import IptcImagePlugin

# Field lengths, shared with the model so a prefilled value always fits.
CREATOR_MAX_LENGTH = 200
CREDIT_MAX_LENGTH = 200
COPYRIGHT_MAX_LENGTH = 500
LICENCE_URL_MAX_LENGTH = 500
SOURCE_MAX_LENGTH = 200

DIGITAL_SOURCE_TYPE_BASE = "http://cv.iptc.org/newscodes/digitalsourcetype/"

# A real XMP packet is a few kilobytes (JPEG caps it at 64 kB); anything far
# larger is not worth parsing.
MAX_XMP_BYTES = 1 << 20

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XML = "http://www.w3.org/XML/1998/namespace"
NAMESPACES = {
    "x": "adobe:ns:meta/",
    "rdf": RDF,
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "plus": "http://ns.useplus.org/ldf/xmp/1.0/",
    "Iptc4xmpExt": "http://iptc.org/std/Iptc4xmpExt/2008-02-29/",
}

# IIM record 2 datasets (IPTC IIM 4.2).
IIM_BYLINE = (2, 80)
IIM_CREDIT = (2, 110)
IIM_SOURCE = (2, 115)
IIM_COPYRIGHT = (2, 116)
IIM_CHARSET = (1, 90)
IIM_UTF8 = b"\x1b%G"

# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_URL = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class Rights:
    """The rights and provenance fields of one picture; "" where unknown.

    `digital_source_type` is a full IPTC NewsCodes URI.
    """

    creator: str = ""
    credit: str = ""
    copyright_notice: str = ""
    licence_url: str = ""
    source: str = ""
    digital_source_type: str = ""

    def __bool__(self) -> bool:
        return any(getattr(self, field.name) for field in fields(self))

    def merged_over(self, other: Rights) -> Rights:
        """These values, with `other`'s where these are empty."""
        return Rights(
            **{
                field.name: getattr(self, field.name) or getattr(other, field.name)
                for field in fields(self)
            }
        )

    @classmethod
    def of(cls, obj: Any) -> Rights:
        """The rights of anything with these attributes (an `Image`)."""
        return cls(**{field.name: getattr(obj, field.name) for field in fields(cls)})


def _clean(text: str, limit: int) -> str:
    return " ".join(_NOT_XML.sub("", text).split())[:limit]


def _licence_url(text: str) -> str:
    url = text.strip()
    if not url or len(url) > LICENCE_URL_MAX_LENGTH:
        return ""
    try:
        _URL(url)
    except ValidationError:
        return ""
    return url


def digital_source_type_uri(value: str, known: Iterable[str]) -> str:
    """The IPTC URI for `value`, a URI (http or https) or a bare code such as
    "trainedAlgorithmicMedia"; "" when it is not in `known` URIs."""
    code = value.strip().rstrip("/").rsplit("/", 1)[-1]
    code = code.removeprefix("digsrctype:")
    uri = DIGITAL_SOURCE_TYPE_BASE + code
    return uri if code and uri in set(known) else ""


# --- IPTC IIM -----------------------------------------------------------------


def _iim_text(raw: bytes, utf8: bool) -> str:
    if utf8:
        return raw.decode("utf-8", "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # Without the UTF-8 marker IIM text is in the writer's 8-bit
        # charset, most often Latin-1.
        return raw.decode("latin-1")


def _iim_values(info: dict, key: tuple[int, int], utf8: bool) -> list[str]:
    value = info.get(key)
    if value is None:
        return []
    raws = value if isinstance(value, list) else [value]
    return [text for raw in raws if (text := _iim_text(raw, utf8).strip())]


def read_iim(picture: PILImage.Image) -> Rights:
    """Rights from the IPTC IIM block of a JPEG; empty when it has none."""
    try:
        info = IptcImagePlugin.getiptcinfo(picture)  # type: ignore[arg-type]
    except Exception:
        # A damaged APP13 block loses its fields, not the upload.
        return Rights()
    if not info:
        return Rights()
    charset = info.get(IIM_CHARSET)
    utf8 = isinstance(charset, bytes) and charset.startswith(IIM_UTF8)

    def first(key: tuple[int, int], limit: int) -> str:
        values = _iim_values(info, key, utf8)
        return _clean(values[0], limit) if values else ""

    return Rights(
        creator=_clean(
            ", ".join(_iim_values(info, IIM_BYLINE, utf8)), CREATOR_MAX_LENGTH
        ),
        credit=first(IIM_CREDIT, CREDIT_MAX_LENGTH),
        copyright_notice=first(IIM_COPYRIGHT, COPYRIGHT_MAX_LENGTH),
        source=first(IIM_SOURCE, SOURCE_MAX_LENGTH),
    )


# --- XMP ------------------------------------------------------------------------


def xmp_packet(picture: PILImage.Image) -> bytes:
    """The raw XMP packet of a JPEG, PNG or WebP; b"" when there is none."""
    for key in ("xmp", "XML:com.adobe.xmp"):
        value = picture.info.get(key)
        if isinstance(value, str):
            value = value.encode("utf-8")
        if isinstance(value, bytes) and value:
            return value
    return b""


def _qname(prefix: str, name: str) -> str:
    return f"{{{NAMESPACES[prefix]}}}{name}"


def _items(element: Element) -> list[Element]:
    """The rdf:li of a Seq, Bag or Alt inside `element`; else `element`."""
    for container in ("Seq", "Bag", "Alt"):
        found = element.find(f"rdf:{container}", NAMESPACES)
        if found is not None:
            return found.findall("rdf:li", NAMESPACES)
    return [element]


def _text(element: Element) -> str:
    return "".join(element.itertext()).strip()


def _alt_text(element: Element) -> str:
    """A language alternative's default text (x-default, else the first)."""
    items = _items(element)
    for item in items:
        if item.get(f"{{{XML}}}lang") == "x-default" and _text(item):
            return _text(item)
    return next((text for item in items if (text := _text(item))), "")


class _Properties:
    """The properties of every rdf:Description, given as elements or as
    attributes (XMP writers use both forms)."""

    def __init__(self, root: Element) -> None:
        self.descriptions = list(root.iter(f"{{{RDF}}}Description"))

    def elements(self, prefix: str, name: str) -> list[Element]:
        qname = _qname(prefix, name)
        return [
            element
            for description in self.descriptions
            for element in description.findall(qname)
        ]

    def simple(self, prefix: str, name: str) -> str:
        qname = _qname(prefix, name)
        for description in self.descriptions:
            if value := (description.get(qname) or "").strip():
                return value
            for element in description.findall(qname):
                resource = element.get(f"{{{RDF}}}resource")
                if value := (resource or _text(element)).strip():
                    return value
        return ""


def parse_xmp(packet: bytes) -> Element | None:
    """The XMP packet as an element tree; None when it is missing, too large,
    malformed or hostile (any DTD, entity or external reference)."""
    if not packet or len(packet) > MAX_XMP_BYTES:
        return None
    # The packet wrapper's processing instructions are fine for the parser;
    # stray bytes after the packet are not.
    end = packet.rfind(b"?>")
    if end != -1 and b"<?xpacket end" in packet[max(0, end - 64) : end + 2]:
        packet = packet[: end + 2]
    try:
        return SafeET.fromstring(
            packet, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except (SafeET.ParseError, DefusedXmlException, ValueError):
        return None


def read_xmp(packet: bytes, known_source_types: Iterable[str]) -> Rights:
    """Rights from an XMP packet; empty when it has none or is refused."""
    root = parse_xmp(packet)
    if root is None:
        return Rights()
    properties = _Properties(root)
    creators = [
        text
        for element in properties.elements("dc", "creator")
        for item in _items(element)
        if (text := _text(item))
    ]
    rights = next(
        (
            text
            for element in properties.elements("dc", "rights")
            if (text := _alt_text(element))
        ),
        "",
    )
    licence = _licence_url(properties.simple("xmpRights", "WebStatement"))
    if not licence:
        # PLUS Licensor: a list of structures, each with a licensor's URL.
        for element in properties.elements("plus", "Licensor"):
            for url in element.iter(_qname("plus", "LicensorURL")):
                if licence := _licence_url(_text(url)):
                    break
            if licence:
                break
    return Rights(
        creator=_clean(", ".join(creators), CREATOR_MAX_LENGTH),
        credit=_clean(properties.simple("photoshop", "Credit"), CREDIT_MAX_LENGTH),
        copyright_notice=_clean(rights, COPYRIGHT_MAX_LENGTH),
        licence_url=licence,
        source=_clean(properties.simple("photoshop", "Source"), SOURCE_MAX_LENGTH),
        digital_source_type=digital_source_type_uri(
            properties.simple("Iptc4xmpExt", "DigitalSourceType"), known_source_types
        ),
    )


def read_rights(picture: PILImage.Image, known_source_types: Iterable[str]) -> Rights:
    """Rights from an opened upload's XMP, then its IPTC IIM block."""
    return read_xmp(xmp_packet(picture), known_source_types).merged_over(
        read_iim(picture)
    )


def rights_xmp(rights: Rights) -> bytes:
    """An XMP packet carrying `rights` and nothing else, for renditions;
    b"" when there is nothing to say."""
    if not rights:
        return b""

    def text(value: str) -> str:
        return escape(_NOT_XML.sub("", value))

    properties = []
    if rights.creator:
        properties.append(
            "<dc:creator><rdf:Seq><rdf:li>"
            f"{text(rights.creator)}</rdf:li></rdf:Seq></dc:creator>"
        )
    if rights.copyright_notice:
        properties.append(
            '<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">'
            f"{text(rights.copyright_notice)}</rdf:li></rdf:Alt></dc:rights>"
        )
    if rights.credit:
        properties.append(f"<photoshop:Credit>{text(rights.credit)}</photoshop:Credit>")
    if rights.source:
        properties.append(f"<photoshop:Source>{text(rights.source)}</photoshop:Source>")
    if rights.licence_url:
        properties.append(
            "<xmpRights:WebStatement>"
            f"{text(rights.licence_url)}</xmpRights:WebStatement>"
        )
    if rights.digital_source_type:
        properties.append(
            "<Iptc4xmpExt:DigitalSourceType>"
            f"{text(rights.digital_source_type)}</Iptc4xmpExt:DigitalSourceType>"
        )
    declarations = " ".join(
        f"xmlns:{prefix}={quoteattr(uri)}"
        for prefix, uri in NAMESPACES.items()
        if prefix not in ("x", "rdf", "plus")
    )
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        f'<rdf:RDF xmlns:rdf="{RDF}">'
        f'<rdf:Description rdf:about="" {declarations}>'
        f"{''.join(properties)}"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="r"?>'
    )
    return packet.encode("utf-8")
