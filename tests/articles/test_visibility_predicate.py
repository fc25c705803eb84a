"""Property tests: the visibility rule in Python says what the QuerySet says.

`published_q()`/`scheduled_q()` decide what the database returns;
`is_published()` (and `Article.is_published()`, `workflow.stage()`) decide
for a piece already loaded. Hypothesis generates
the states a row can be in (every status, no publish time or one before, at
or after the moment asked about, in the trash or not, any edition) and each
pair must agree. Runs on whichever database the suite runs on; CI runs it on
SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from pytest_django.asserts import assertContains, assertNotContains

from articles import workflow
from articles.models import Article
from articles.querysets import is_published
from tests.articles.test_admin_no_lost_edits import change_url
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

AT = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)

# Offsets from the moment asked about: the boundary itself and a microsecond
# either side (where `<=` and `<` part), or anywhere within ten years.
offsets = st.one_of(
    st.sampled_from(
        [timedelta(0), timedelta(microseconds=1), -timedelta(microseconds=1)]
    ),
    st.timedeltas(min_value=timedelta(days=-3650), max_value=timedelta(days=3650)),
)
moments = st.one_of(st.none(), offsets.map(lambda offset: AT + offset))

STATES = hsettings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture
def section(db):
    return SectionFactory()


def make(section, status: str, published_at, deleted_at, language: str) -> Article:
    """The row as stored, read back as every caller would load it."""
    # The database refuses a published piece without a publish time
    # (published_article_has_publish_time), so no row is ever in that state.
    assume(status != Article.Status.PUBLISHED or published_at is not None)
    article = ArticleFactory(
        section=section,
        status=status,
        published_at=published_at,
        first_published_at=published_at,
        deleted_at=deleted_at,
        language=language,
    )
    return Article.all_objects.get(pk=article.pk)


@STATES
@given(
    status=st.sampled_from(Article.Status.values),
    published_at=moments,
    deleted_at=moments,
    language=st.sampled_from([code for code, _name in settings.LANGUAGES]),
    clock=st.booleans(),
)
def test_published_and_is_published_agree(
    section, status, published_at, deleted_at, language, clock
):
    """`clock`: ask about "now" (the default) with the clock stopped at the
    moment, rather than passing the moment."""
    article = make(section, status, published_at, deleted_at, language)
    at = None if clock else AT
    with time_machine.travel(AT, tick=False):
        rows = Article.all_objects.filter(pk=article.pk)
        in_queryset = rows.published(at).exists()
        assert is_published(article, at) is in_queryset
        assert article.is_published(at) is in_queryset
        # The default manager leaves the trash out on its own; the rule must
        # agree with it there too, and compose with an edition.
        assert Article.objects.filter(pk=article.pk).published(at).exists() is (
            in_queryset
        )
        assert rows.in_edition(language).published(at).exists() is in_queryset


@STATES
@given(
    status=st.sampled_from(Article.Status.values),
    published_at=moments,
    deleted_at=moments,
    language=st.sampled_from([code for code, _name in settings.LANGUAGES]),
)
def test_stage_is_the_rule_out_of_the_trash_and_unchanged_by_it(
    section, status, published_at, deleted_at, language
):
    """Out of the trash, "live" is exactly `published()` and "scheduled"
    exactly `scheduled()`; in the trash, the stage is the one a restore
    gives back."""
    article = make(section, status, published_at, deleted_at, language)
    rows = Article.all_objects.filter(pk=article.pk)
    stage = workflow.stage(article, at=AT)
    assert stage in workflow.STAGE_LABELS
    if article.deleted_at is None:
        assert (stage == workflow.LIVE) is rows.published(AT).exists()
        assert (stage == workflow.SCHEDULED) is rows.scheduled(AT).exists()
    else:
        assert not rows.published(AT).exists() and not rows.scheduled(AT).exists()
        rows.update(deleted_at=None)
        restored = rows.get()
        assert workflow.stage(restored, at=AT) == stage


def test_a_trashed_live_piece_is_not_published():
    """The case that once needed restating by hand in translations.py."""
    article = ArticleFactory(
        published_at=AT - timedelta(hours=1), deleted_at=AT - timedelta(minutes=1)
    )
    assert Article.all_objects.filter(pk=article.pk).exists()
    assert not article.is_published(at=AT)
    assert not is_published(article, at=AT)


def test_a_trashed_scheduled_piece_is_not_scheduled_and_is_still_staged_so():
    article = ArticleFactory(
        published_at=AT + timedelta(hours=1), deleted_at=AT - timedelta(minutes=1)
    )
    assert not Article.all_objects.filter(pk=article.pk).scheduled(AT).exists()
    assert workflow.stage(article, at=AT) == workflow.SCHEDULED


def test_the_admin_explains_an_embargo_only_for_a_scheduled_piece(client, editor):
    """A piece killed while scheduled keeps its future publish time, but
    nothing is waiting for it: the admin follows the stage, not the clock."""
    soon = timezone.now() + timedelta(days=2)
    scheduled = ArticleFactory(published_at=soon)
    killed = ArticleFactory(status=Article.Status.KILLED, published_at=soon)
    client.force_login(editor)
    assertContains(client.get(change_url(scheduled)), "stays embargoed until then")
    assertNotContains(client.get(change_url(killed)), "stays embargoed")
