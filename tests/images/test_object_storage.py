"""Uploads and renditions in an S3-compatible bucket (django-storages), against
a real S3 server on 127.0.0.1 (moto, tests/storage.py)."""

from __future__ import annotations

import io
import re
import urllib.request
from html import unescape
from urllib.parse import urlsplit

import pytest
from PIL import Image as PILImage

from images.models import Image, Rendition
from images.provenance import read_xmp
from images.services import make_renditions
from tests.factories import ArticleFactory, ImageFactory
from tests.images.pictures import admin_add, upload
from tests.images.test_rights import FULL_XMP, KNOWN, jpeg_with
from tests.storage import point_at

pytestmark = pytest.mark.django_db

CONTENT_TYPES = {
    Rendition.Format.JPEG: "image/jpeg",
    Rendition.Format.WEBP: "image/webp",
}


def picture_addresses(html: str) -> list[str]:
    """Every address an <img> src or a srcset of the page names."""
    found = [unescape(src) for src in re.findall(r'<img[^>]* src="([^"]+)"', html)]
    for srcset in re.findall(r' srcset="([^"]+)"', html):
        found += [unescape(part.split()[0]) for part in srcset.split(", ")]
    return found


def fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read(), response.headers["Content-Type"]


def test_an_upload_stores_the_original_and_its_renditions_in_the_bucket(
    admin_client, s3, settings
):
    response = admin_add(admin_client, upload(jpeg_with(FULL_XMP)))
    assert response.status_code == 302
    image = Image.objects.get()
    renditions = list(image.renditions.all())
    assert len(renditions) > 10

    assert s3.keys() == {image.file.name, *(r.file.name for r in renditions)}
    assert s3.head(image.file.name)["ContentType"] == "image/jpeg"
    for rendition in renditions:
        head = s3.head(rendition.file.name)
        assert head["ContentType"] == CONTENT_TYPES[rendition.format], rendition.spec
        assert head["CacheControl"] == "public, max-age=31536000, immutable"
        assert head["ContentLength"] == rendition.file_size > 0
    # Nothing on local disk: every read and write went through the storage.
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.iterdir())


def test_renditions_read_back_from_the_bucket_keep_the_rights(s3):
    image = ImageFactory(credit="", file=upload(jpeg_with(FULL_XMP)))
    assert image.creator
    for rendition in image.renditions.all():
        with PILImage.open(io.BytesIO(s3.read(rendition.file.name))) as picture:
            assert (picture.width, picture.height) == (
                rendition.width,
                rendition.height,
            )
            assert read_xmp(picture.info["xmp"], KNOWN) == image.rights, rendition.spec


def test_the_article_page_serves_its_pictures_from_the_bucket(client, s3):
    image = ImageFactory()
    article = ArticleFactory(hero_image=image)
    html = client.get(article.get_absolute_url()).content.decode()

    addresses = picture_addresses(html)
    assert len(addresses) > 4
    stored = {r.file.name for r in image.renditions.all()}
    for address in addresses:
        assert address.startswith(f"{s3.url}/renditions/{image.pk}/"), address
        assert address.removeprefix(f"{s3.url}/") in stored
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', html)
    assert og_image and og_image.group(1) == image.social_card.url

    body, content_type = fetch(addresses[0])
    assert body == s3.read(addresses[0].removeprefix(f"{s3.url}/"))
    with PILImage.open(io.BytesIO(body)) as picture:
        assert picture.format in {"JPEG", "WEBP"}
        assert content_type == f"image/{picture.format.lower()}"


def test_a_custom_domain_is_where_readers_fetch_pictures(client, s3, settings):
    """AWS_S3_CUSTOM_DOMAIN (a CDN or the bucket's public host) names the
    addresses; here another name of the same server."""
    domain = f"localhost:{urlsplit(s3.server.endpoint).port}/{s3.name}"
    point_at(settings, s3, AWS_S3_CUSTOM_DOMAIN=domain, AWS_S3_URL_PROTOCOL="http:")
    article = ArticleFactory(hero_image=ImageFactory())
    html = client.get(article.get_absolute_url()).content.decode()

    addresses = picture_addresses(html)
    assert addresses
    assert all(a.startswith(f"http://{domain}/renditions/") for a in addresses)
    body, _type = fetch(addresses[-1])
    assert body == s3.read(addresses[-1].removeprefix(f"http://{domain}/"))


def test_the_feed_encloses_the_social_card_from_the_bucket(client, s3):
    article = ArticleFactory(hero_image=ImageFactory())
    card = article.hero_image.social_card
    feed = client.get(f"/{article.language}/feeds/rss/").content.decode()
    enclosure = re.search(r"<enclosure [^>]*>", feed)
    assert enclosure, feed[:2000]
    attributes = dict(re.findall(r'(\w+)="([^"]*)"', enclosure.group(0)))
    assert attributes["url"] == card.url
    assert int(attributes["length"]) == s3.head(card.file.name)["ContentLength"]


def test_new_renditions_remove_the_old_ones_from_the_bucket(
    s3, django_capture_on_commit_callbacks
):
    """As on disk (test_renditions.py): replaced renditions are deleted once
    the new ones are committed; the original stays."""
    image = Image.objects.get(pk=ImageFactory().pk)
    before = {r.file.name for r in image.renditions.all()}
    image.focal_x = 0.1
    image.save()
    with django_capture_on_commit_callbacks(execute=True):
        make_renditions(image)
    after = {r.file.name for r in image.renditions.all()}
    assert after and not before & after
    assert s3.keys() == {image.file.name, *after}


def test_deleting_an_image_keeps_its_objects(s3, django_capture_on_commit_callbacks):
    """As on disk: a deleted image may still be in caches or feeds."""
    image = ImageFactory()
    keys = s3.keys()
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert s3.keys() == keys
