"""Every model registered in the admin has an add page and a change page that
render for a superuser."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from taggit.models import Tag

from agency.models import FollowLink
from api.keys import issue_key
from api.models import ApiKey, Delivery, Subscriber
from articles.models import Article, Section
from audit.models import AuditEntry, WorkflowStep
from authors.models import Author
from headlines.models import CuratedList, TickerItem
from images.models import Image
from ingest.models import IncomingItem, ItemUse, Source
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ExpertiseLineFactory,
    ImageFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def make_instance(model):
    if model is Article:
        article = ArticleFactory(authors=[AuthorFactory()], hero_image=ImageFactory())
        article.tags.add("energy", "caspian")
        return article
    if model is Author:
        return ExpertiseLineFactory().author
    if model is Section:
        return SectionFactory()
    if model is Image:
        return ImageFactory()
    if model is Tag:
        return Tag.objects.create(name="economy")
    if model is Group:
        return Group.objects.get(name="Editor")
    if model is TickerItem:
        return TickerItem.objects.create(text="Parliament in session")
    if model is CuratedList:
        picks = CuratedList.objects.create(name="Editor's picks", slug="picks")
        picks.items.create(article=ArticleFactory())
        return picks
    if model is FollowLink:
        return FollowLink.objects.create(
            network="x", label="@agency", url="https://x.com/a"
        )
    if model is User:
        return User.objects.create_user("someone", password="x")
    if model is Subscriber:
        return Subscriber.objects.create(name="Client Daily")
    if model is ApiKey:
        return issue_key(subscriber=Subscriber.objects.create(name="C"), by=None)[0]
    if model is Delivery:
        return Delivery.objects.create(
            subscriber=Subscriber.objects.create(name="Hooked"),
            article=ArticleFactory(),
            event="publish",
            event_id="6f1c1f0e-7f0e-4d52-9a53-9a2d3c7e1b10",
            give_up_at=timezone.now(),
        )
    if model is WorkflowStep:
        return WorkflowStep.objects.create(
            article=ArticleFactory(),
            action="publish",
            from_status="draft",
            to_status="published",
        )
    if model is AuditEntry:
        return AuditEntry.objects.create(
            kind="groups",
            target_type="auth.User",
            target_id="1",
            target="x",
            change="y",
        )
    if model in (AccessAttempt, AccessFailureLog, AccessLog):
        extra = {"failures_since_start": 1} if model is AccessAttempt else {}
        return model.objects.create(
            username="guesser", ip_address="192.0.2.1", user_agent="bot", **extra
        )
    if model in (Source, IncomingItem, ItemUse):
        source = Source.objects.create(
            name="Wire", kind="rss", section=SectionFactory()
        )
        item = IncomingItem.objects.create(source=source, guid="g", headline="Quake")
        if model is ItemUse:
            return ItemUse.objects.create(
                item=item, article=ArticleFactory(), item_version=1
            )
        return source if model is Source else item
    raise AssertionError(f"No test instance for {model.__name__}: add one here.")


REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label)
# Records written only by the system: nobody adds them by hand.
READ_ONLY = {
    AccessAttempt,
    AccessFailureLog,
    AccessLog,
    AuditEntry,
    Delivery,
    WorkflowStep,
    IncomingItem,
    ItemUse,
}


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_admin_add_page_renders(admin_client, model):
    opts = model._meta
    response = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    )
    assert response.status_code == (403 if model in READ_ONLY else 200)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_admin_change_page_and_list_render(admin_client, model):
    opts = model._meta
    instance = make_instance(model)
    change = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk])
    )
    assert change.status_code == 200
    changelist = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    )
    assert changelist.status_code == 200
    assert escape(str(instance)) in changelist.content.decode()


def test_article_form_uses_the_rich_text_editor(admin_client):
    response = admin_client.get(reverse("admin:articles_article_add"))
    html = response.content.decode()
    assert "django_prose_editor/editor.js" in html
    assert "data-django-prose-editor" in html


def test_slug_is_read_only_once_published(admin_client):
    article = ArticleFactory()
    response = admin_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    )
    assert 'name="slug"' not in response.content.decode()


def test_adding_an_article_through_the_admin(admin_client):
    section = SectionFactory()
    author = AuthorFactory()
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        {
            "headline": "Central bank keeps the rate",
            "slug": "central-bank-keeps-the-rate",
            "lead": "Lead",
            "body": "<h2>Decision</h2><p>Text</p><script>alert(1)</script>",
            "section": section.pk,
            "content_type": "analysis",
            "tags": "economy, banks",
            "urgency": 5,
            "language": "en",
            "bylines-TOTAL_FORMS": 1,
            "bylines-INITIAL_FORMS": 0,
            "bylines-0-author": author.pk,
            "bylines-0-position": 0,
            "related_links-TOTAL_FORMS": 0,
            "related_links-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="central-bank-keeps-the-rate")
    assert article.status == Article.Status.DRAFT
    assert article.body == "<h2>Decision</h2><p>Text</p>"
    assert sorted(article.tags.names()) == ["banks", "economy"]
    assert list(article.authors.all()) == [author]
    assert article.created_by.username == "admin"


def test_tag_suggestions_put_prefix_matches_first(admin_client):
    for name in ("oil prices", "Caspian", "Caspian shelf", "gas", "Baku-Caspian"):
        Tag.objects.create(name=name)
    url = reverse("admin:articles_article_tag_suggestions")
    results = admin_client.get(url, {"q": "casp"}).json()["results"]
    assert results == ["Caspian", "Caspian shelf", "Baku-Caspian"]
    assert admin_client.get(url, {"q": ""}).json() == {"results": []}


def test_tag_suggestions_are_for_staff_only(client, django_user_model):
    url = reverse("admin:articles_article_tag_suggestions")
    response = client.get(url, {"q": "casp"})
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    django_user_model.objects.create_user("reader", password="pw", is_staff=True)
    # django-axes needs the request that carries the password.
    client.login(
        request=RequestFactory().post("/en/"), username="reader", password="pw"
    )
    assert client.get(url, {"q": "casp"}).status_code == 403
