"""Language editions: prefixes, edition-scoped surfaces, translations,
the language switcher and hreflang."""

from __future__ import annotations

import re
from datetime import timedelta

import feedparser
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from lxml import etree

from articles.models import Article, unique_slug
from headlines.models import TickerItem
from tests.distribution.test_distribution import assert_valid, xsd
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
    "n": "http://www.google.com/schemas/sitemap-news/0.9",
}


def home(language: str) -> str:
    with translation.override(language):
        return reverse("home")


def story(language: str = "en", original: Article | None = None, **kwargs) -> Article:
    return ArticleFactory(language=language, translation_of=original, **kwargs)


def hreflang_links(html: str) -> dict[str, str]:
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    )


def switcher_links(html: str) -> dict[str, str]:
    nav = html[html.index('<nav class="edition-switcher"') :]
    nav = nav[: nav.index("</nav>")]
    return {
        code: href
        for href, code in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav)
    }


# Prefixes and the front door


@pytest.mark.parametrize(
    ("accept", "edition"),
    [("ru-RU,ru;q=0.9,en;q=0.5", "ru"), ("az", "az"), ("en-GB", "en"), ("de", "en")],
)
def test_root_sends_readers_to_the_edition_of_their_browser(client, accept, edition):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == f"/{edition}/"
    assert "Accept-Language" in response["Vary"]


def test_root_redirect_depends_on_the_browser_with_the_page_cache_on(client, settings):
    settings.PAGE_CACHE = True
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru")["Location"] == "/ru/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="az")["Location"] == "/az/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru")["Location"] == "/ru/"


def test_each_edition_home_speaks_its_language(client):
    for language in ("az", "en", "ru"):
        html = client.get(home(language)).content.decode()
        assert f'<html lang="{language}">' in html


