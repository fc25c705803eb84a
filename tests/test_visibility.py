"""The visibility matrix: state x publish time x killed, checked on every
reader-facing surface.

Each surface is a URL a reader, crawler or subscriber can fetch. A piece is
on a surface when its unique headline appears in the response. Adding a new
surface means adding it to SURFACES, nothing else.
"""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import workflow
from articles.models import Article, ReadCount, RelatedArticle
from headlines.models import CuratedList, TickerItem
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

SURFACES = {
    "home": "/en/",
    "section": "/en/section/economy/",
    "tag": "/en/tag/harbour/",
    "author": "/en/authors/leyla/",
    "archive": "{archive}",
    "search": "/en/search/?q=harbour",
    "latest sidebar and related (article page)": "{neighbour}",
    "rss": "/en/feeds/rss/",
    "atom": "/en/feeds/atom/",
    "section feed": "/en/feeds/section/economy/rss/",
    "tag feed": "/en/feeds/tag/harbour/atom/",
    "author feed": "/en/feeds/author/leyla/rss/",
    "sitemap": "/en/sitemap-articles.xml",
    "news sitemap": "/en/sitemap-news.xml",
}


def put_everywhere(article: Article, neighbour: Article) -> None:
    """Make `article` a candidate for every list, so only visibility decides."""
    article.tags.add("harbour")
    RelatedArticle.objects.create(article=neighbour, target=article)
    ReadCount.objects.create(article=article, day=timezone.localdate(), count=10**6)
    picks, _ = CuratedList.objects.get_or_create(
        slug="editors-picks", defaults={"name": "Editor's picks"}
    )
    picks.items.create(article=article)
    TickerItem.objects.create(text=f"Ticker: {article.headline}", article=article)


@pytest.fixture
def stage():
    section = SectionFactory(name="Economy", slug="economy")
    author = AuthorFactory(name="Leyla", slug="leyla")
    neighbour = ArticleFactory(section=section, headline="Neighbour story")
    neighbour.tags.add("harbour")

    def make(headline: str, **fields) -> Article:
        article = ArticleFactory(
            headline=headline, section=section, authors=[author], **fields
        )
        put_everywhere(article, neighbour)
        return article

    return make, neighbour


def shows(html: str, article: Article) -> bool:
    """Lists show the headline; sitemaps only the address."""
    return article.headline in html or article.get_absolute_url() in html


def fetch_all(client, neighbour, when) -> dict[str, str]:
    local = timezone.localtime(when)
    urls = {
        name: url.format(
            archive=f"/en/archive/{local.year}/{local.month}/{local.day}/",
            neighbour=neighbour.get_absolute_url(),
        )
        for name, url in SURFACES.items()
    }
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        pages[name] = response.content.decode()
    return pages


@pytest.mark.parametrize(
    ("fields", "visible"),
    [
        ({}, True),
        ({"draft": True}, False),
        ({"status": Article.Status.SUBMITTED}, False),
        ({"status": Article.Status.RETURNED}, False),
        ({"status": Article.Status.KILLED}, False),
        ({"published_at_offset": timedelta(hours=3)}, False),  # scheduled
        ({"deleted_at": timezone.now()}, False),  # live, then moved to the trash
    ],
    ids=["live", "draft", "submitted", "returned", "killed", "scheduled", "deleted"],
)
def test_visibility_matrix_on_every_surface(client, stage, fields, visible):
    make, neighbour = stage
    offset = fields.pop("published_at_offset", -timedelta(minutes=5))
    if "draft" not in fields:
        fields["published_at"] = timezone.now() + offset
    article = make("Harbour expansion approved", **fields)
    pages = fetch_all(client, neighbour, article.published_at or timezone.now())
    for name, html in pages.items():
        assert shows(html, article) is visible, name
    response = client.get(article.get_absolute_url())
    # Gone (410) once public and then killed or moved to the trash.
    gone = fields.get("status") == "killed" or "deleted_at" in fields
    expected = 200 if visible else (410 if gone else 404)
    assert response.status_code == expected


def test_scheduled_piece_appears_everywhere_at_its_second(client, stage, editor):
    make, neighbour = stage
    article = make("Harbour expansion approved", draft=True)
    at = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    workflow.schedule(article, by=editor, at=at)
    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        for name, html in fetch_all(client, neighbour, at).items():
            assert not shows(html, article), name
        assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(at + timedelta(seconds=1), tick=False):
        for name, html in fetch_all(client, neighbour, at).items():
            assert shows(html, article), name
        assert client.get(article.get_absolute_url()).status_code == 200


def test_killed_piece_leaves_every_surface_at_once(client, stage, editor):
    make, neighbour = stage
    article = make("Harbour expansion approved")
    for name, html in fetch_all(client, neighbour, article.published_at).items():
        assert shows(html, article), name
    workflow.kill(article, by=editor, reason="Court order")
    for name, html in fetch_all(client, neighbour, article.published_at).items():
        assert not shows(html, article), name
    gone = client.get(article.get_absolute_url())
    assert gone.status_code == 410


def test_corrected_piece_shows_its_note(client, editor):
    article = ArticleFactory()
    workflow.correct(article, by=editor, kind="correction", text="The minister's name")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Correction" in html and "The minister&#x27;s name" in html
    assert "Updated" in html


@pytest.fixture
def api_client(client):
    from api.keys import issue_key
    from api.models import Subscriber

    subscriber = Subscriber.objects.create(name="Client newsroom")
    _key, secret = issue_key(subscriber=subscriber, by=None)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, "usable"),
        ({"draft": True}, None),
        ({"status": Article.Status.SUBMITTED}, None),
        ({"published_at": timezone.now() + timedelta(hours=3)}, None),
        # Deleted after going live: subscribers may have it, so they are
        # told to withdraw it, as for a kill.
        ({"deleted_at": timezone.now()}, "canceled"),
        (
            {
                "published_at": timezone.now() + timedelta(hours=3),
                "deleted_at": timezone.now(),
            },
            None,
        ),
        ({"draft": True, "deleted_at": timezone.now()}, None),
    ],
    ids=[
        "live",
        "draft",
        "submitted",
        "scheduled",
        "deleted",
        "deleted while scheduled",
        "deleted draft",
    ],
)
def test_visibility_in_the_subscriber_api(api_client, fields, expected):
    article = ArticleFactory(headline="Harbour expansion approved", **fields)
    items = api_client.get("/api/ninjs/items/").json()["items"]
    statuses = [i["pubStatus"] for i in items if "Harbour" in str(i["headlines"])]
    assert statuses == ([expected] if expected else [])
    detail = api_client.get(f"/api/ninjs/items/{article.pk}/")
    assert detail.status_code == (200 if expected else 404)


def test_killed_piece_reaches_subscribers_as_canceled(api_client, editor):
    article = ArticleFactory(headline="Harbour expansion approved")
    workflow.kill(article, by=editor, reason="Court order")
    item = api_client.get(f"/api/ninjs/items/{article.pk}/").json()
    assert item["pubStatus"] == "canceled"
    assert "bodies" not in item
