"""Renditions made by a real background worker (`manage.py run_huey`,
tests/worker.py), on files in a real S3 server (tests/storage.py) that the
test's process and the worker share, as web nodes and workers do."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.urls import reverse

from images.models import Image, RenditionStatus
from tests.factories import ArticleFactory
from tests.images.pictures import admin_add, picture_upload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker_env(s3) -> dict[str, str]:
    return s3.env()


def status(pk: int) -> str:
    return Image.objects.values_list("renditions_status", flat=True).get(pk=pk)


def test_an_upload_is_processing_until_the_worker_has_made_its_renditions(
    admin_client, client, s3, worker
):
    # Inside one transaction the worker cannot see the upload yet, so what
    # readers and editors see before it acts is checked for certain.
    with transaction.atomic():
        response = admin_add(
            admin_client, picture_upload(width=1600, height=900), on_commit=False
        )
        assert response.status_code == 302
        image = Image.objects.get()
        assert image.renditions_status == RenditionStatus.PROCESSING
        assert not image.renditions.exists()
        assert s3.keys() == {image.file.name}
        listing = admin_client.get(reverse("admin:images_image_changelist"))
        assert (
            '<td class="field-renditions">processing</td>' in listing.content.decode()
        )
        article = ArticleFactory(hero_image=image)
        html = client.get(article.get_absolute_url()).content.decode()
        assert 'class="hero"' not in html
        assert "og:image" not in html
    # The commit enqueues the task; the worker makes the renditions.
    worker.wait_for(
        lambda: status(image.pk) == RenditionStatus.READY,
        timeout=60,
        what="the worker to make the renditions",
    )
    assert "images.tasks.make_renditions_task" in worker.log()

    renditions = list(image.renditions.all())
    assert renditions
    assert s3.keys() == {image.file.name, *(r.file.name for r in renditions)}
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'class="hero"' in html
    sources = re.findall(r'<img[^>]* src="([^"]+)"', html)
    assert sources and sources[0].startswith(f"{s3.url}/renditions/{image.pk}/")
