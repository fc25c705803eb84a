"""Every write to an article, one entry each: check → lock → act → record →
signal on commit.

Wagtail's action classes are the model (`PublishRevisionAction` and its
kin): whoever writes (an admin view or bulk action, the wire desk, the demo
loader, the shell, a test) calls the same action, so a permission, a lock or
a record cannot be skipped by taking another path. Each action:

- **checks** that `by` may do it and that the piece allows it, on the row
  as locked (a caller's copy may be stale: a step allowed from the stage it
  shows may not be from the stage the piece is in);
- **locks** the row (`SELECT ... FOR UPDATE`), loading with it what the
  write reads (section, picture, bylines, tags, related links), so the
  checks, the revision and the cache invalidation read them once;
- **acts**: the change itself;
- **records** it: a revision whenever the content changed (this module is
  the only caller of `revisions.record_revision`), and a workflow step
  (`Transition`) for a change of state or of the trash;
- **signals** on commit (`workflow.article_transitioned` for steps,
  `article_saved` for content), and invalidates the cached pages it
  touched once, however many rows it wrote (`invalidation.gathered()`).

`Article.save()` keeps only what every save of a row needs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import autosave, invalidation, previews, revisions, translations
from .models import (
    Article,
    Byline,
    RelatedArticle,
    Revision,
    SlugRedirect,
    Transition,
)
from .workflow import (
    Action,
    NotAllowed,
    WorkflowError,
    article_transitioned,
    can_edit,
    is_editor,
)
from .workflow import check as check_step

# Sent on commit after a write of the content (an edit, a restored
# revision, a translation started): sender Article, `article`, `action`, `by`.
article_saved = Signal()


class EditConflict(WorkflowError):
    """Someone saved the piece since the version this edit started from."""

    def __init__(self, expected: int, current: int) -> None:
        super().__init__(_("Someone saved this piece while you were editing it."))
        self.expected, self.current = expected, current


def _empty(article: Article, name: str) -> None:
    """Mark relation `name` of `article` as loaded and empty."""
    rows = getattr(article, name).all()
    rows._result_cache, rows._prefetch_done = [], True
    article._prefetched_objects_cache[name] = rows


def lock(pk: int) -> Article:
    """The article, locked until the transaction ends, with what a write
    reads of it: its section and picture (joined), and its bylines, tags and
    related links (one query each, and none for a piece without them:
    the row says which it has)."""
    relations = {
        "bylines": Prefetch(
            "bylines", queryset=Byline.objects.select_related("author")
        ),
        "tags": "tags",
        "related_links": Prefetch(
            "related_links", queryset=RelatedArticle.objects.select_related("target")
        ),
    }
    tagged = Article.tags.through.objects.filter(
        content_type__app_label=Article._meta.app_label,
        content_type__model=Article._meta.model_name,
        object_id=OuterRef("pk"),
    )
    article = (
        # FOR UPDATE OF the article alone: PostgreSQL refuses to lock the
        # nullable side of the picture's outer join.
        Article.all_objects.select_for_update(of=("self",))
        .select_related("section", "hero_image")
        .annotate(
            has_bylines=Exists(Byline.objects.filter(article=OuterRef("pk"))),
            has_tags=Exists(tagged),
            has_related_links=Exists(
                RelatedArticle.objects.filter(article=OuterRef("pk"))
            ),
            slug_is_taken=Exists(
                SlugRedirect.objects.protected()
                .filter(old_slug=OuterRef("slug"))
                .exclude(article_id=OuterRef("pk"))
            ),
        )
        .get(pk=pk)
    )
    article._prefetched_objects_cache = {}
    wanted = []
    for name, lookup in relations.items():
        if getattr(article, f"has_{name}"):
            wanted.append(lookup)
        else:
            _empty(article, name)
    prefetch_related_objects([article], *wanted)
    return article


def _forget_loaded(article: Article) -> None:
    """The action rewrote its relations: read them again when asked."""
    article._prefetched_objects_cache = {}


def _copy_back(target: Article, source: Article) -> None:
    """The caller's copy becomes what was written, without reading it again."""
    if target is source:
        return
    for field in Article._meta.concrete_fields:
        if field.attname not in source.__dict__:
            target.__dict__.pop(field.attname, None)
            continue
        value = source.__dict__[field.attname]
        changed = target.__dict__.get(field.attname) != value
        if field.is_relation and changed and field.is_cached(target):
            field.delete_cached_value(target)
        target.__dict__[field.attname] = value
    target._prefetched_objects_cache = {}
    target.remember_stored()


