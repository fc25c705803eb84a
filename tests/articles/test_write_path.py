"""One entry per write (articles/actions.py): what each write costs, checks,
records and invalidates.

Budgets count every statement a write sends inside its transaction,
savepoints included, for a user whose permissions were read already (as
every admin request has: Django keeps them on the user) and with the
sections' cached list warm (site furniture, cached for every page). Each
runs with a small and a larger piece: the cost must not grow with the
bylines, tags or related links.
"""

from __future__ import annotations

import ast
import threading
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.db import connection

import caching
import caching.core
from articles import actions, navigation, workflow
from articles.models import Article, Revision
from articles.search import document
from articles.translations import TranslationExists
from tests.articles.test_admin_no_lost_edits import change_url, form_data
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PUBLISH_BUDGET = 12
EDIT_BUDGET = 12


@pytest.fixture(params=[1, 4], ids=["small", "larger"])
def piece(request) -> Article:
    """A draft with n bylines, 2n tags and n - 1 related published pieces."""
    n = request.param
    article = ArticleFactory(draft=True, authors=[AuthorFactory() for _ in range(n)])
    article.tags.add(*[f"topic {i}" for i in range(2 * n)])
    for position in range(n - 1):
        article.related_links.create(target=ArticleFactory(), position=position)
    return Article.objects.get(pk=article.pk)


def warm(user) -> None:
    user.has_perm("articles.publish_article")
    navigation.sections()


def test_publish_costs_at_most_twelve_queries(
    piece, editor, django_assert_max_num_queries
):
    warm(editor)
    with django_assert_max_num_queries(PUBLISH_BUDGET):
        workflow.publish(piece, by=editor)
    assert Article.objects.get(pk=piece.pk).status == Article.Status.PUBLISHED
    assert piece.revisions.get(version=piece.version).summary == "Publish now"


def test_edit_costs_at_most_twelve_queries(
    piece, editor, django_assert_max_num_queries
):
    warm(editor)
    piece.headline = "A new headline"
    with django_assert_max_num_queries(EDIT_BUDGET):
        actions.EditArticle(piece, by=editor, expected_version=piece.version).execute()
    stored = Article.objects.get(pk=piece.pk)
    assert (stored.headline, stored.version) == ("A new headline", piece.version)
    assert Revision.objects.filter(article=piece, version=stored.version).exists()


def spy_on_invalidation():
    """Counts without changing: `caching.invalidate` (one per write) and
    `caching.core.advance` (each replacement of the content version)."""
    return (
        mock.patch.object(caching, "invalidate", wraps=caching.invalidate),
        mock.patch.object(caching.core, "advance", wraps=caching.core.advance),
    )


def test_a_publish_invalidates_once(piece, editor, django_capture_on_commit_callbacks):
    spy_invalidate, spy_advance = spy_on_invalidation()
    with (
        spy_invalidate as invalidate,
        spy_advance as advance,
        django_capture_on_commit_callbacks(execute=True),
    ):
        workflow.publish(piece, by=editor)
    assert invalidate.call_count == 1
    # Once at the write, for reads in its own transaction, and once on
    # commit (caching.invalidate); no more however many rows it wrote.
    assert advance.call_count == 2


