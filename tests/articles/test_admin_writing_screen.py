"""A screen built for writing, and a desk that shows the day (#16).

The article form puts the text in the middle and what a reporter checks
before submitting (byline, section, type, tags, picture, markers, publish
time) beside it, folds what is rarely needed, and writes times as the
newsroom does; the desk names the authors, shows the note to the desk,
counts for real and links to the full lists, at a constant query cost.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles import workflow
from articles.models import Article, Byline
from tests.articles.test_admin_no_lost_edits import change_url, form_data
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

BAKU = ZoneInfo("Asia/Baku")
ADD_URL = "/admin/articles/article/add/"
DESK_URL = "/admin/articles/article/desk/"
CHANGELIST_URL = "/admin/articles/article/"


def credit(article: Article, *names: str) -> None:
    for position, name in enumerate(names):
        Byline.objects.create(
            article=article, author=AuthorFactory(name=name), position=position
        )


# The editing screen


def test_byline_and_placement_sit_beside_the_text_and_rare_fields_are_folded(
    client, journalist
):
    client.force_login(journalist)
    html = client.get(ADD_URL).content.decode()
    text = html.index('class="article-layout__text"')
    side = html.index('class="article-layout__side"')
    assert text < html.index("field-headline") < html.index("field-body") < side
    # Beside the text, before anything folded or the related articles.
    beside = [
        'id="bylines-group"',
        "field-section",
        "field-content_type",
        "field-tags",
        "field-hero_image",
        "field-is_exclusive",
        "field-publish_time",
    ]
    folded = html.index("<details", side)
    for marker in beside:
        assert side < html.index(marker) < folded, marker
    assert html.index('id="related_links-group"') > folded
    # Urgency, SEO and the translation link are folded away.
    for marker in ("field-urgency", "field-seo_title", "field-translation_of"):
        assert html.index(marker) > folded, marker


def test_rare_fields_are_explained_in_plain_words(client, journalist):
    client.force_login(journalist)
    response = client.get(ADD_URL)
    assertContains(response, "How fast subscribers must see it")
    assertNotContains(response, "IPTC scale")
    # The subheading shortcut, under the body where writers look.
    assertContains(response, "Type ## and a space at the start of a line")


def test_headline_is_a_large_counted_box_and_saved_on_one_line(client, editor):
    client.force_login(editor)
    form = client.get(ADD_URL).context["adminform"].form
    headline = form.fields["headline"].widget
    assert headline.template_name == "django/forms/widgets/textarea.html"
    assert "newsroom-headline" in headline.attrs["class"]
    assert "data-count-chars" in headline.attrs
    assert "data-count-chars" in form.fields["seo_title"].widget.attrs

    article = ArticleFactory(draft=True, created_by=editor)
    long = (
        "Azerbaijan and Kazakhstan agree to double trans-Caspian ferry capacity\n"
        "by 2028"
    )
    assert len(long) > 74
    response = client.post(change_url(article), form_data(article, headline=long))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == long.replace("\n", " ")


def test_a_past_publish_time_reads_in_the_newsroom_format_without_embargo_help(
    client, editor
):
    article = ArticleFactory(published_at=datetime(2026, 12, 1, 13, 15, tzinfo=BAKU))
    client.force_login(editor)
    response = client.get(change_url(article))
    assertContains(response, "1 December 2026, 13:15 (Asia/Baku time)")
    assertNotContains(response, "stays embargoed")


def test_a_future_publish_time_says_it_is_an_embargo(client, editor):
    soon = timezone.now() + timedelta(days=2)
    article = ArticleFactory(published_at=soon)
    client.force_login(editor)
    response = client.get(change_url(article))
    assertContains(response, "stays embargoed until then")
    assertContains(response, "(Asia/Baku time)")


def test_schedule_takes_the_newsroom_format_and_names_the_time_zone(
    client, editor, journalist
):
    article = ArticleFactory(draft=True, created_by=journalist, status="submitted")
    client.force_login(editor)
    page = client.get(change_url(article))
    assertContains(page, 'id="wf-schedule-at" type="text"')
    assertContains(page, "24-hour time in Asia/Baku time")
    response = client.post(
        change_url(article),
        form_data(
            article,
            _workflow="schedule",
            **{"workflow-schedule-at": "8 December 2099, 10:00"},
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.published_at == datetime(2099, 12, 8, 10, 0, tzinfo=BAKU)


def test_an_unreadable_schedule_time_is_a_form_error_keeping_the_text(
    client, editor, journalist
):
    article = ArticleFactory(draft=True, created_by=journalist, status="submitted")
    client.force_login(editor)
    response = client.post(
        change_url(article),
        form_data(
            article,
            lead="A lead typed before scheduling",
            _workflow="schedule",
            **{"workflow-schedule-at": "next Tuesday-ish"},
        ),
    )
    assert response.status_code == 200
    assertContains(response, "as in “7 December 2026, 13:15”")
    assertContains(response, "A lead typed before scheduling")
    article.refresh_from_db()
    assert article.status == "submitted" and article.published_at is None


def test_page_tools_come_before_the_workflow_and_translations_boxes(client, editor):
    """Floated after those boxes, Preview/History sat inside the translations."""
    article = ArticleFactory()
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    tools = html.index('class="object-tools newsroom-object-tools"')
    assert tools < html.index('class="newsroom-workflow"')
    assert tools < html.index('class="newsroom-translations"')
    assert html.count('class="historylink"') == 1
    assert "Revisions</a>" in html[tools : html.index('class="newsroom-workflow"')]
    # The writing screen has the width the admin's menu would take.
    assert 'id="nav-sidebar"' not in html


# The desk


def test_desk_names_the_authors_type_edition_and_the_note_to_the_desk(
    client, editor, journalist
):
    article = ArticleFactory(
        draft=True,
        created_by=journalist,
        headline="Ferry capacity to double",
        content_type=Article.ContentType.ANALYSIS,
        language="ru",
    )
    credit(article, "Leyla Mammadova", "Rashad Guliyev")
    workflow.submit(article, by=journalist, comment="Figures checked with the port")
    client.force_login(editor)
    response = client.get(DESK_URL)
    assertContains(response, "Leyla Mammadova, Rashad Guliyev")
    assertContains(response, "Figures checked with the port")
    assertContains(response, "<td>Analysis</td>", html=True)
    assertContains(response, "<td>Русский</td>", html=True)
    # The login name is not a byline.
    assertNotContains(response, journalist.username)


def test_desk_counts_every_piece_and_links_to_the_full_list(client, editor):
    for n in range(23):
        ArticleFactory(draft=True, status="submitted", headline=f"Piece {n}")
    client.force_login(editor)
    response = client.get(DESK_URL)
    waiting = response.context["lists"][0]
    assert (waiting.count, len(waiting.articles)) == (23, 20)
    assertContains(response, 'Waiting for review (<span class="desk-count">23</span>)')
    assertContains(response, "All 23 in the article list")
    full = client.get(waiting.url)
    assert full.status_code == 200
    assert full.context["cl"].result_count == 23


def test_every_desk_link_opens_its_list(client, editor):
    ArticleFactory(published_at=timezone.now() + timedelta(hours=2))
    ArticleFactory()
    ArticleFactory(status="killed")
    client.force_login(editor)
    lists = client.get(DESK_URL).context["lists"]
    for desk_list in lists:
        response = client.get(desk_list.url)
        assert response.status_code == 200, desk_list.title
        assert response.context["cl"].result_count >= desk_list.count


def test_desk_filters_by_edition(client, editor):
    ArticleFactory(draft=True, status="submitted", headline="In English")
    ArticleFactory(draft=True, status="submitted", headline="По-русски", language="ru")
    client.force_login(editor)
    response = client.get(DESK_URL, {"language": "ru"})
    assertContains(response, "По-русски")
    assertNotContains(response, "In English")
    assert client.get(DESK_URL, {"language": "xx"}).status_code == 400


def desk_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DESK_URL).status_code == 200
    return len(queries)


def test_desk_query_count_does_not_grow_with_the_rows(client, editor):
    def add(n: int) -> None:
        for _ in range(n):
            article = ArticleFactory(draft=True, status="submitted")
            credit(article, f"A {article.pk}", f"B {article.pk}")
            ArticleFactory(published_at=timezone.now() - timedelta(hours=1))

    client.force_login(editor)
    add(1)
    small = desk_queries(client)
    add(9)
    assert desk_queries(client) == small


# The article change list


def test_change_list_shows_bylines_and_notes_at_a_constant_query_cost(
    client, editor, journalist
):
    section = SectionFactory()

    def add(n: int) -> None:
        for _ in range(n):
            article = ArticleFactory(draft=True, created_by=journalist, section=section)
            credit(article, f"Writer {article.pk}")
            workflow.submit(article, by=journalist, comment=f"Note {article.pk}")

    def queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as captured:
            html = client.get(CHANGELIST_URL).content.decode()
        return len(captured), html

    client.force_login(editor)
    add(1)
    small, html = queries()
    first = Article.objects.get()
    assert f'<td class="field-byline">Writer {first.pk}</td>' in html
    assert f'<td class="field-note_to_desk">Note {first.pk}</td>' in html
    assert journalist.username not in html
    add(9)
    large, html = queries()
    assert large == small
    assert html.count('<td class="field-byline">Writer ') == 10
    assert html.count('<td class="field-note_to_desk">Note ') == 10