class ArticleAction:
    """The skeleton; subclasses fill in `check()`, `act()` and what to record."""

    #: The step's name in the workflow history and in signals.
    name: str = ""
    #: Written as a `Transition` (a change of state or of the trash).
    records_step: bool = False
    #: Written as a revision (the content changed).
    records_revision: bool = True

    def __init__(self, article: Article, *, by: AbstractBaseUser) -> None:
        self.article = article
        self.by = by
        self.comment = ""

    def check(self, article: Article) -> None:
        """Raise `NotAllowed` or `WorkflowError`; change nothing."""

    def lock(self) -> Article:
        return lock(self.article.pk)

    def act(self, article: Article) -> None:
        raise NotImplementedError

    def summary(self) -> str:
        return self.name

    def signal(self, article: Article) -> None:
        # A step of the workflow or the trash, or a write of the content.
        sent = article_transitioned if self.records_step else article_saved
        sent.send(sender=Article, article=article, action=self.name, by=self.by)

    def execute(self) -> Article:
        with transaction.atomic(), invalidation.gathered():
            # Checked on the row as locked: the caller's copy may be stale.
            locked = self.lock()
            self.check(locked)
            from_status = locked.status
            self.act(locked)
            if self.records_step:
                Transition.objects.create(
                    article=locked,
                    action=self.name,
                    from_status=from_status,
                    to_status=locked.status,
                    by=self.by,
                    comment=self.comment,
                )
            if self.records_revision:
                self.revision = revisions.record_revision(
                    locked, by=self.by, summary=self.summary()
                )
            transaction.on_commit(partial(self.signal, locked))
        _copy_back(self.article, locked)
        return self.article


# Content --------------------------------------------------------------------


class EditArticle(ArticleAction):
    """Save the piece's content (a new piece too) as a new version.

    `expected_version` is the version the writer started from: if someone
    saved since, `EditConflict` and nothing is written (the optimistic
    lock, checked with the row locked). `write` saves the caller's copy and
    whatever belongs with it (the admin form's tags and inlines); by
    default `article.save()`. Saving ends the writer's autosaved copy.
    """

    name = "edit"

    def __init__(
        self,
        article: Article,
        *,
        by: AbstractBaseUser,
        expected_version: int | None = None,
        write: Callable[[Article], None] | None = None,
        summary: str = "",
        autosave_id: int | None = None,
    ) -> None:
        super().__init__(article, by=by)
        self.adding = article.pk is None or article._state.adding
        self.expected_version = expected_version
        self.write = write or (lambda article: article.save())
        # A write of its own may change the bylines, tags or related links.
        self.rewrites_relations = write is not None
        self._summary = summary or str(_("Created") if self.adding else _("Edited"))
        self.autosave_id = autosave_id

    def check(self, article: Article) -> None:
        allowed = (
            self.by.is_active and self.by.has_perm("articles.add_article")
            if self.adding
            else can_edit(self.by, article)
        )
        if not allowed:
            raise NotAllowed(_("You are not allowed to edit this piece."))

    def lock(self) -> Article:
        # The caller's copy carries the edit; the stored row is locked until
        # the save commits, and its version compared.
        article = self.article
        if self.adding:
            return article
        if self.rewrites_relations:
            # What is loaded now would be stale after the write.
            current = (
                Article.all_objects.select_for_update()
                .filter(pk=article.pk)
                .values_list("version", flat=True)
                .get()
            )
        else:
            stored = lock(article.pk)
            current = stored.version
            # Unchanged by this write: the revision and the invalidation
            # read them from here.
            article._prefetched_objects_cache = stored._prefetched_objects_cache
            if stored.section_id == article.section_id:
                article.section = stored.section
        expected = self.expected_version
        if expected is not None and expected != current:
            raise EditConflict(expected, current)
        return article

    def act(self, article: Article) -> None:
        if self.adding and article.created_by_id is None:
            article.created_by = self.by
        self.write(article)
        autosave.discard(self.by, article=article, autosave_id=self.autosave_id)

    def summary(self) -> str:
        return self._summary


