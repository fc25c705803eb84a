"""Picture rights and provenance (issue #19, section 3): read from the
upload's IPTC IIM and XMP before the metadata is stripped, prefilled in the
admin, written into every rendition without camera or location data,
published in JSON-LD and captions, AI-generated pictures labelled for
readers, and no publishing of a main picture without a credit."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.urls import reverse
from PIL import Image as PILImage
from PIL.PngImagePlugin import PngInfo

from articles import workflow
from articles.models import Article
from images.models import AI_GENERATED_SOURCE_TYPES, DigitalSourceType, Image
from images.provenance import Rights, parse_xmp, read_xmp, rights_xmp
from images.services import make_renditions
from tests.factories import ArticleFactory, ImageFactory
from tests.images.pictures import (
    GPS_INFO,
    admin_add,
    gps_exif,
    iim,
    picture_bytes,
    upload,
    with_iim,
    xmp,
)

pytestmark = pytest.mark.django_db

AI = DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA
KNOWN = DigitalSourceType.values
MAKE, MODEL = 0x010F, 0x0110

FULL_XMP = xmp(
    "<dc:creator><rdf:Seq><rdf:li>Aysel Mammadova</rdf:li>"
    "<rdf:li>Rashad Guliyev</rdf:li></rdf:Seq></dc:creator>"
    "<dc:rights><rdf:Alt>"
    '<rdf:li xml:lang="ru">© 2026 Агентство</rdf:li>'
    '<rdf:li xml:lang="x-default">© 2026 Caspian Photo Agency</rdf:li>'
    "</rdf:Alt></dc:rights>"
    "<photoshop:Credit>Photo: A. Mammadova / Caspian</photoshop:Credit>"
    "<photoshop:Source>Caspian Photo Agency</photoshop:Source>"
    "<xmpRights:WebStatement>https://photos.example.org/licence</xmpRights:WebStatement>"
    "<Iptc4xmpExt:DigitalSourceType>"
    "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"
    "</Iptc4xmpExt:DigitalSourceType>"
)

# The classic "billion laughs": ten levels of ten references, 10^9 copies.
BILLION_LAUGHS = (
    '<!DOCTYPE x:xmpmeta [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    + "]>"
)
EXTERNAL_ENTITY = '<!DOCTYPE x:xmpmeta [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def jpeg_with(
    xmp_packet: bytes | None = None, iim_datasets: bytes | None = None, **options
) -> bytes:
    if xmp_packet is not None:
        options["xmp"] = xmp_packet
    data = picture_bytes(**options)
    return with_iim(data, iim_datasets) if iim_datasets is not None else data


def rendition_pictures(image: Image):
    for rendition in image.renditions.all():
        with rendition.file.open("rb") as fp:
            data = fp.read()
        yield rendition, data, PILImage.open(io.BytesIO(data))


# Reading the upload


def test_rights_are_read_from_xmp_at_upload():
    image = ImageFactory(credit="", file=upload(jpeg_with(FULL_XMP)))
    image.refresh_from_db()
    assert image.creator == "Aysel Mammadova, Rashad Guliyev"
    # The language alternative's default, not the first one listed.
    assert image.copyright_notice == "© 2026 Caspian Photo Agency"
    assert image.credit == "Photo: A. Mammadova / Caspian"
    assert image.source == "Caspian Photo Agency"
    assert image.licence_url == "https://photos.example.org/licence"
    assert image.digital_source_type == DigitalSourceType.DIGITAL_CAPTURE
    assert not image.is_ai_generated


def test_xmp_properties_written_as_attributes_are_read():
    """Lightroom and exiftool write simple properties as attributes."""
    packet = xmp(
        "",
        attributes='photoshop:Credit="Agency photo" photoshop:Source="Wire" '
        'Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/'
        'digitalsourcetype/trainedAlgorithmicMedia"',
    )
    image = ImageFactory(credit="", file=upload(jpeg_with(packet)))
    assert (image.credit, image.source) == ("Agency photo", "Wire")
    assert image.digital_source_type == AI
    assert image.is_ai_generated


def test_plus_licensor_url_is_the_licence_without_a_web_statement():
    packet = xmp(
        "<plus:Licensor><rdf:Seq><rdf:li rdf:parseType='Resource'>"
        "<plus:LicensorName>Caspian</plus:LicensorName>"
        "<plus:LicensorURL>https://caspian.example.org/buy</plus:LicensorURL>"
        "</rdf:li></rdf:Seq></plus:Licensor>"
    )
    assert read_xmp(packet, KNOWN).licence_url == "https://caspian.example.org/buy"


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("trainedAlgorithmicMedia", AI),
        ("https://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia", AI),
        ("digsrctype:compositeSynthetic", DigitalSourceType.COMPOSITE_SYNTHETIC),
        ("http://cv.iptc.org/newscodes/digitalsourcetype/madeUp", ""),
        ("http://example.org/trainedAlgorithmicMediaX", ""),
    ],
)
def test_digital_source_type_is_stored_as_the_iptc_uri_or_not_at_all(written, stored):
    packet = xmp(
        f"<Iptc4xmpExt:DigitalSourceType>{written}</Iptc4xmpExt:DigitalSourceType>"
    )
    assert read_xmp(packet, KNOWN).digital_source_type == stored


@pytest.mark.parametrize("licence", ["not a url", "ftp://example.org/terms", " "])
def test_a_licence_that_is_not_a_web_address_is_dropped(licence):
    packet = xmp(f"<xmpRights:WebStatement>{licence}</xmpRights:WebStatement>")
    assert read_xmp(packet, KNOWN).licence_url == ""


def test_rights_are_read_from_iptc_iim():
    datasets = iim(
        (1, 90, b"\x1b%G"),  # UTF-8
        (2, 80, "Rəşad Quliyev".encode()),
        (2, 80, b"Leyla Aliyeva"),
        (2, 110, b"Caspian / Reuters"),
        (2, 115, b"Reuters"),
        (2, 116, "© 2026 Reuters".encode()),
    )
    image = ImageFactory(credit="", file=upload(jpeg_with(iim_datasets=datasets)))
    assert image.creator == "Rəşad Quliyev, Leyla Aliyeva"
    assert image.credit == "Caspian / Reuters"
    assert image.source == "Reuters"
    assert image.copyright_notice == "© 2026 Reuters"


def test_iim_text_without_a_charset_is_read_as_latin_1():
    datasets = iim((2, 80, "José Müller".encode("latin-1")))
    image = ImageFactory(credit="", file=upload(jpeg_with(iim_datasets=datasets)))
    assert image.creator == "José Müller"


def test_xmp_wins_over_iim_and_iim_fills_the_gaps():
    packet = xmp("<photoshop:Credit>XMP credit</photoshop:Credit>")
    datasets = iim((2, 110, b"IIM credit"), (2, 115, b"IIM source"))
    image = ImageFactory(credit="", file=upload(jpeg_with(packet, datasets)))
    assert (image.credit, image.source) == ("XMP credit", "IIM source")


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_xmp_of_png_and_webp_is_read(fmt):
    if fmt == "PNG":
        # PNG keeps XMP in an iTXt chunk of this name.
        text = PngInfo()
        text.add_itxt("XML:com.adobe.xmp", FULL_XMP.decode())
        data = picture_bytes(fmt=fmt, pnginfo=text)
    else:
        data = picture_bytes(fmt=fmt, xmp=FULL_XMP)
    image = ImageFactory(credit="", file=upload(data, f"photo.{fmt.lower()}"))
    assert image.credit == "Photo: A. Mammadova / Caspian"
    assert image.digital_source_type == DigitalSourceType.DIGITAL_CAPTURE


def test_what_the_editor_typed_is_kept():
    image = ImageFactory(
        credit="Desk's credit", creator="", file=upload(jpeg_with(FULL_XMP))
    )
    assert image.credit == "Desk's credit"
    assert image.creator == "Aysel Mammadova, Rashad Guliyev"


def test_overlong_values_are_cut_to_fit_and_whitespace_collapsed():
    packet = xmp(f"<photoshop:Credit>  a\n  {'x' * 500}</photoshop:Credit>")
    image = ImageFactory(credit="", file=upload(jpeg_with(packet)))
    assert image.credit == ("a " + "x" * 500)[:200]
    image.full_clean()


def test_the_stored_original_still_has_no_metadata():
    image = ImageFactory(credit="", file=upload(jpeg_with(FULL_XMP, exif=gps_exif())))
    with image.file.open("rb") as fp:
        raw = fp.read()
    assert b"xmpmeta" not in raw and b"PhoneMaker" not in raw
    assert image.credit  # read before it was stripped


# Hostile metadata


def test_entity_expansion_in_xmp_is_refused_and_the_upload_still_works():
    """A billion-laughs XMP packet would take gigabytes to expand: it is
    refused before expansion, its fields are lost, the IIM ones kept."""
    packet = xmp("<photoshop:Credit>&lol9;</photoshop:Credit>", doctype=BILLION_LAUGHS)
    assert parse_xmp(packet) is None
    datasets = iim((2, 110, b"IIM credit"))
    image = ImageFactory(credit="", file=upload(jpeg_with(packet, datasets)))
    assert image.credit == "IIM credit"
    assert image.renditions.exists()


def test_external_entities_in_xmp_are_never_read():
    packet = xmp("<photoshop:Credit>&xxe;</photoshop:Credit>", doctype=EXTERNAL_ENTITY)
    assert read_xmp(packet, KNOWN) == Rights()
    image = ImageFactory(credit="", file=upload(jpeg_with(packet)))
    assert image.credit == ""
    assert "root" not in image.credit


@pytest.mark.parametrize(
    "packet",
    [b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF", b"\xff\xfe not xml at all"],
    ids=["cut-off", "binary"],
)
def test_broken_xmp_loses_only_its_fields(packet):
    assert read_xmp(packet, KNOWN) == Rights()
    image = ImageFactory(credit="", file=upload(jpeg_with(packet)))
    assert image.credit == ""
    assert image.renditions.exists()


def test_an_oversized_xmp_packet_is_not_parsed():
    """PNG text chunks may be far larger than a real packet."""
    filler = "<photoshop:Source>" + "a" * (2 << 20) + "</photoshop:Source>"
    packet = xmp(f"<photoshop:Credit>Agency</photoshop:Credit>{filler}")
    assert read_xmp(packet, KNOWN) == Rights()
    assert read_xmp(xmp("<photoshop:Credit>Agency</photoshop:Credit>"), KNOWN).credit


def test_damaged_iim_loses_only_its_fields():
    datasets = b"\x1c\x02\x6e\xff\xff" + b"short"
    image = ImageFactory(credit="", file=upload(jpeg_with(iim_datasets=datasets)))
    assert image.credit == ""
    assert image.renditions.exists()


# Renditions


def test_renditions_keep_the_rights_and_drop_camera_and_location():
    image = ImageFactory(credit="", file=upload(jpeg_with(FULL_XMP, exif=gps_exif())))
    image.licence_url = "https://photos.example.org/licence?a=1&b=2"
    image.save()
    make_renditions(image)  # the worker's part
    pictures = list(rendition_pictures(image))
    assert {rendition.format for rendition, _, _ in pictures} == {"jpeg", "webp"}
    for rendition, raw, picture in pictures:
        exif = picture.getexif()
        assert not exif.get_ifd(GPS_INFO), rendition.spec
        assert MAKE not in exif and MODEL not in exif, rendition.spec
        assert b"PhoneMaker" not in raw
        assert "comment" not in picture.info
        packet = picture.info["xmp"]
        assert read_xmp(packet, KNOWN) == image.rights, rendition.spec
        for tag in (
            b"<dc:creator>",
            b"<dc:rights>",
            b"<photoshop:Credit>",
            b"<xmpRights:WebStatement>",
            b"<Iptc4xmpExt:DigitalSourceType>",
        ):
            assert tag in packet, (rendition.spec, tag)


def test_a_corrected_credit_reaches_the_renditions():
    image = Image.objects.get(pk=ImageFactory(credit="Wrong name").pk)
    before = {r.file.name for r in image.renditions.all()}
    image.credit = "Right name"
    image.save()
    make_renditions(image)  # the worker's part
    after = list(rendition_pictures(image))
    assert before.isdisjoint(r.file.name for r, _, _ in after)
    for _, _, picture in after:
        assert read_xmp(picture.info["xmp"], KNOWN).credit == "Right name"


def test_a_picture_without_rights_gets_renditions_without_xmp():
    image = ImageFactory(credit="")
    for rendition, _, picture in rendition_pictures(image):
        assert "xmp" not in picture.info, rendition.spec


def test_rights_xmp_escapes_markup_and_drops_control_characters():
    rights = Rights(credit='<b>"A & B"</b>\x07', creator="Ann")
    packet = rights_xmp(rights)
    assert b"<b>" not in packet
    assert read_xmp(packet, KNOWN).credit == '<b>"A & B"</b>'


# The admin


def test_admin_upload_prefills_the_empty_rights_fields(admin_client):
    response = admin_add(
        admin_client, upload(jpeg_with(FULL_XMP)), credit="Typed by the desk"
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.credit == "Typed by the desk"
    assert image.creator == "Aysel Mammadova, Rashad Guliyev"
    assert image.digital_source_type == DigitalSourceType.DIGITAL_CAPTURE
    # Shown for checking and correcting.
    change = admin_client.get(reverse("admin:images_image_change", args=[image.pk]))
    html = change.content.decode()
    assert "Rights and provenance" in html
    assert 'value="Caspian Photo Agency"' in html
    assert 'value="https://photos.example.org/licence"' in html


def test_editor_corrects_a_prefilled_field_in_the_admin(admin_client):
    admin_add(admin_client, upload(jpeg_with(FULL_XMP)))
    image = Image.objects.get()
    data = {
        field: getattr(image, field)
        for field in (
            "title",
            "alt_text",
            "caption",
            "credit",
            "creator",
            "copyright_notice",
            "licence_url",
            "source",
            "focal_x",
            "focal_y",
        )
    }
    data["digital_source_type"] = AI
    response = admin_client.post(
        reverse("admin:images_image_change", args=[image.pk]), data
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.is_ai_generated
    assert image.credit == "Photo: A. Mammadova / Caspian"


# Publishing


def ld_images(html: str) -> list[dict]:
    for block in re.findall(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S
    ):
        data = json.loads(block)
        if data.get("@type") == "NewsArticle":
            return data["image"]
    raise AssertionError("no NewsArticle")


def test_json_ld_image_objects_carry_the_rights(client):
    image = ImageFactory(
        creator="Aysel Mammadova",
        credit="Photo: A. Mammadova / Caspian",
        copyright_notice="© 2026 Caspian",
        licence_url="https://photos.example.org/licence",
    )
    article = ArticleFactory(hero_image=image)
    images = ld_images(client.get(article.get_absolute_url()).content.decode())
    assert images
    for item in images:
        assert item["@type"] == "ImageObject"
        assert item["creator"] == {"@type": "Person", "name": "Aysel Mammadova"}
        assert item["creditText"] == "Photo: A. Mammadova / Caspian"
        assert item["copyrightNotice"] == "© 2026 Caspian"
        assert item["license"] == "https://photos.example.org/licence"


def test_json_ld_leaves_out_rights_nobody_gave(client):
    article = ArticleFactory(hero_image=ImageFactory(credit="Agency photo"))
    images = ld_images(client.get(article.get_absolute_url()).content.decode())
    assert images[0]["creditText"] == "Agency photo"
    assert not {"creator", "copyrightNotice", "license"} & set(images[0])


def figcaption(html: str) -> str:
    match = re.search(r'<figure class="hero">.*?</figure>', html, re.S)
    assert match, "no hero figure"
    caption = re.search(r"<figcaption>(.*?)</figcaption>", match.group(0), re.S)
    return caption.group(1) if caption else ""


AI_LABELS = {
    "en": "AI-generated image",
    "ru": "Изображение создано ИИ",
    "az": "Süni intellektlə yaradılmış şəkil",
}


@pytest.mark.parametrize("language", sorted(AI_LABELS))
def test_ai_generated_picture_is_labelled_in_the_edition_language(client, language):
    image = ImageFactory(digital_source_type=AI, credit="Illustration: desk")
    article = ArticleFactory(language=language, hero_image=image)
    caption = figcaption(client.get(article.get_absolute_url()).content.decode())
    assert f'<strong class="ai-label">{AI_LABELS[language]}</strong>' in caption
    assert '<span class="credit">Illustration: desk</span>' in caption


@pytest.mark.parametrize(
    "source_type",
    [
        "",
        DigitalSourceType.DIGITAL_CAPTURE,
        DigitalSourceType.ALGORITHMIC_MEDIA,
        DigitalSourceType.ALGORITHMICALLY_ENHANCED,
    ],
)
def test_other_pictures_are_not_labelled(client, source_type):
    image = ImageFactory(digital_source_type=source_type, credit="Photo: desk")
    article = ArticleFactory(hero_image=image)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "ai-label" not in html
    assert '<span class="credit">Photo: desk</span>' in figcaption(html)


def test_the_ai_label_covers_generated_edited_and_synthetic_composites():
    assert {str(value) for value in AI_GENERATED_SOURCE_TYPES} == {
        "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
        "http://cv.iptc.org/newscodes/digitalsourcetype/"
        "compositeWithTrainedAlgorithmicMedia",
        "http://cv.iptc.org/newscodes/digitalsourcetype/compositeSynthetic",
    }
    for value in DigitalSourceType.values:
        assert Image(digital_source_type=value).is_ai_generated == (
            value in AI_GENERATED_SOURCE_TYPES
        )


def test_publish_refuses_a_main_picture_without_credit(editor):
    article = ArticleFactory(draft=True, hero_image=ImageFactory(credit="  "))
    with pytest.raises(workflow.WorkflowError) as excinfo:
        workflow.publish(article, by=editor)
    assert "The main image has no credit." in excinfo.value.problems
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_publish_names_both_missing_alt_text_and_credit(editor):
    article = ArticleFactory(
        draft=True, hero_image=ImageFactory(credit="", alt_text="")
    )
    with pytest.raises(workflow.WorkflowError) as excinfo:
        workflow.publish(article, by=editor)
    assert "The main image has no alt text." in excinfo.value.problems
    assert "The main image has no credit." in excinfo.value.problems


def test_publish_accepts_a_credited_picture(editor):
    article = ArticleFactory(draft=True, hero_image=ImageFactory(credit="Agency"))
    workflow.publish(article, by=editor)
    assert article.status == Article.Status.PUBLISHED
