"""The reader site speaks the language of its edition.

Interface texts come from the gettext catalogues in locale/ (az, ru; English
is the source language) and dates follow each edition's formats in
newsroom/formats. The catalogue checks at the end keep the .po files complete
for every string a reader sees and the compiled .mo files in step with them.
"""

from __future__ import annotations

import gettext
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from agency.models import FollowLink
from articles.models import Article, Correction
from authors.models import SocialLink
from tests.factories import ArticleFactory, AuthorFactory

from .po import Entry, parse

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = ("az", "ru")
# What `make messages` leaves out of the catalogues.
IGNORED = [".venv", "node_modules", "var", "tests", "bench"]

# 29 November 2025, 14:30 in Baku (TIME_ZONE, UTC+4).
PUBLISHED = datetime(2025, 11, 29, 10, 30, tzinfo=UTC)
PREVIOUS_DAY = datetime(2025, 11, 28, 10, 30, tzinfo=UTC)

# Python modules whose msgids readers see (pages, feeds, share links, search
# form, headline lists, date formats); all templates but the admin's count too.
READER_MODULES = (
    "distribution/feeds.py",
    "articles/views.py",
    "articles/templatetags/",
    "headlines/templatetags/",
    "editions/templatetags/",
    "newsroom/formats/",
    "caching/slots.py",  # the "busy, try again" answer
)

# Per edition: texts its interface must show, and English ones it must not.
HOME_TEXTS = {
    "en": ["Skip to content", "Search news", "Latest news", "Sections"],
    "ru": [
        "Перейти к содержанию",
        "Поиск по новостям",
        "Последние новости",
        "Разделы",
    ],
    "az": ["Məzmuna keç", "Xəbər axtar", "Son xəbərlər", "Bölmələr"],
}
ARTICLE_TEXTS = {
    "en": [
        '<strong class="marker marker--breaking">Breaking</strong>',
        '<strong class="marker marker--exclusive">Exclusive</strong>',
        '<span class="marker marker--video">VIDEO</span>',
        '<h2 id="share-heading">Share</h2>',
        '<h2 id="follow-heading">Follow us</h2>',
        "All pieces by Aysel Mammadova",
        '<span class="content-type">Analysis</span>',
        ">Copy link</button>",
        ">E-mail</a>",
    ],
    "ru": [
        '<strong class="marker marker--breaking">Срочно</strong>',
        '<strong class="marker marker--exclusive">Эксклюзив</strong>',
        '<span class="marker marker--video">ВИДЕО</span>',
        '<h2 id="share-heading">Поделиться</h2>',
        '<h2 id="follow-heading">Подписывайтесь на нас</h2>',
        "Все материалы автора: Aysel Mammadova",
        '<span class="content-type">Аналитика</span>',
        ">Скопировать ссылку</button>",
        ">Эл. почта</a>",
    ],
    "az": [
        '<strong class="marker marker--breaking">Təcili</strong>',
        '<strong class="marker marker--exclusive">Eksklüziv</strong>',
        '<span class="marker marker--video">VİDEO</span>',
        '<h2 id="share-heading">Paylaş</h2>',
        '<h2 id="follow-heading">Bizi izləyin</h2>',
        "Müəllifin bütün materialları: Aysel Mammadova",
        '<span class="content-type">Təhlil</span>',
        ">Keçidi kopyala</button>",
        ">E-poçt</a>",
    ],
}
ENGLISH_ONLY = ["Skip to content", "Search news", "Share", "Follow us", "Copy link"]


