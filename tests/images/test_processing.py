"""A picture whose renditions the worker has not made yet: the admin says
"processing", and no public surface uses it until they exist."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from api.formats import serialise_article
from api.querysets import for_ninjs, syndicated
from articles.workflow import publish
from images.models import Image, RenditionStatus
from images.services import make_renditions
from images.tasks import make_renditions_task, sweep_renditions
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory

pytestmark = pytest.mark.django_db


def json_ld_images(html: str) -> list:
    found = []
    for block in re.findall(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S
    ):
        data = json.loads(block)
        for item in data if isinstance(data, list) else [data]:
            found += item.get("image", [])
    return found


def public_views(client, article) -> dict[str, str]:
    return {
        "article": client.get(article.get_absolute_url()).content.decode(),
        "home": client.get(f"/{article.language}/").content.decode(),
        "feed": client.get(f"/{article.language}/feeds/rss/").content.decode(),
    }


def test_a_processing_picture_is_used_by_no_public_surface(client):
    image = ImageFactory(renditions=False)
    assert image.renditions_status == RenditionStatus.PROCESSING
    article = ArticleFactory(hero_image=image)

    views = public_views(client, article)
    assert 'class="hero"' not in views["article"]
    assert "og:image" not in views["article"]
    assert not json_ld_images(views["article"])
    assert image.file.name not in "".join(views.values())
    assert "card-picture" not in views["home"]
    assert "<enclosure" not in views["feed"]
    item = json.loads(
        serialise_article(for_ninjs(syndicated()).get(pk=article.pk), "ninjs")[0]
    )
    assert "associations" not in item or not any(
        a.get("type") == "picture" for a in item["associations"].values()
    )

    make_renditions(image)
    views = public_views(client, article)
    assert 'class="hero"' in views["article"]
    assert "og:image" in views["article"]
    assert json_ld_images(views["article"])
    assert "card-picture" in views["home"]
    assert "<enclosure" in views["feed"]


def test_an_author_photo_shows_once_its_renditions_exist(client):
    photo = ImageFactory(renditions=False)
    author = AuthorFactory(photo=photo)
    assert "<img" not in client.get(author.get_absolute_url()).content.decode()
    make_renditions(photo)
    assert "<img" in client.get(author.get_absolute_url()).content.decode()


def test_cached_pages_show_the_picture_once_its_renditions_exist(
    client, settings, django_capture_on_commit_callbacks
):
    """Readiness reaches cached pages through the invalidation registry
    (articles/invalidation.py: an Image save replaces what shows it)."""
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True
    image = ImageFactory(renditions=False)
    article = ArticleFactory(hero_image=image)
    before = public_views(client, article)
    assert 'class="hero"' not in before["article"]
    assert "card-picture" not in before["home"]
    assert public_views(client, article) == before  # served from the cache

    with django_capture_on_commit_callbacks(execute=True):
        make_renditions(image)

    after = public_views(client, article)
    assert 'class="hero"' in after["article"]
    assert "card-picture" in after["home"]
    assert "<enclosure" in after["feed"]


def test_publishing_with_a_processing_picture_publishes_and_shows_it_later(
    client, editor
):
    """An editor on deadline is not held up: the piece goes live at once
    and its picture appears when the worker is done."""
    image = ImageFactory(renditions=False)
    article = ArticleFactory(draft=True, hero_image=image)
    publish(article, by=editor)
    article.refresh_from_db()
    assert article.status == article.Status.PUBLISHED
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'class="hero"' not in html


def test_publishing_with_a_picture_that_failed_is_refused(editor):
    from articles.workflow import WorkflowError

    image = ImageFactory(renditions=False)
    Image.objects.filter(pk=image.pk).update(renditions_status=RenditionStatus.FAILED)
    article = ArticleFactory(draft=True, hero_image=Image.objects.get(pk=image.pk))
    with pytest.raises(WorkflowError, match="could not be processed"):
        publish(article, by=editor)


def test_the_task_makes_due_renditions_once():
    image = ImageFactory(renditions=False)
    assert make_renditions_task.call_local(image.pk) is True
    image.refresh_from_db()
    assert image.renditions_status == RenditionStatus.READY
    names = set(image.renditions.values_list("file", flat=True))
    # Run again (a duplicate in the queue): nothing to do, nothing remade.
    assert make_renditions_task.call_local(image.pk) is False
    assert set(image.renditions.values_list("file", flat=True)) == names
    assert make_renditions_task.call_local(image.pk + 1000) is False


def test_the_task_marks_the_picture_failed_when_it_gives_up():
    image = ImageFactory(renditions=False)
    image.file.storage.delete(image.file.name)  # nothing left to read
    with pytest.raises(FileNotFoundError):
        make_renditions_task.call_local(image.pk)
    status = Image.objects.values_list("renditions_status", flat=True).get()
    assert status == RenditionStatus.FAILED


def test_the_sweep_enqueues_what_is_still_due():
    due = ImageFactory(renditions=False)
    done = ImageFactory()
    assert sweep_renditions.call_local() == 1
    due.refresh_from_db()
    assert due.renditions_status == RenditionStatus.READY
    assert done.renditions_status == RenditionStatus.READY


def test_the_admin_list_filters_pictures_still_processing(admin_client):
    ImageFactory(title="Waiting", renditions=False)
    ImageFactory(title="Done")
    html = admin_client.get(
        reverse("admin:images_image_changelist"), {"renditions_status": "processing"}
    ).content.decode()
    assert "Waiting" in html and "Done" not in html
