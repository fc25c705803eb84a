"""What a reader sees: ticker, sidebars, related news, labels, archives."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from agency.models import FollowLink
from articles import related
from articles.models import Article, ReadCount, RelatedArticle
from articles.related import related_articles
from headlines.models import CuratedList, TickerItem
from readership import reading
from tests.factories import ArticleFactory, SectionFactory
from tests.reader_pages import main_html

pytestmark = pytest.mark.django_db


# Ticker


def test_ticker_shows_active_items_breaking_first_then_by_priority(client):
    now = timezone.now()
    TickerItem.objects.create(text="Low priority", priority=1)
    TickerItem.objects.create(text="High priority", priority=9)
    TickerItem.objects.create(text="Breaking low", priority=0, is_breaking=True)
    TickerItem.objects.create(text="Not yet", starts_at=now + timedelta(hours=1))
    TickerItem.objects.create(
        text="Over",
        starts_at=now - timedelta(hours=2),
        ends_at=now - timedelta(hours=1),
    )
    assert [i.text for i in TickerItem.objects.active()] == [
        "Breaking low",
        "High priority",
        "Low priority",
    ]
    html = client.get("/en/").content.decode()
    ticker = html[html.index('class="ticker"') :]
    assert ticker.index("Breaking low") < ticker.index("High priority")
    assert ticker.index("High priority") < ticker.index("Low priority")
    assert "Not yet" not in html and "Over" not in html
    assert 'aria-label="Headline ticker"' in html and "data-ticker-toggle" in html


def test_ticker_items_start_and_end_on_time_without_a_job():
    start = timezone.now() + timedelta(hours=1)
    item = TickerItem.objects.create(
        text="Session", starts_at=start, ends_at=start + timedelta(hours=2)
    )
    with time_machine.travel(start - timedelta(seconds=1), tick=False):
        assert item not in TickerItem.objects.active()
    with time_machine.travel(start + timedelta(seconds=1), tick=False):
        assert item in TickerItem.objects.active()
    with time_machine.travel(start + timedelta(hours=2, seconds=1), tick=False):
        assert item not in TickerItem.objects.active()


def test_ticker_item_linking_to_a_hidden_article_is_not_shown():
    draft = ArticleFactory(draft=True)
    TickerItem.objects.create(text="Points at a draft", article=draft)
    live = ArticleFactory()
    TickerItem.objects.create(text="Points at a live piece", article=live)
    assert [i.text for i in TickerItem.objects.active()] == ["Points at a live piece"]


def test_ticker_end_must_follow_start():
    from django.core.exceptions import ValidationError

    now = timezone.now()
    item = TickerItem(text="x", starts_at=now, ends_at=now - timedelta(minutes=1))
    with pytest.raises(ValidationError):
        item.full_clean()


# Related news


def test_related_news_puts_editor_picks_first_then_shared_tags_then_section():
    economy, sport = SectionFactory(slug="economy"), SectionFactory(slug="sport")
    now = timezone.now()
    article = ArticleFactory(section=economy)
    article.tags.add("oil")
    same_section = ArticleFactory(
        section=economy, published_at=now - timedelta(minutes=5)
    )
    shares_tag = ArticleFactory(section=sport, published_at=now - timedelta(hours=5))
    shares_tag.tags.add("oil")
    pick_old = ArticleFactory(section=sport, published_at=now - timedelta(days=9))
    pick_new = ArticleFactory(section=sport, published_at=now - timedelta(days=8))
    RelatedArticle.objects.create(article=article, target=pick_old, position=0)
    RelatedArticle.objects.create(article=article, target=pick_new, position=1)
    unrelated = ArticleFactory(section=sport)
    hidden = [
        ArticleFactory(section=economy, draft=True),
        ArticleFactory(section=economy, published_at=now + timedelta(hours=1)),
        ArticleFactory(section=economy, status=Article.Status.KILLED),
    ]
    for piece in hidden:
        RelatedArticle.objects.create(article=article, target=piece, position=5)
    article = Article.objects.for_detail().get(pk=article.pk)
    related = related_articles(article)
    assert related == [pick_old, pick_new, shares_tag, same_section]
    assert article not in related and unrelated not in related
    assert not set(hidden) & set(related)


@pytest.mark.postgresql
@pytest.mark.parametrize("tag_kind", ["rare", "busy"])
def test_related_news_at_scale_matches_the_portable_query(tag_kind, monkeypatch):
    """PostgreSQL's hand-written union gives the list the plain ORM query
    gives, whichever plan each tag gets."""
    if tag_kind == "busy":  # every tag walks the newest pieces
        monkeypatch.setattr(related, "BUSY_MINIMUM", 0)
        monkeypatch.setattr(related, "BUSY_SHARE", 0)
    economy, sport = SectionFactory(slug="economy"), SectionFactory(slug="sport")
    now = timezone.now()
    pieces = [
        ArticleFactory(
            section=economy if n % 3 else sport,
            published_at=now - timedelta(hours=n),
            language="ru" if n % 7 == 0 else "en",
        )
        for n in range(1, 40)
    ]
    for n, piece in enumerate(pieces):
        piece.tags.add(*[f"tag-{t}" for t in range(5) if n % (t + 2) == 0])
    ArticleFactory(section=economy, draft=True).tags.add("tag-0")
    ArticleFactory(section=sport, published_at=now + timedelta(hours=1)).tags.add(
        "tag-1"
    )
    RelatedArticle.objects.create(article=pieces[4], target=pieces[30], position=0)
    for article in Article.objects.published().in_edition("en"):
        tag_ids = [tag.pk for tag in article.tags.all()]
        in_scope = Article.objects.published().in_edition("en").exclude(pk=article.pk)
        busy, rare = related.classify_tags(tag_ids)
        assert (busy if tag_kind == "busy" else rare) == tag_ids
        at_scale = related._related_at_scale(article, in_scope, busy, rare, 6)
        portable = related._related_portable(article, in_scope, tag_ids, 6)
        assert at_scale == portable, article
        assert [a.section.pk for a in at_scale] == [a.section_id for a in portable]
    assert any(related_articles(a) for a in pieces), "the data gives related pieces"


def test_article_page_shows_related_news(client):
    article = ArticleFactory()
    other = ArticleFactory(headline="A related story")
    RelatedArticle.objects.create(article=article, target=other)
    html = main_html(client.get(article.get_absolute_url()))
    assert "Related news" in html and "A related story" in html


# Labels and markers


def test_every_marker_is_rendered_in_headline_lists(client):
    ArticleFactory(headline="Quake", urgency=1)
    ArticleFactory(headline="Scoop", is_exclusive=True)
    ArticleFactory(headline="Footage", has_video=True)
    ArticleFactory(headline="Gallery", has_photos=True)
    ArticleFactory(headline="Sponsored", is_sponsored=True, partner_name="Acme Bank")
    ArticleFactory(
        headline="Statement",
        content_type=Article.ContentType.PRESS_RELEASE,
        source="Press service of the Ministry of Economy",
    )
    for url in ("/en/", reverse("articles:search") + "?q=x"):
        html = client.get(url).content.decode()
        if url != "/en/":
            continue
        assert 'marker--breaking">Breaking</strong> Quake' in html
        assert 'marker--exclusive">Exclusive</strong> Scoop' in html
        assert 'Footage <span class="marker marker--video">VIDEO</span>' in html
        assert 'Gallery <span class="marker marker--photo">PHOTO</span>' in html
        assert "®</span>" in html and "Acme Bank" in html
        assert "Press release: Press service of the Ministry of Economy" in html


def test_partner_content_page_has_disclaimer_and_sponsored_outbound_links(
    client, settings
):
    settings.SITE_URL = "https://news.example.org"
    article = ArticleFactory(
        is_sponsored=True,
        partner_name="Acme Bank",
        body=(
            '<p><a href="https://acme.example.com/offer">offer</a> and '
            '<a href="https://news.example.org/news/x/">our story</a></p>'
        ),
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Partner content" in html and "Acme Bank" in html
    assert (
        '<a href="https://acme.example.com/offer" rel="sponsored noopener noreferrer">'
        in html
    )
    assert (
        '<a href="https://news.example.org/news/x/" rel="noopener noreferrer">' in html
    )


def test_agency_pieces_have_no_sponsored_links(client):
    article = ArticleFactory(body='<p><a href="https://elsewhere.example">x</a></p>')
    assert "sponsored" not in client.get(article.get_absolute_url()).content.decode()


def test_article_page_has_share_and_follow_blocks(client, settings):
    settings.SITE_URL = "https://news.example.org"
    FollowLink.objects.create(network="telegram", label="@agency", url="https://t.me/a")
    article = ArticleFactory(headline="Shared story")
    html = client.get(article.get_absolute_url()).content.decode()
    for network in ("facebook", "x", "telegram", "whatsapp", "linkedin", "email"):
        assert f"share-link--{network}" in html
    # The canonical address, encoded into each link.
    assert "https%3A%2F%2Fnews.example.org%2Fen%2Fnews%2Fshared-story" in html
    assert "Shared%20story" in html
    assert "data-copy-link=" in html
    assert ">Follow us<" in html and 'href="https://t.me/a"' in html
    assert "<script src=" in html and "facebook.net" not in html


def test_follow_us_links_change_show_at_once(client):
    article = ArticleFactory()
    url = article.get_absolute_url()
    assert "Follow us" not in client.get(url).content.decode()
    link = FollowLink.objects.create(network="x", url="https://x.com/agency")
    assert "https://x.com/agency" in client.get(url).content.decode()
    link.delete()
    assert "https://x.com/agency" not in client.get(url).content.decode()


def test_navigation_follows_section_changes(client):
    section = SectionFactory(name="Politics", slug="politics")
    assert "Politics" in client.get("/en/").content.decode()
    section.name = "Politics and Law"
    section.save()
    assert "Politics and Law" in client.get("/en/").content.decode()


def test_article_page_shows_times_in_the_site_time_zone(client, settings):
    settings.TIME_ZONE = "Asia/Baku"
    from datetime import UTC, datetime

    article = ArticleFactory(published_at=datetime(2026, 11, 29, 8, 0, tzinfo=UTC))
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<time datetime="2026-11-29T12:00:00+04:00">29 November 2026, 12:00' in html


# Lists


def test_tag_page(client):
    tagged = ArticleFactory(headline="Tagged piece")
    tagged.tags.add("Caspian Sea")
    ArticleFactory(headline="Untagged piece")
    html = main_html(client.get(reverse("articles:tag", args=["caspian-sea"])))
    assert "Caspian Sea" in html and "Tagged piece" in html
    assert "Untagged piece" not in html


def test_day_archive_lists_that_days_news(client, settings):
    settings.TIME_ZONE = "Asia/Baku"
    from datetime import UTC, datetime

    ArticleFactory(
        headline="Late on the 28th",
        published_at=datetime(2026, 11, 28, 19, 0, tzinfo=UTC),
    )
    ArticleFactory(
        headline="Morning of the 29th",
        published_at=datetime(2026, 11, 28, 21, 0, tzinfo=UTC),
    )
    with time_machine.travel(datetime(2026, 11, 30, 8, 0, tzinfo=UTC)):
        html = main_html(client.get("/en/archive/2026/11/29/"))
    # 21:00 UTC on the 28th is 01:00 on the 29th in Baku.
    assert "Morning of the 29th" in html and "Late on the 28th" not in html
    assert client.get("/en/archive/2026/02/30/").status_code == 404


@pytest.mark.parametrize(
    "date", ["0/1/1", "1/1/1", "9999/12/31", "2026/1/2147483648", "99999/1/1"]
)
def test_day_archive_outside_the_calendar_is_not_found(client, date):
    assert client.get(f"/en/archive/{date}/").status_code == 404


def test_lists_paginate(client):
    section = SectionFactory(slug="world")
    ArticleFactory.create_batch(31, section=section)
    first = client.get(section.get_absolute_url())
    assert 'rel="next"' in first.content.decode()
    second = client.get(section.get_absolute_url() + "?page=2")
    assert second.status_code == 200
    assert main_html(second).count('<li class="headline') == 1


def test_renamed_slug_redirects_to_the_current_address(client):
    article = ArticleFactory(draft=True, slug="first-idea")
    article.slug = "final-headline"
    article.save()
    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.now()
    article.save()
    response = client.get("/en/news/first-idea/")
    assert response.status_code == 301
    assert response["Location"] == "/en/news/final-headline/"


def test_not_found_page_is_friendly(client):
    response = client.get("/en/news/no-such-story/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


# Most read


def test_beacon_counts_reads_of_published_pieces_only(client):
    article = ArticleFactory()
    draft = ArticleFactory(draft=True)
    browser = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"}
    url = reverse("read_beacon", args=[article.pk])
    assert client.post(url, **browser).status_code == 204
    client.post(url, REMOTE_ADDR="192.0.2.20", **browser)  # another reader
    client.post(reverse("read_beacon", args=[draft.pk]), **browser)
    client.post(url, HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)")
    assert client.get(url).status_code == 405
    assert ReadCount.objects.get(article=article).count == 2
    assert not ReadCount.objects.filter(article=draft).exists()


def test_article_page_carries_the_beacon_not_a_write(client, django_assert_num_queries):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'data-read-beacon="/beacon/read/{article.pk}/"' in html
    assert not ReadCount.objects.exists()


def test_most_read_ranks_the_last_day_and_week():
    today = timezone.localdate()
    a, b, c = ArticleFactory(), ArticleFactory(), ArticleFactory()
    ReadCount.objects.create(article=a, day=today, count=5)
    ReadCount.objects.create(article=b, day=today, count=50)
    ReadCount.objects.create(article=c, day=today - timedelta(days=3), count=500)
    ReadCount.objects.create(article=a, day=today - timedelta(days=2), count=100)
    ReadCount.objects.create(article=c, day=today - timedelta(days=30), count=9999)
    assert list(reading.most_read(days=1)) == [b, a]
    assert list(reading.most_read(days=7)) == [c, a, b]
    c.status = Article.Status.KILLED
    c.save()
    assert c not in reading.most_read(days=7)


def read(article: Article, count: int, days_ago: int = 0) -> None:
    day = timezone.localdate() - timedelta(days=days_ago)
    ReadCount.objects.create(article=article, day=day, count=count)


@pytest.mark.usefixtures("fragment_cache")
def test_a_cached_ranking_still_shows_only_what_is_visible_now(
    django_assert_num_queries,
):
    """The ranking is kept for minutes; visibility is decided on every call."""
    # At noon, so that the half hour below stays within one day's window.
    noon = timezone.localtime().replace(hour=12, minute=0)
    with time_machine.travel(noon, tick=False):
        popular, steady = ArticleFactory(), ArticleFactory()
        embargoed = ArticleFactory(published_at=noon + timedelta(minutes=30))
        read(popular, 900)
        read(embargoed, 500)  # reads cannot precede it; the test puts them there
        read(steady, 100)
        assert reading.most_read(days=1) == [popular, steady]
        with django_assert_num_queries(1):  # the ranking comes from the cache
            assert reading.most_read(days=1) == [popular, steady]
        popular.status = Article.Status.KILLED
        popular.save()
        assert reading.most_read(days=1) == [steady]
    with time_machine.travel(noon + timedelta(minutes=31), tick=False):
        assert reading.most_read(days=1) == [embargoed, steady]


@pytest.mark.usefixtures("fragment_cache")
def test_the_day_and_the_week_are_fetched_together(django_assert_num_queries):
    today, earlier = ArticleFactory(), ArticleFactory()
    read(today, 10)
    read(earlier, 50, days_ago=3)
    expected = {1: [today], 7: [earlier, today]}
    assert reading.most_read_by_window([1, 7]) == expected
    with django_assert_num_queries(1):
        assert reading.most_read_by_window([1, 7]) == expected


@pytest.mark.usefixtures("fragment_cache")
def test_a_ranking_emptied_by_kills_is_made_again_from_visible_pieces():
    ranked = [ArticleFactory() for _ in range(2 * reading.RANKED_PER_PLACE)]
    for n, article in enumerate(ranked):
        read(article, 1000 - n)
    outside = ArticleFactory()
    read(outside, 1)
    assert reading.most_read(days=1, limit=2) == ranked[:2]
    for article in ranked[1:]:
        article.status = Article.Status.KILLED
        article.save()
    # The cached ranking of six has one visible piece left for two places.
    assert reading.most_read(days=1, limit=2) == [ranked[0], outside]


@pytest.mark.parametrize(
    "agent", ["", "curl/8.0", "Mozilla/5.0 (compatible; bingbot/2.0)"]
)
def test_robots_are_not_readers(agent):
    assert reading.is_robot(agent)


def test_editors_picks_follow_their_windows(client):
    now = timezone.now()
    picks = CuratedList.objects.create(name="Editor's picks", slug="editors-picks")
    picks.items.create(article=ArticleFactory(headline="Pick now"), position=1)
    picks.items.create(
        article=ArticleFactory(headline="Pick later"),
        starts_at=now + timedelta(hours=1),
    )
    picks.items.create(article=ArticleFactory(headline="Pick of a draft", draft=True))
    html = client.get("/en/").content.decode()
    start = html.index('id="list-editors-picks"')
    picks_html = html[start : html.index("</section>", start)]
    assert "Pick now" in picks_html
    assert "Pick later" not in picks_html and "Pick of a draft" not in html


def test_headline_lists_date_older_pieces(client, settings):
    settings.TIME_ZONE = "Asia/Baku"
    from datetime import UTC, datetime

    section = SectionFactory(slug="politics")
    with time_machine.travel(datetime(2026, 11, 29, 10, 0, tzinfo=UTC), tick=False):
        ArticleFactory(
            section=section, published_at=datetime(2026, 11, 29, 6, 5, tzinfo=UTC)
        )
        ArticleFactory(
            section=section, published_at=datetime(2026, 11, 27, 6, 5, tzinfo=UTC)
        )
        html = main_html(client.get(section.get_absolute_url()))
    assert ">10:05</time>" in html
    assert ">27 Nov, 10:05</time>" in html


def test_article_date_links_to_that_days_archive(client, settings):
    settings.TIME_ZONE = "Asia/Baku"
    from datetime import UTC, datetime

    article = ArticleFactory(published_at=datetime(2026, 11, 28, 21, 0, tzinfo=UTC))
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'href="/en/archive/2026/11/29/"' in html
    assert client.get("/en/archive/2026/11/29/").status_code == 200


def test_home_shows_the_newest_published_pieces_of_each_section(client):
    economy, sport = SectionFactory(slug="economy"), SectionFactory(slug="sport")
    now = timezone.now()
    economy_pieces = [
        ArticleFactory(
            section=economy,
            headline=f"Economy {n}",
            published_at=now - timedelta(hours=n),
        )
        for n in range(1, 7)
    ]
    sport_piece = ArticleFactory(section=sport, headline="Sport 1")
    hidden = [
        ArticleFactory(section=economy, draft=True),
        ArticleFactory(section=economy, published_at=now + timedelta(hours=1)),
        ArticleFactory(section=economy, language="ru"),
        ArticleFactory(section=economy, status=Article.Status.KILLED),
    ]
    newest = (
        Article.objects.published()
        .in_edition("en")
        .newest_per_section(4, [economy.pk, sport.pk])
    )
    assert set(newest) == {*economy_pieces[:4], sport_piece}
    assert not set(hidden) & set(newest)
    html = client.get("/en/").content.decode()
    block = html[html.index('id="block-economy"') :]
    block = block[: block.index("</section>")]
    assert [f"Economy {n}" in block for n in range(1, 7)] == [True] * 4 + [False] * 2
