"""From the queue to the desk: drafts, translations, duplicates, alerts, roles."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, Revision
from ingest import duplicates, parsers, services
from ingest.models import IncomingItem, ItemUse, Source
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db

DESK_URL = "/admin/articles/article/desk/"


def parsed(guid="g1", headline="Quake hits the capital", **kwargs):
    values = {
        "guid": guid,
        "headline": headline,
        "body": "<p>Ten buildings fell.</p>",
        "lead": "A strong quake.",
        "dateline": "Baku",
        "link": "https://wire.example/g1",
        "urgency": 2,
    }
    return parsers.ParsedItem(**(values | kwargs))


def store(source, *items, now=None):
    return services.store_items(
        source=source, items=list(items), now=now or timezone.now()
    )


@pytest.fixture
def wire(make_source):
    return make_source(name="Acme Wire")


@pytest.fixture
def item(wire):
    store(wire, parsed())
    return IncomingItem.objects.get()


def test_use_as_draft(item, journalist):
    article = services.use_as_draft(item=item, by=journalist)

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert (article.headline, article.lead, article.body) == (
        "Quake hits the capital",
        "A strong quake.",
        "<p>Ten buildings fell.</p>",
    )
    assert article.dateline_city == "Baku"
    assert article.source == "Acme Wire"
    assert article.section == item.source.section
    assert article.language == "en"
    assert article.urgency == 2
    assert article.created_by == journalist
    assert Revision.objects.filter(article=article, version=article.version).exists()
    use = ItemUse.objects.get(article=article)
    assert (use.item, use.item.link) == (item, "https://wire.example/g1")
    with pytest.raises(services.AlreadyUsed):
        services.use_as_draft(item=item, by=journalist)


def test_translate_into_another_edition(item, journalist):
    first = services.translate_item(item=item, language="ru", by=journalist)
    assert (first.language, first.translation_of) == ("ru", None)
    assert first.headline == item.headline

    english = services.use_as_draft(item=item, by=journalist)
    azeri = services.translate_item(item=item, language="az", by=journalist)

    assert azeri.language == "az"
    assert azeri.translation_of_id == first.pk
    assert english.language == "en"
    assert ItemUse.objects.filter(item=item).count() == 3


def test_killed_item_cannot_be_used(wire, journalist):
    store(wire, parsed(status=parsers.KILLED))
    with pytest.raises(services.IngestError):
        services.use_as_draft(item=IncomingItem.objects.get(), by=journalist)


def test_desk_and_readers_cannot_use_the_queue(item, desk):
    with pytest.raises(PermissionDenied):
        services.use_as_draft(item=item, by=desk)
    assert not Article.objects.exists()


def test_duplicates_grouped_across_sources(make_source, wire):
    other = make_source(name="Other Wire")
    third = make_source(name="Third Wire")
    store(wire, parsed(guid="a", headline="URGENT: Quake hits the capital, 12 dead"))
    store(other, parsed(guid="b", headline="Quake hits capital; 12 dead"))
    store(third, parsed(guid="c", headline="Central bank raises rates"))
    store(other, parsed(guid="d", headline="Quake hits the capital, 12 dead again"))

    a, b, c, d = (IncomingItem.objects.get(guid=g) for g in "abcd")
    assert a.group_id is not None
    assert b.group_id == a.group_id
    assert c.group_id is None
    # Same source as b: a is the match from another source.
    assert d.group_id == a.group_id
    assert duplicates.normalise("UPDATE 2- Quake hits!") == "hits quake"


def test_duplicates_only_within_the_window(make_source, wire):
    other = make_source(name="Other Wire")
    now = timezone.now()
    store(wire, parsed(guid="a"), now=now - duplicates.WINDOW - timedelta(hours=1))
    store(other, parsed(guid="b"), now=now)
    assert IncomingItem.objects.filter(group__isnull=False).count() == 0


def test_kill_alert_on_the_desk(client, wire, item, journalist, editor):
    article = services.use_as_draft(item=item, by=journalist)
    client.force_login(editor)
    assertNotContains(client.get(DESK_URL), "the source killed", status_code=200)

    killed_at = timezone.now().replace(hour=14, minute=2)
    store(wire, parsed(status=parsers.KILLED), now=killed_at)

    response = client.get(DESK_URL)
    local = timezone.localtime(killed_at).strftime("%H:%M")
    assertContains(response, f"The source killed this item at {local}.")
    assertContains(
        response, reverse("admin:articles_article_change", args=[article.pk])
    )
    # The editor decides: the article itself is untouched.
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT

    use = ItemUse.objects.get()
    response = client.post(reverse("admin:ingest_itemuse_acknowledge", args=[use.pk]))
    assert response.status_code == 302
    assertNotContains(client.get(DESK_URL), "The source killed this item")


def test_correction_alert_and_edition_filter(client, wire, item, journalist, editor):
    services.use_as_draft(item=item, by=journalist)
    store(wire, parsed(headline="Quake hits the capital, 12 dead"))
    client.force_login(editor)
    assertContains(client.get(DESK_URL), "The source corrected this item at")
    assertNotContains(
        client.get(DESK_URL, {"language": "ru"}), "The source corrected this item"
    )


def test_roles(client, item, journalist, editor):
    """Journalists see and use the queue; only editors configure sources."""
    assert journalist.has_perm("ingest.view_incomingitem")
    assert journalist.has_perm("ingest.use_incomingitem")
    assert not journalist.has_perm("ingest.change_source")
    assert not journalist.has_perm("ingest.view_source")
    assert editor.has_perm("ingest.add_source")
    assert editor.has_perm("ingest.change_source")
    assert not editor.has_perm("ingest.delete_source")

    client.force_login(journalist)
    assert (
        client.get(reverse("admin:ingest_incomingitem_changelist")).status_code == 200
    )
    assert client.get(reverse("admin:ingest_source_add")).status_code == 403
    client.force_login(editor)
    assert client.get(reverse("admin:ingest_source_add")).status_code == 200


def test_editor_adds_a_source_in_the_admin(client, editor, wire_section):
    client.force_login(editor)
    response = client.post(
        reverse("admin:ingest_source_add"),
        {
            "name": "Partner agency",
            "kind": Source.Kind.NINJS,
            "url": "https://partner.example/api/items/",
            "api_key": "k",
            "folder": "",
            "language": "ru",
            "section": wire_section.pk,
            "poll_interval": 120,
            "enabled": "on",
        },
    )
    assert response.status_code == 302, response.content
    source = Source.objects.get(name="Partner agency")
    assert (source.language, source.poll_interval) == ("ru", 120)


def test_use_as_draft_from_the_queue(client, item, journalist):
    client.force_login(journalist)
    response = client.post(
        reverse("admin:ingest_incomingitem_changelist"),
        {"action": "use_as_draft", "_selected_action": [item.pk]},
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:articles_article_change", args=[article.pk]
    )
    response = client.post(
        reverse("admin:ingest_incomingitem_changelist"),
        {"action": "translate_into_ru", "_selected_action": [item.pk]},
    )
    assert Article.objects.get(language="ru").translation_of == article


def test_item_page_shows_text_versions_and_duplicates(
    client, make_source, wire, journalist
):
    store(wire, parsed())
    store(wire, parsed(body="<p>Twelve buildings fell.</p>"))
    store(make_source(name="Other Wire"), parsed(guid="x"))
    item = IncomingItem.objects.get(source=wire)
    client.force_login(journalist)
    response = client.get(reverse("admin:ingest_incomingitem_change", args=[item.pk]))
    assertContains(response, "<p>Twelve buildings fell.</p>", html=True)
    assertContains(response, "Earlier versions")
    assertContains(response, "Other Wire")


@pytest.mark.parametrize("count", [1, 15])
def test_queue_query_budget(
    client, make_source, journalist, django_assert_max_num_queries, count
):
    sources = [make_source(name=f"W{n}") for n in range(3)]
    for n in range(count):
        store(sources[n % 3], parsed(guid=f"g{n}", headline=f"Story {n} of {count}"))
    client.force_login(make_staff("reader-j", "Journalist"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("admin:ingest_incomingitem_changelist"))
    assert response.status_code == 200
    assertContains(response, f"Story {count - 1} of {count}")


def test_buttons_on_the_item_page(client, item, journalist, desk):
    """Read the full text, then use it: the buttons post to the same services."""
    page = reverse("admin:ingest_incomingitem_change", args=[item.pk])
    use = reverse("admin:ingest_incomingitem_use", args=[item.pk])
    client.force_login(journalist)
    assertContains(client.get(page), f'action="{use}"', count=4)

    response = client.post(use, {"language": "az"})
    article = Article.objects.get()
    assert article.language == "az"
    assert response["Location"] == reverse(
        "admin:articles_article_change", args=[article.pk]
    )
    # A second draft in the same edition is refused with a message.
    response = client.post(use, {"language": "az"}, follow=True)
    assertContains(response, "There is already a draft from this item")
    assert Article.objects.count() == 1

    client.force_login(desk)
    assert client.post(use).status_code == 403


def test_poll_soon_action(client, editor, wire):
    later = timezone.now() + timedelta(hours=1)
    Source.objects.filter(pk=wire.pk).update(next_poll_at=later)
    client.force_login(editor)
    client.post(
        reverse("admin:ingest_source_changelist"),
        {"action": "poll_soon", "_selected_action": [wire.pk]},
    )
    assert services.due_sources().get() == wire
