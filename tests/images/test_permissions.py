"""Who may change or delete a picture, and the audit trail of every change
(issue #17, item 1).

A picture something public shows (a live or scheduled article, a public
author profile) is changed or deleted only by an editor; a journalist may
change the pictures they uploaded while nothing public uses them.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from articles import roles
from articles.models import Article
from audit.models import AuditEntry
from images.models import Image
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory
from tests.images.pictures import admin_add, picture_upload

pytestmark = pytest.mark.django_db


def change_url(image: Image) -> str:
    return reverse("admin:images_image_change", args=[image.pk])


def delete_url(image: Image) -> str:
    return reverse("admin:images_image_delete", args=[image.pk])


def change_data(image: Image, **changes) -> dict:
    data = {
        field: getattr(image, field)
        for field in ("title", "alt_text", "caption", "credit", "focal_x", "focal_y")
    }
    return {**data, **changes}


REPLACEMENT = {
    "caption": "Something else entirely",
    "alt_text": "Not what the story shows",
    "credit": "Nobody",
    "focal_x": "0.1",
    "focal_y": "0.9",
}


def use_in_lead_story(image: Image) -> Article:
    return ArticleFactory(hero_image=image, headline="Port strike ends")


def image_entries(image: Image) -> list[tuple[str, str]]:
    return list(
        AuditEntry.objects.filter(kind=AuditEntry.Kind.IMAGE, target_id=str(image.pk))
        .order_by("pk")
        .values_list("actor_name", "change")
    )


# -- what counts as public use ------------------------------------------------


USES = {
    "live article": lambda image: ArticleFactory(hero_image=image),
    "scheduled article": lambda image: ArticleFactory(
        hero_image=image, published_at=timezone.now() + timedelta(days=1)
    ),
    "public author profile": lambda image: AuthorFactory(photo=image),
}

NOT_PUBLIC = {
    "no use": lambda image: None,
    "draft": lambda image: ArticleFactory(hero_image=image, draft=True),
    "submitted": lambda image: ArticleFactory(
        hero_image=image, status=Article.Status.SUBMITTED, published_at=None
    ),
    "killed": lambda image: ArticleFactory(
        hero_image=image, status=Article.Status.KILLED
    ),
    "in the trash": lambda image: ArticleFactory(
        hero_image=image, deleted_at=timezone.now()
    ),
    "hidden author profile": lambda image: AuthorFactory(photo=image, is_active=False),
}


@pytest.mark.parametrize("use", USES)
def test_pictures_in_public_use(use):
    image, unused = ImageFactory(), ImageFactory()
    USES[use](image)
    assert image.is_in_public_use()
    assert not unused.is_in_public_use()
    assert list(Image.objects.in_public_use()) == [image]


@pytest.mark.parametrize("use", NOT_PUBLIC)
def test_pictures_not_in_public_use(use):
    image = ImageFactory()
    NOT_PUBLIC[use](image)
    assert not image.is_in_public_use()
    assert not Image.objects.in_public_use().exists()


def test_public_use_is_one_query(django_assert_num_queries):
    image = ImageFactory()
    use_in_lead_story(image)
    with django_assert_num_queries(1):
        assert image.is_in_public_use()


# -- changing ------------------------------------------------------------------


@pytest.mark.parametrize("use", USES)
def test_journalist_cannot_change_a_picture_readers_see(client, journalist, use):
    """Not even one they uploaded: the story is live, its editor decides."""
    image = ImageFactory(uploaded_by=journalist)
    USES[use](image)
    before = Image.objects.values().get(pk=image.pk)
    client.force_login(journalist)

    response = client.post(
        change_url(image),
        change_data(image, **REPLACEMENT, file=picture_upload(width=900)),
    )

    assert response.status_code == 403
    assert Image.objects.values().get(pk=image.pk) == before
    assert not image_entries(image)[1:]


def test_journalist_sees_a_public_picture_read_only(client, journalist):
    image = ImageFactory(uploaded_by=journalist)
    use_in_lead_story(image)
    client.force_login(journalist)
    response = client.get(change_url(image))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="caption"' not in html
    assert 'name="file"' not in html
    assert 'name="_save"' not in html


def test_journalist_cannot_change_someone_elses_unused_picture(
    client, journalist, other_journalist
):
    image = ImageFactory(uploaded_by=other_journalist)
    client.force_login(journalist)
    response = client.post(change_url(image), change_data(image, **REPLACEMENT))
    assert response.status_code == 403
    image.refresh_from_db()
    assert image.caption == "A caption"


def test_journalist_changes_their_own_unused_picture(client, journalist):
    image = ImageFactory(uploaded_by=journalist)
    client.force_login(journalist)
    response = client.post(change_url(image), change_data(image, **REPLACEMENT))
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.caption == REPLACEMENT["caption"]


def test_journalist_loses_the_picture_once_its_story_is_published(client, journalist):
    image = ImageFactory(uploaded_by=journalist)
    article = ArticleFactory(hero_image=image, draft=True)
    client.force_login(journalist)
    assert client.get(change_url(image)).context["has_change_permission"]
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now()
    )
    assert client.post(change_url(image), change_data(image)).status_code == 403


def test_editor_changes_a_picture_readers_see(client, editor, journalist):
    image = ImageFactory(uploaded_by=journalist)
    use_in_lead_story(image)
    client.force_login(editor)
    response = client.post(change_url(image), change_data(image, **REPLACEMENT))
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.alt_text == REPLACEMENT["alt_text"]


def test_only_editors_hold_the_permission_for_public_pictures():
    def holds(role: str) -> bool:
        return (
            Group.objects.get(name=role)
            .permissions.filter(codename="change_public_image")
            .exists()
        )

    assert holds(roles.EDITOR)
    assert not holds(roles.JOURNALIST)
    assert not holds(roles.DESK)


# -- deleting ------------------------------------------------------------------


@pytest.fixture
def journalist_who_deletes(journalist):
    """A journalist an administrator also let delete pictures: the rule for
    which pictures still applies."""
    journalist.user_permissions.add(Permission.objects.get(codename="delete_image"))
    return journalist


def test_picture_readers_see_cannot_be_deleted_without_the_editor_permission(
    client, journalist_who_deletes
):
    image = ImageFactory(uploaded_by=journalist_who_deletes)
    article = use_in_lead_story(image)
    client.force_login(journalist_who_deletes)

    assert client.get(delete_url(image)).status_code == 403
    assert client.post(delete_url(image), {"post": "yes"}).status_code == 403
    client.post(
        reverse("admin:images_image_changelist"),
        {"action": "delete_selected", "_selected_action": [image.pk], "post": "yes"},
    )

    assert Image.objects.filter(pk=image.pk).exists()
    article.refresh_from_db()
    assert article.hero_image_id == image.pk


def test_own_unused_picture_can_be_deleted_and_the_deletion_is_recorded(
    client, journalist_who_deletes
):
    image = ImageFactory(uploaded_by=journalist_who_deletes)
    client.force_login(journalist_who_deletes)
    response = client.post(delete_url(image), {"post": "yes"})
    assert response.status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()
    assert image_entries(image)[-1] == ("journalist1", "deleted")


def test_superuser_deletes_a_public_picture_and_it_is_recorded(admin_client):
    image = ImageFactory()
    use_in_lead_story(image)
    assert admin_client.post(delete_url(image), {"post": "yes"}).status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()
    assert image_entries(image)[-1] == ("admin", "deleted")


# -- audit trail ---------------------------------------------------------------


def test_every_change_to_a_picture_is_recorded_with_who_made_it(
    client, editor, journalist
):
    image = ImageFactory(
        uploaded_by=journalist, caption="Cranes at dawn", credit="Agency photo"
    )
    use_in_lead_story(image)
    old_file = image.file.name
    client.force_login(editor)

    response = client.post(
        change_url(image),
        change_data(
            image,
            caption="Cranes at dusk",
            focal_x="0.25",
            file=picture_upload(width=900, height=600),
        ),
    )

    assert response.status_code == 302
    image.refresh_from_db()
    ((actor, change),) = image_entries(image)[1:]
    assert actor == "editor1"
    assert f"file: '{old_file}' → '{image.file.name}'" in change
    assert "caption: 'Cranes at dawn' → 'Cranes at dusk'" in change
    assert "(horizontal): '0.5' → '0.25'" in change
    assert "credit" not in change
    entry = AuditEntry.objects.filter(kind=AuditEntry.Kind.IMAGE).latest("pk")
    assert entry.actor == editor
    assert entry.target_type == "images.Image"


def test_uploads_are_recorded(client, journalist):
    client.force_login(journalist)
    assert admin_add(client, picture_upload()).status_code == 302
    image = Image.objects.get()
    assert image_entries(image) == [("journalist1", "uploaded")]


def test_a_save_that_changes_nothing_records_nothing():
    image = ImageFactory()
    image.save()
    image.refresh_from_db()
    image.save()
    assert image_entries(image) == [("system", "uploaded")]