def reader_page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def edition_url(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru", "az"])
def test_home_page_interface_is_in_the_edition_language(client, language):
    ArticleFactory.create_batch(3, language=language)
    html = reader_page(client, edition_url(language, "home"))
    assert f'<html lang="{language}">' in html
    for text in HOME_TEXTS[language]:
        assert text in html, text
    if language != "en":
        for text in ENGLISH_ONLY:
            assert f">{text}<" not in html and f'"{text}"' not in html, text


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru", "az"])
def test_article_page_interface_is_in_the_edition_language(client, language):
    FollowLink.objects.create(network="telegram", url="https://t.me/agency")
    author = AuthorFactory(name="Aysel Mammadova")
    article = ArticleFactory(
        language=language,
        headline="Parliament passes the budget",
        urgency=1,
        is_exclusive=True,
        has_video=True,
        content_type=Article.ContentType.ANALYSIS,
        authors=[author],
    )
    assert article.is_breaking
    html = reader_page(client, article.get_absolute_url())
    assert f'<html lang="{language}">' in html
    for text in ARTICLE_TEXTS[language]:
        assert text in html, text
    if language != "en":
        for text in ENGLISH_ONLY:
            assert f">{text}<" not in html, text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "published", "dateline", "updated"),
    [
        ("ru", "29 ноября 2025, 14:30", "Баку, 29 ноября", "Обновлено"),
        ("az", "29 noyabr 2025, 14:30", "Bakı, 29 noyabr", "Yeniləndi"),
        ("en", "29 November 2025, 14:30", "Baku, 29 November", "Updated"),
    ],
)
def test_article_dates_read_naturally_in_each_edition(
    client, language, published, dateline, updated
):
    """Russian puts the month in the genitive ("29 ноября", never "29 Ноябрь"),
    Azerbaijani in lowercase; the datetime attribute stays machine-readable."""
    article = ArticleFactory(
        language=language,
        published_at=PUBLISHED,
        first_published_at=PUBLISHED,
        revised_at=PUBLISHED,
        dateline_city=dateline.split(",")[0],
    )
    Correction.objects.create(
        article=article,
        kind=Correction.Kind.UPDATE,
        text="Figures added.",
        created_at=PUBLISHED,
    )
    html = reader_page(client, article.get_absolute_url())
    assert f'<time datetime="2025-11-29T14:30:00+04:00">{published}</time>' in html
    assert f'<p class="dateline">{dateline}</p>' in html
    assert f"· {updated} <time" in html
    assert html.count(f">{published}</time>") == 3
    if language == "ru":
        assert "Ноябрь" not in html and "ноябрь" not in html
    if language == "az":
        assert "Noyabr" not in html


@pytest.mark.django_db
def test_older_headlines_show_the_genitive_month_in_lists(client):
    ArticleFactory(language="ru", published_at=PREVIOUS_DAY, headline="Вчера")
    html = reader_page(client, edition_url("ru", "home"))
    assert '<time datetime="2025-11-28T14:30:00+04:00">28 ноября, 14:30</time>' in html


@pytest.mark.django_db
def test_search_form_is_in_the_edition_language(client):
    html = reader_page(client, edition_url("ru", "articles:search"))
    assert "<h1>Поиск</h1>" in html
    for label in ("Раздел", "Жанр", "С даты", "По дату"):
        assert f">{label}</label>" in html, label
    assert ">Все</option>" in html and ">Аналитика</option>" in html


@pytest.mark.django_db
def test_feeds_mark_headlines_in_the_edition_language(client):
    ArticleFactory(language="ru", headline="Землетрясение", urgency=1, has_video=True)
    ArticleFactory(
        language="ru", headline="Кредиты", is_sponsored=True, partner_name="Банк"
    )
    xml = reader_page(client, edition_url("ru", "distribution:feed_rss"))
    assert f"<title>{settings.SITE_NAME}: последние новости</title>" in xml
    assert "<title>Срочно: Землетрясение ВИДЕО</title>" in xml  # as pages name it
    assert "Партнёрский материал: Банк" in xml


# The catalogues


def catalogue(language: str) -> Path:
    return ROOT / "locale" / language / "LC_MESSAGES" / "django.po"