def test_saving_and_publishing_from_the_form_invalidates_once(
    client, editor, django_capture_on_commit_callbacks
):
    article = ArticleFactory(
        status=Article.Status.SUBMITTED,
        published_at=None,
        first_published_at=None,
        authors=[AuthorFactory()],
    )
    article.tags.add("economy")
    client.force_login(editor)
    data = form_data(article, headline="Edited then published", _workflow="publish")
    spy_invalidate, spy_advance = spy_on_invalidation()
    with (
        spy_invalidate as invalidate,
        spy_advance as advance,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(change_url(article), data)
    assert response.status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert (stored.headline, stored.status) == ("Edited then published", "published")
    assert invalidate.call_count == 1
    assert advance.call_count == 2


def test_a_stale_edit_is_refused_with_the_row_locked(editor):
    article = ArticleFactory(draft=True)
    opened = article.version
    Article.objects.get(pk=article.pk).save()  # someone else saves
    article.headline = "Mine"
    with pytest.raises(actions.EditConflict) as refused:
        actions.EditArticle(article, by=editor, expected_version=opened).execute()
    assert (refused.value.expected, refused.value.current) == (opened, opened + 1)
    assert Article.objects.get(pk=article.pk).headline != "Mine"
    assert not Revision.objects.filter(article=article).exists()


def test_a_save_of_bookkeeping_keeps_the_version_and_content_bumps_it(editor):
    article = ArticleFactory()
    version = article.version
    workflow.delete(article, by=editor)
    assert article.version == Article.all_objects.get(pk=article.pk).version == version
    article.headline = "Only the headline"
    article.save(update_fields=["headline"])
    stored = Article.all_objects.get(pk=article.pk)
    assert article.version == stored.version == version + 1
    assert stored.headline == "Only the headline"


def test_starting_a_translation_needs_the_right_to_create_pieces(
    django_user_model, journalist
):
    original = ArticleFactory(language="en")
    reader = django_user_model.objects.create_user("viewer", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_article"))
    with pytest.raises(workflow.NotAllowed):
        actions.StartTranslation(original, language="ru", by=reader).execute()
    assert not Article.all_objects.filter(translation_of=original).exists()

    copy = actions.StartTranslation(original, language="ru", by=journalist).execute()
    assert (copy.language, copy.translation_of_id) == ("ru", original.pk)
    assert copy.revisions.get().summary == "Translation started"
    with pytest.raises(TranslationExists):
        actions.StartTranslation(original, language="ru", by=journalist).execute()
    with pytest.raises(workflow.WorkflowError):
        actions.StartTranslation(original, language="en", by=journalist).execute()


def test_restoring_a_revision_is_a_new_version(editor):
    article = ArticleFactory(headline="First words")
    actions.EditArticle(article, by=editor).execute()
    first = article.revisions.get(version=article.version)
    article.headline = "Second words"
    actions.EditArticle(article, by=editor).execute()
    actions.RestoreRevision(first, by=editor).execute()
    stored = Article.objects.get(pk=article.pk)
    assert stored.headline == "First words"
    assert stored.revisions.get(version=stored.version).summary == (
        f"Restored version {first.version}"
    )


def calls_in(path: Path, names: set[str]) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else getattr(func, "id", "")
            )
            if name in names:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    return found


def test_revisions_are_recorded_in_one_place():
    """Only the actions record revisions or workflow steps; everything else
    goes through them."""
    skipped = {"tests", "node_modules", "migrations"}
    modules = [
        path
        for top in ROOT.iterdir()
        if top.is_dir() and not top.name.startswith(".") and top.name not in skipped
        for path in top.rglob("*.py")
        if "migrations" not in path.parts
    ]
    callers = [
        call
        for path in modules
        for call in calls_in(path, {"record_revision"})
        if path.relative_to(ROOT).as_posix() != "articles/actions.py"
    ]
    assert callers == []


@pytest.mark.postgresql
def test_the_search_document_is_written_with_the_row():
    """Saved in the same statement from the new values, it equals the
    document computed from the stored columns."""
    article = ArticleFactory(headline="Oil prices", lead="Brent rose.")
    article.body = "<p>Markets <b>moved</b>.</p>"
    article.save()
    stored, computed = (
        Article.objects.filter(pk=article.pk)
        .annotate(computed=document("english"))
        .values_list("search_vector", "computed")
        .get()
    )
    assert stored == computed
    assert "move" in stored and "oil" in stored
    assert connection.vendor == "postgresql"


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_a_save_committed_between_the_form_check_and_the_lock_brings_the_form_back(
    client, editor, other_journalist, monkeypatch
):
    """The race the form's own check cannot see: another editor's save
    commits after this request read the piece and before its save locks the
    row. The lock sees it; the save rolls back and the form comes back with
    the conflict and the text as typed. Only the moment is arranged (the
    other save runs in a thread, on its own connection, just before the
    lock); both saves are real."""
    article = ArticleFactory(draft=True, created_by=other_journalist)
    client.force_login(editor)
    lock = actions.EditArticle.lock

    def someone_saves_first(action):
        if action.by == editor:
            monkeypatch.setattr(actions.EditArticle, "lock", lock)

            def other_save() -> None:
                theirs = Article.objects.get(pk=article.pk)
                theirs.lead = "Their lead"
                actions.EditArticle(theirs, by=other_journalist).execute()
                connection.close()

            thread = threading.Thread(target=other_save)
            thread.start()
            thread.join()
        return lock(action)

    monkeypatch.setattr(actions.EditArticle, "lock", someone_saves_first)
    response = client.post(change_url(article), form_data(article, headline="Mine"))
    assert response.status_code == 200
    assert "while you were editing it" in response.content.decode()
    assert "Mine" in response.content.decode()
    stored = Article.objects.get(pk=article.pk)
    assert (stored.headline, stored.lead) == (article.headline, "Their lead")
    assert stored.version == article.version + 1