def test_an_address_in_the_wrong_edition_moves_to_the_pieces_own(client):
    russian = story("ru", headline="Новости дня")
    assert russian.get_absolute_url() == f"/ru/news/{russian.slug}/"
    response = client.get(f"/en/news/{russian.slug}/")
    assert response.status_code == 301
    assert response["Location"] == russian.get_absolute_url()
    # An old address from before the prefixes ends up there too.
    final = client.get(f"/news/{russian.slug}/", HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert final.redirect_chain[-1][0] == russian.get_absolute_url()
    assert final.status_code == 200


def test_slugs_of_cyrillic_and_azerbaijani_headlines_are_transliterated():
    assert unique_slug("Нефть и газ: итоги года") == "neft-i-gaz-itogi-goda"
    assert unique_slug("Şəhər xəbərləri: Gəncə") == "sheher-xeberleri-gence"


# Every surface holds only its edition


def test_lists_show_only_their_editions_pieces(client):
    section = SectionFactory(slug="economy", name="Economy")
    english = story("en", headline="English economy story", section=section)
    russian = story("ru", headline="Русская экономическая новость", section=section)
    english.tags.add("energy")
    russian.tags.add("energy")
    pages = ["home", "section", "tag", "archive"]
    for language, own, other in (("en", english, russian), ("ru", russian, english)):
        with translation.override(language):
            day = timezone.localdate(own.published_at)
            urls = {
                "home": reverse("home"),
                "section": section.get_absolute_url(),
                "tag": reverse("articles:tag", args=["energy"]),
                "archive": reverse(
                    "articles:archive_day", args=[day.year, day.month, day.day]
                ),
            }
        for page in pages:
            html = client.get(urls[page]).content.decode()
            assert own.headline in html, (language, page)
            assert other.headline not in html, (language, page)


def test_a_piece_scheduled_in_one_language_stays_out_of_every_edition(client):
    now = timezone.now()
    original = story("en", headline="Summit opens in Baku")
    scheduled = story(
        "ru",
        original=original,
        headline="В Баку открывается саммит",
        published_at=now + timedelta(hours=2),
    )
    for language in ("az", "en", "ru"):
        html = client.get(home(language)).content.decode()
        assert scheduled.headline not in html
        feed = client.get(f"/{language}/feeds/rss/").content.decode()
        assert scheduled.headline not in feed
    article_html = client.get(original.get_absolute_url()).content.decode()
    assert switcher_links(article_html)["ru"] == "/ru/"
    assert "ru" not in hreflang_links(article_html)

    with time_machine.travel(now + timedelta(hours=2, seconds=1)):
        assert scheduled.headline in client.get("/ru/").content.decode()
        assert scheduled.headline not in client.get("/en/").content.decode()
        article_html = client.get(original.get_absolute_url()).content.decode()
        assert switcher_links(article_html)["ru"] == scheduled.get_absolute_url()


def test_feeds_hold_only_their_editions_pieces(client):
    section = SectionFactory(slug="politics", name="Politics")
    english = story("en", headline="English politics", section=section)
    russian = story("ru", headline="Русская политика", section=section)
    for language, own, other in (("en", english, russian), ("ru", russian, english)):
        for url in (
            f"/{language}/feeds/rss/",
            f"/{language}/feeds/atom/",
            f"/{language}/feeds/section/politics/rss/",
        ):
            feed = feedparser.parse(client.get(url).content)
            assert not feed.bozo, url
            titles = {entry.title for entry in feed.entries}
            assert own.headline in titles and other.headline not in titles, url
            links = {entry.link for entry in feed.entries}
            assert all(f"/{language}/news/" in link for link in links), url
        rss = feedparser.parse(client.get(f"/{language}/feeds/rss/").content)
        assert rss.feed.language == language


def test_sitemaps_hold_only_their_edition_with_reciprocal_hreflang(client, schemas):
    original = story("en", headline="Gas deal signed")
    russian = story("ru", original=original, headline="Подписан газовый контракт")
    azerbaijani = story("az", original=original, headline="Qaz müqaviləsi imzalandı")
    lonely = story("ru", headline="Только по-русски")
    versions = {a.language: a for a in (original, russian, azerbaijani)}
    schema = xsd(schemas, "sitemap.xsd", "xhtml-link.xsd")
    alternates_by_page: dict[str, dict[str, str]] = {}
    for language in ("az", "en", "ru"):
        response = client.get(f"/{language}/sitemap-articles.xml")
        assert_valid(schema, response.content)
        root = etree.fromstring(response.content)
        urls = root.findall("s:url", SITEMAP_NS)
        locations = [url.findtext("s:loc", namespaces=SITEMAP_NS) for url in urls]
        assert all(f"/{language}/news/" in loc for loc in locations)
        own = versions[language]
        assert any(loc.endswith(own.get_absolute_url()) for loc in locations)
        for url in urls:
            loc = url.findtext("s:loc", namespaces=SITEMAP_NS)
            links = url.findall("x:link", SITEMAP_NS)
            alternates_by_page[loc] = {
                link.get("hreflang"): link.get("href") for link in links
            }
    group = {
        loc: alts
        for loc, alts in alternates_by_page.items()
        if not loc.endswith(lonely.get_absolute_url())
    }
    assert len(group) == 3
    for loc, alternates in group.items():
        # Every version lists all three, itself included: reciprocal.
        assert set(alternates) == {"az", "en", "ru"}
        assert loc in alternates.values()
        assert set(alternates.values()) == set(group)
    lonely_loc = next(
        loc for loc in alternates_by_page if loc.endswith(lonely.get_absolute_url())
    )
    assert alternates_by_page[lonely_loc] == {}


def test_google_news_sitemap_per_edition(client, schemas):
    story("en", headline="English news")
    russian = story("ru", headline="Русские новости")
    response = client.get("/ru/sitemap-news.xml")
    assert_valid(
        schema := xsd(schemas, "sitemap.xsd", "sitemap-news.xsd"), response.content
    )
    root = etree.fromstring(response.content)
    titles = [t.text for t in root.iterfind(".//n:title", SITEMAP_NS)]
    assert titles == [russian.headline]
    assert {t.text for t in root.iterfind(".//n:language", SITEMAP_NS)} == {"ru"}
    assert_valid(schema, client.get("/en/sitemap-news.xml").content)


def test_each_edition_has_its_own_ticker(client):
    TickerItem.objects.create(language="ru", text="Срочно: саммит открыт")
    TickerItem.objects.create(language="en", text="Breaking: summit opens")
    ru_html = client.get("/ru/").content.decode()
    en_html = client.get("/en/").content.decode()
    assert (
        "Срочно: саммит открыт" in ru_html and "Breaking: summit opens" not in ru_html
    )
    assert "Breaking: summit opens" in en_html and "Срочно" not in en_html


def test_section_names_follow_the_edition(client):
    section = SectionFactory(slug="economy", name="Economy")
    section.set_translation("name", "ru", "Экономика")
    section.save()
    story("ru", section=section)
    ru_html = client.get("/ru/").content.decode()
    assert ">Экономика</a>" in ru_html
    # No Azerbaijani name given: the base name stands in.
    assert ">Economy</a>" in client.get("/az/").content.decode()


# Translations: switcher, hreflang, JSON-LD


def test_switcher_goes_to_the_translation_or_the_editions_home(client):
    original = story("en", headline="Harvest record")
    russian = story("ru", original=original, headline="Рекордный урожай")
    html = client.get(original.get_absolute_url()).content.decode()
    links = switcher_links(html)
    assert links == {
        "az": "/az/",
        "en": original.get_absolute_url(),
        "ru": russian.get_absolute_url(),
    }
    back = switcher_links(client.get(russian.get_absolute_url()).content.decode())
    assert back["en"] == original.get_absolute_url()
    # Elsewhere the switcher keeps the reader on the same page.
    section_url = f"/en/section/{original.section.slug}/"
    section_links = switcher_links(client.get(section_url).content.decode())
    assert section_links["ru"] == f"/ru/section/{original.section.slug}/"


def test_hreflang_pairs_are_reciprocal(client, settings):
    settings.SITE_URL = "https://news.example.org"
    original = story("en", headline="Budget adopted")
    versions = [
        original,
        story("ru", original=original, headline="Бюджет принят"),
        story("az", original=original, headline="Büdcə qəbul edildi"),
    ]
    expected = {
        v.language: f"https://news.example.org{v.get_absolute_url()}" for v in versions
    }
    for version in versions:
        html = client.get(version.get_absolute_url()).content.decode()
        assert hreflang_links(html) == expected
        assert f'<html lang="{version.language}">' in html
        assert f'"inLanguage": "{version.language}"' in html


def test_a_piece_without_translations_has_no_hreflang(client):
    alone = story("en")
    assert hreflang_links(client.get(alone.get_absolute_url()).content.decode()) == {}


def test_edition_homes_point_at_each_other(client, settings):
    settings.SITE_URL = "https://news.example.org"
    links = hreflang_links(client.get("/ru/").content.decode())
    assert links == {
        "az": "https://news.example.org/az/",
        "en": "https://news.example.org/en/",
        "ru": "https://news.example.org/ru/",
        "x-default": "https://news.example.org/",
    }


def test_related_news_stays_in_the_edition(client):
    section = SectionFactory()
    russian = story("ru", section=section, headline="Первая новость")
    story("ru", section=section, headline="Вторая новость")
    story("en", section=section, headline="English neighbour")
    html = client.get(russian.get_absolute_url()).content.decode()
    related = html[html.index('class="related') :]
    assert "Вторая новость" in related
    assert "English neighbour" not in html


def test_article_page_query_budget_holds_with_translations(
    client, django_assert_max_num_queries
):
    original = story("en")
    story("ru", original=original)
    story("az", original=original)
    client.get(original.get_absolute_url())
    with django_assert_max_num_queries(10):
        assert client.get(original.get_absolute_url()).status_code == 200


def test_only_stories_with_versions_look_for_them(client):
    """A story in one language spends no query on other versions; an
    original and its translation each spend one and link to each other."""
    section = SectionFactory()
    alone = story("en", section=section)
    original = story("en", section=section)
    russian = story("ru", original=original, section=section)

    def queries(article):
        client.get(article.get_absolute_url())  # warm navigation caches
        with CaptureQueriesContext(connection) as captured:
            html = client.get(article.get_absolute_url()).content.decode()
        return len(captured), html

    alone_count, alone_html = queries(alone)
    original_count, original_html = queries(original)
    russian_count, russian_html = queries(russian)
    assert original_count == russian_count == alone_count + 1
    link = '<link rel="alternate" hreflang="{}"'.format
    assert link("ru") in original_html and link("en") in russian_html
    assert link("ru") not in alone_html


# Model rules


def test_translation_rules_are_enforced():
    from django.core.exceptions import ValidationError

    original = story("en")
    russian = story("ru", original=original)
    cases = {
        "same language": Article(
            headline="x",
            language="en",
            translation_of=original,
            section=original.section,
        ),
        "of a translation": Article(
            headline="x",
            language="az",
            translation_of=russian,
            section=original.section,
        ),
        "second Russian": Article(
            headline="x",
            language="ru",
            translation_of=original,
            section=original.section,
        ),
    }
    for name, article in cases.items():
        with pytest.raises(ValidationError) as error:
            article.full_clean(exclude=["slug"])
        assert "translation_of" in error.value.message_dict, name
    original.translation_of = story("az")
    with pytest.raises(ValidationError):
        original.full_clean()


# Search


@pytest.mark.postgresql
def test_search_finds_a_russian_word_form_in_its_edition(client):
    found = story(
        "ru",
        headline="Разведка на шельфе",
        body="<p>Компания ведёт разведку нефтяных месторождений на шельфе.</p>",
    )
    story("en", headline="Offshore fields", body="<p>Exploration of oil fields.</p>")
    html = client.get("/ru/search/", {"q": "месторождение"}).content.decode()
    assert found.headline in html
    # The English edition searches English pieces only.
    assert (
        found.headline
        not in client.get("/en/search/", {"q": "месторождение"}).content.decode()
    )


# Adding an edition


def test_adding_an_edition_needs_no_migration():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "DEBUG": "true",
        "NEWSROOM_LANGUAGES": "az,en,ru,tr",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_an_added_edition_serves_its_own_pages(client, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("tr", "Türkçe")]
    turkish = story("tr", headline="Bakü zirvesi başladı")
    story("en", headline="English only")
    html = client.get("/tr/").content.decode()
    assert '<html lang="tr">' in html
    assert turkish.headline in html and "English only" not in html
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="tr")["Location"] == "/tr/"
    assert switcher_links(html)["tr"] == "/tr/"


def test_the_search_form_names_sections_in_the_edition(client):
    section = SectionFactory(slug="economy", name="Economy")
    section.set_translation("name", "ru", "Экономика")
    section.save()
    html = client.get("/ru/search/").content.decode()
    assert '<option value="economy">Экономика</option>' in html