def plural_index(entries: list[Entry]):
    header = next(entry for entry in entries if entry.msgid == "")
    forms = next(
        line.split(":", 1)[1]
        for line in header.msgstr[0].splitlines()
        if line.startswith("Plural-Forms:")
    )
    return gettext.c2py(forms.split("plural=", 1)[1].rstrip(" ;"))


def runtime_text(entry: Entry, n: int | None = None) -> str:
    if entry.msgid_plural is None:
        if entry.msgctxt is not None:
            return translation.pgettext(entry.msgctxt, entry.msgid)
        return translation.gettext(entry.msgid)
    if entry.msgctxt is not None:
        return translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
    return translation.ngettext(entry.msgid, entry.msgid_plural, n)


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogues_match_the_po_files(language):
    """Every translated entry of the .po comes back from gettext: the .mo was
    compiled after the last edit (`make messages`)."""
    entries = parse(catalogue(language))
    assert (catalogue(language).with_suffix(".mo")).is_file()
    fuzzy = [entry.label() for entry in entries if entry.fuzzy and entry.msgid]
    assert not fuzzy, f"fuzzy entries in locale/{language}: {fuzzy}"
    plural = plural_index(entries)
    stale = []
    checked = 0
    with translation.override(language):
        for entry in entries:
            if not entry.msgid or not entry.translated:
                continue
            checked += 1
            if entry.msgid_plural is None:
                if runtime_text(entry) != entry.msgstr[0]:
                    stale.append(entry.label())
                continue
            for n in (1, 2, 5, 21):
                if runtime_text(entry, n) != entry.msgstr[plural(n)]:
                    stale.append(f"{entry.label()} for n={n}")
    assert checked > 100
    assert not stale, f"locale/{language} .mo is out of date for: {stale}"


def reader_msgids() -> set[tuple[str | None, str]]:
    """Model choices shown on reader pages, as (context, msgid)."""
    labels = [
        *Article.ContentType.labels,
        *Correction.Kind.labels,
        *SocialLink.Network.labels,
    ]
    with translation.override(None):
        return {(None, str(label)) for label in labels}


def is_reader_entry(entry: Entry, choices: set[tuple[str | None, str]]) -> bool:
    for reference in entry.references:
        path = reference.rsplit(":", 1)[0]
        if path.startswith("templates/") and not path.startswith("templates/admin/"):
            return True
        if path.startswith(READER_MODULES):
            return True
    return (entry.msgctxt, entry.msgid) in choices


@pytest.fixture
def fresh_catalogues(tmp_path, settings, monkeypatch):
    """The catalogues as makemessages writes them from today's code, made in
    a copy of the project: its own locale/ and source tree are left alone
    (makemessages writes work files beside the templates it reads)."""
    for program in ("xgettext", "msgmerge", "msguniq"):
        if shutil.which(program) is None:
            pytest.skip(f"GNU gettext's {program} is not installed (apt gettext)")
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            *IGNORED, ".*", "docs", "static", "staticfiles", "__pycache__", "*.mo"
        ),
    )
    settings.LOCALE_PATHS = [source / "locale"]
    monkeypatch.chdir(source)
    call_command(
        "makemessages", locale=list(TRANSLATED), ignore_patterns=IGNORED, verbosity=0
    )
    return source / "locale"


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_reader_page_string_is_left_untranslated(fresh_catalogues, language):
    """A new {% translate %} in a template, or a new label in the reader code,
    fails here until it has a translation in every edition's catalogue."""
    entries = parse(fresh_catalogues / language / "LC_MESSAGES" / "django.po")
    choices = reader_msgids()
    reader = [entry for entry in entries if entry.msgid]
    reader = [entry for entry in reader if is_reader_entry(entry, choices)]
    assert len(reader) > 80
    missing = [entry.label() for entry in reader if not entry.translated or entry.fuzzy]
    assert not missing, (
        f"untranslated in locale/{language} (run `make messages`, translate, "
        f"compile): " + "\n".join(missing)
    )