class RestoreRevision(ArticleAction):
    """Bring back an old revision's content as a new version: history is
    never rewritten."""

    name = "restore_revision"

    def __init__(
        self, revision: Revision, *, by: AbstractBaseUser, summary: str | None = None
    ) -> None:
        super().__init__(revision.article, by=by)
        self.old = revision
        self._summary = summary or f"Restored version {revision.version}"

    def check(self, article: Article) -> None:
        if not can_edit(self.by, article):
            raise NotAllowed(_("You are not allowed to edit this piece."))

    def act(self, article: Article) -> None:
        revisions.apply(self.old, article)
        _forget_loaded(article)

    def summary(self) -> str:
        return self._summary


class StartTranslation(ArticleAction):
    """A new draft in `language` copying `original`'s story, for a
    translator: only for someone who may create pieces."""

    name = "start_translation"

    def __init__(
        self,
        original: Article,
        *,
        language: str,
        by: AbstractBaseUser,
        summary: str = "",
    ) -> None:
        super().__init__(original, by=by)
        self.language = language
        self._summary = summary or str(_("Translation started"))

    def check(self, article: Article) -> None:
        if not (self.by.is_active and self.by.has_perm("articles.add_article")):
            raise NotAllowed(_("You are not allowed to start translations."))
        if (
            self.language not in dict(settings.LANGUAGES)
            or self.language == article.language
        ):
            raise WorkflowError(_("Choose another language."))

    def lock(self) -> Article:
        # The group's version in that language, if any, is what is locked
        # (translations.copy_story); the original is only read.
        return self.article

    def act(self, article: Article) -> None:
        self.copy = translations.copy_story(article, self.language, self.by)

    def summary(self) -> str:
        return self._summary

    def execute(self) -> Article:
        self.check(self.article)
        with transaction.atomic(), invalidation.gathered():
            self.act(self.article)
            copy = self.copy
            self.revision = revisions.record_revision(
                copy, by=self.by, summary=self.summary()
            )
            transaction.on_commit(partial(self.signal, copy))
        return copy


# State ----------------------------------------------------------------------


class TakeStep(ArticleAction):
    """One step of the workflow's transition table (`workflow.ACTIONS`):
    the state changes, `change` does the step's own part (a publish time, a
    kill reason, a correction), and the step and a revision are recorded."""

    records_step = True

    def __init__(
        self,
        article: Article,
        action: Action,
        *,
        by: AbstractBaseUser,
        comment: str = "",
        change: Callable[[Article], None] | None = None,
    ) -> None:
        super().__init__(article, by=by)
        self.action = action
        self.name = action.name
        self.comment = comment
        self.change = change

    def check(self, article: Article) -> None:
        check_step(article, self.action.name, by=self.by)

    def act(self, article: Article) -> None:
        article.status = self.action.target
        if self.change is not None:
            self.change(article)
        article.save()
        if self.action.withdraws:
            previews.revoke_all([article])

    def summary(self) -> str:
        return str(self.action.label)


class _TrashStep(ArticleAction):
    """Into the trash or out of it: not a change of the content (no new
    version or revision), but a step on record."""

    records_step = True
    records_revision = False
    deleting: bool

    def check(self, article: Article) -> None:
        if not is_editor(self.by):
            raise NotAllowed(
                _("You are not allowed to do this: %(action)s.") % {"action": self.name}
            )
        if (article.deleted_at is not None) == self.deleting:
            raise WorkflowError(
                _("This piece is already deleted.")
                if self.deleting
                else _("This piece is not deleted.")
            )

    def lock(self) -> Article:
        # Neither checks nor records read its relations; invalidation reads
        # the few it needs.
        return Article.all_objects.select_for_update().get(pk=self.article.pk)

    def act(self, article: Article) -> None:
        article.deleted_at = timezone.now() if self.deleting else None
        article.deleted_by = self.by if self.deleting else None
        article.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
        if self.deleting:
            previews.revoke_all([article])


class Trash(_TrashStep):
    """Move a piece to the trash: gone from every reader surface and the
    admin's lists, restorable by an editor, purged only by a superuser."""

    name = "delete"
    deleting = True


class Restore(_TrashStep):
    """Take a piece out of the trash, in the state it was deleted in."""

    name = "restore"
    deleting = False
