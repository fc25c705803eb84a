"""Preview links end when the piece leaves readers (issue #17, item 2): a
kill or a move to the trash revokes them, and a link to a killed, trashed or
purged piece answers 410 or 404, never the text and never a 500."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import previews, workflow
from articles.models import Article, PreviewLink
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def preview_of(article: Article, editor) -> tuple[PreviewLink, str]:
    link = previews.create_preview_link(article, by=editor)
    return link, previews.preview_url(link)


def test_a_kill_revokes_the_preview_links_and_the_link_answers_410(client, editor):
    article = ArticleFactory(
        headline="Minister resigns",
        published_at=timezone.now() + timedelta(hours=3),  # embargoed
    )
    link, url = preview_of(article, editor)
    assert "Minister resigns" in client.get(url).content.decode()

    workflow.kill(article, by=editor, reason="Legal")

    link.refresh_from_db()
    assert link.revoked_at is not None
    response = client.get(url)
    assert response.status_code == 410
    assert "Minister resigns" not in response.content.decode()


def test_the_trash_revokes_preview_links_and_restoring_does_not_revive_them(
    client, editor
):
    draft = ArticleFactory(draft=True, headline="Unfinished scoop")
    link, url = preview_of(draft, editor)
    assert client.get(url).status_code == 200

    workflow.delete(draft, by=editor)
    link.refresh_from_db()
    assert link.revoked_at is not None
    # Never public: simply not found (it answered 500 before).
    assert client.get(url).status_code == 404

    workflow.restore(draft, by=editor)
    assert client.get(url).status_code == 404


def test_a_trashed_once_public_piece_answers_410_through_its_link(client, editor):
    article = ArticleFactory(headline="Published then trashed")
    _link, url = preview_of(article, editor)
    workflow.delete(article, by=editor)
    assert client.get(url).status_code == 410


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"deleted_at": timezone.now()}, 410),  # once public, in the trash
        ({"status": "killed", "killed_at": timezone.now()}, 410),
        (
            {
                "deleted_at": timezone.now(),
                "status": "draft",
                "first_published_at": None,
            },
            404,
        ),
    ],
    ids=["trashed-once-public", "killed", "trashed-draft"],
)
def test_links_left_valid_on_a_withdrawn_piece_still_never_show_it(
    client, editor, change, status
):
    """Links from before kills revoked them: the piece's state decides, and
    nothing answers 500."""
    article = ArticleFactory(headline="Withdrawn text")
    _link, url = preview_of(article, editor)
    Article.all_objects.filter(pk=article.pk).update(**change)
    response = client.get(url)
    assert response.status_code == status
    assert "Withdrawn text" not in response.content.decode()


def test_a_link_to_a_purged_piece_is_not_found(client, editor):
    article = ArticleFactory(draft=True)
    _link, url = preview_of(article, editor)
    Article.all_objects.filter(pk=article.pk).delete()
    assert client.get(url).status_code == 404


def test_a_kill_keeps_other_pieces_links(client, editor):
    killed, other = ArticleFactory(), ArticleFactory(draft=True, headline="Other")
    preview_of(killed, editor)
    _link, url = preview_of(other, editor)
    workflow.kill(killed, by=editor, reason="Legal")
    assert "Other" in client.get(url).content.decode()
