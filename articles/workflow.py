"""The editorial workflow: one transition table and one function per verb.

Every state change of an article goes through a function here, whether it
comes from an admin button, a bulk action, the shell or a test. Each checks
the user's permission and the article's state, raises `WorkflowError` naming
the allowed states and changes nothing when either fails, runs in a
transaction with the row locked, records the step and a revision, and defers
side effects to `transaction.on_commit`: each is an `actions.TakeStep`, the
skeleton every write to an article shares (articles/actions.py).

States readers care about are derived from the stored status and the clock:
a published piece whose publish time is in the future is *scheduled*
(embargoed) and becomes *live* at that time with no job running.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from images.models import RenditionStatus

from . import invalidation, previews
from .models import Article, Correction, SlugRedirect
from .querysets import is_embargoed, is_published
from .revisions import bylines_in_order, related_links_in_order
from .translations import group_q

Status = Article.Status

# Fired on commit after every transition, for cache purges and the like.
article_transitioned = Signal()

DRAFT, SUBMITTED, RETURNED = "draft", "submitted", "returned"
SCHEDULED, LIVE, KILLED = "scheduled", "live", "killed"
STAGE_LABELS = {
    DRAFT: _("Draft"),
    SUBMITTED: _("Submitted"),
    RETURNED: _("Returned"),
    SCHEDULED: _("Scheduled"),
    LIVE: _("Published"),
    KILLED: _("Killed"),
}


class WorkflowError(Exception):
    """A transition that is not allowed; nothing was changed."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        message = str(message)  # lazy translations become text here
        super().__init__(message)
        self.message = message
        self.problems = problems or []

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return f"{self.message} " + "; ".join(self.problems)


class NotAllowed(WorkflowError):
    """The user lacks the permission for this transition."""


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    permission: str | None  # None: the author's own piece, or an editor's
    # Takes the piece away from readers: its preview links end with it.
    withdraws: bool = False
    # What the step cannot be taken without ("comment": a text, "at": a
    # time) and what to say when it is missing: the workflow's functions
    # and the admin's form (TransitionForm) both ask by this.
    needs: str = ""
    missing: str = ""
    # Offered only on pieces for which this answers True, besides its
    # sources and permission (None: wherever those allow it).
    offered_for: Callable[[Article], bool] | None = None

    def __str__(self) -> str:
        return str(self.label)

    def require(self, value: str) -> None:
        """Refuse the step when its needed text is blank."""
        if self.needs and not value.strip():
            raise WorkflowError(self.missing)


ACTIONS: dict[str, Action] = {
    action.name: action
    for action in (
        Action("submit", _("Submit for review"), frozenset({DRAFT, RETURNED}),
               Status.SUBMITTED, None),
        Action("return_to_author", _("Return to author"), frozenset({SUBMITTED}),
               Status.RETURNED, "articles.review_article", needs="comment",
               missing=_("Say what needs fixing: a comment is required.")),
        Action("publish", _("Publish now"), frozenset({DRAFT, SUBMITTED, SCHEDULED}),
               Status.PUBLISHED, "articles.publish_article"),
        Action("schedule", _("Schedule"), frozenset({DRAFT, SUBMITTED, SCHEDULED}),
               Status.PUBLISHED, "articles.publish_article", needs="at",
               missing=_("Choose a date and time.")),
        Action("kill", _("Kill"), frozenset({LIVE, SCHEDULED}),
               Status.KILLED, "articles.kill_article", withdraws=True,
               needs="comment", missing=_("A kill needs a reason.")),
        # Offered from a killed version too, while another one is still out;
        # kill_all_versions() performs a "kill" on each version.
        Action("kill_all_versions", _("Kill all language versions"),
               frozenset({LIVE, SCHEDULED, KILLED}),
               Status.KILLED, "articles.kill_article",
               needs="comment", missing=_("A kill needs a reason."),
               offered_for=lambda article: _kills_more_than_one(article)),
        Action("correct", _("Add correction"), frozenset({LIVE}),
               Status.PUBLISHED, "articles.correct_article",
               needs="comment", missing=_("The note needs a text.")),
    )
}  # fmt: skip


def stage(article: Article, at: datetime | None = None) -> str:
    """Where the piece is: draft, submitted, returned, scheduled, live or killed.

    The trash does not change the stage: a trashed piece shows where a
    restore returns it, and the reader-facing rule (`is_published()`,
    `scheduled()`) is what leaves the trash out.
    """
    if article.status == Status.PUBLISHED:
        return SCHEDULED if is_embargoed(article, at) else LIVE
    return str(article.status)


def is_own(user: AbstractBaseUser, article: Article) -> bool:
    """The user created the piece or is credited on it."""
    if article.pk is None:
        return True
    if article.created_by_id == user.pk:
        return True
    loaded = article.loaded("bylines")
    if loaded is not None:  # with their authors (actions.lock())
        return any(byline.author.user_id == user.pk for byline in loaded)
    return article.bylines.filter(author__user=user).exists()


def is_editor(user: AbstractBaseUser) -> bool:
    return user.has_perm("articles.publish_article")


def can_edit(user: AbstractBaseUser, article: Article | None) -> bool:
    """Editors change any piece that is not killed; journalists only their own
    drafts and returned pieces."""
    if not user.is_active or not user.has_perm("articles.change_article"):
        return False
    if article is None:
        return True
    if user.is_superuser:
        return True
    if article.status == Status.KILLED:
        return False
    if is_editor(user):
        return True
    return article.status in (Status.DRAFT, Status.RETURNED) and is_own(user, article)


def may(user: AbstractBaseUser, action: Action, article: Article) -> bool:
    if action.permission is None:
        return can_edit(user, article)
    return user.is_active and user.has_perm(action.permission)


def allowed_actions(article: Article, user: AbstractBaseUser) -> list[Action]:
    """The transitions this user may perform on this piece right now."""
    current = stage(article)
    return [
        action
        for action in ACTIONS.values()
        if current in action.sources
        and may(user, action, article)
        and (action.offered_for is None or action.offered_for(article))
    ]


def _killable(versions: list[Article]) -> list[Article]:
    kill_from = ACTIONS["kill"].sources
    return [v for v in versions if v.deleted_at is None and stage(v) in kill_from]


def _kills_more_than_one(article: Article) -> bool:
    """Whether "kill all versions" does more than a single kill would: some
    other version of the story is out or scheduled."""
    if article.pk is None:
        return False
    versions = list(
        Article.objects.filter(group_q([article.translation_group_id]))
        .exclude(pk=article.pk)
        .only("status", "published_at", "deleted_at")
    )
    return bool(_killable(versions))


def publication_problems(article: Article, at: datetime) -> list[str]:
    """What would make the published piece show something that is not public."""
    problems = []
    if not article.headline.strip():
        problems.append(str(_("The headline is empty.")))
    if not (article.body.strip() or article.lead.strip()):
        problems.append(str(_("The piece has neither a lead nor a body.")))
    for byline in bylines_in_order(article):
        if not byline.author.is_active:
            problems.append(
                str(_("Author “%(name)s” has no public profile."))
                % {"name": byline.author.name}
            )
    image = article.hero_image
    if article.hero_image_id and (image is None or not image.file):
        problems.append(str(_("The main image has no file.")))
    elif image is not None:
        if not image.alt_text.strip():
            problems.append(str(_("The main image has no alt text.")))
        # Readers and clients must know whose picture it is (issue #19).
        if not image.credit.strip():
            problems.append(str(_("The main image has no credit.")))
        # A picture still processing is published with the piece and shows
        # once its renditions exist; one the worker gave up on never would.
        if image.renditions_status == RenditionStatus.FAILED:
            problems.append(
                str(
                    _(
                        "The main image could not be processed: upload its "
                        "file again or choose another."
                    )
                )
            )
    for link in related_links_in_order(article):
        if not is_published(link.target, at):
            problems.append(
                str(_("Related article “%(headline)s” is not published."))
                % {"headline": link.target.headline}
            )
    # The address may have been taken while the other piece was a draft;
    # published here, it would hide that piece's redirect.
    # `actions.lock()` has asked already whether any is.
    moved = (
        SlugRedirect.objects.taken_from(article.slug, by=article)
        if getattr(article, "slug_is_taken", True)
        else None
    )
    if moved is not None:
        problems.append(
            str(
                _(
                    "The address “%(slug)s” is an old address of “%(headline)s”, "
                    "which readers may know; choose another."
                )
            )
            % {"slug": article.slug, "headline": moved.article.headline}
        )
    return problems


def _check(action: Action, article: Article, by: AbstractBaseUser) -> None:
    current = stage(article)
    if not may(by, action, article):
        raise NotAllowed(
            _("You are not allowed to do this: %(action)s.") % {"action": action.label}
        )
    if current not in action.sources:
        allowed = ", ".join(str(STAGE_LABELS[s]) for s in sorted(action.sources))
        raise WorkflowError(
            _("Cannot %(action)s a piece that is %(stage)s; allowed from: "
              "%(allowed)s.")
            % {
                "action": str(action.label).lower(),
                "stage": str(STAGE_LABELS[current]).lower(),
                "allowed": allowed,
            }
        )  # fmt: skip


def check(article: Article, action_name: str, *, by: AbstractBaseUser) -> Action:
    """The step `by` may take on `article` now, or `NotAllowed`/`WorkflowError`.

    Changes nothing: the admin asks before saving a form whose button takes
    the step, so a refused step leaves the form as typed. The step itself
    checks again, with the row locked. A new piece (no pk) is a draft.
    """
    action = ACTIONS.get(action_name)
    if action is None:
        raise WorkflowError(_("Unknown workflow step."))
    _check(action, article, by)
    return action


def _perform(
    article: Article,
    action: Action,
    *,
    by: AbstractBaseUser,
    comment: str = "",
    change: Callable[[Article], None] | None = None,
) -> Article:
    from .actions import TakeStep

    return TakeStep(article, action, by=by, comment=comment, change=change).execute()


def submit(article: Article, *, by: AbstractBaseUser, comment: str = "") -> Article:
    return _perform(article, ACTIONS["submit"], by=by, comment=comment)


def return_to_author(
    article: Article, *, by: AbstractBaseUser, comment: str
) -> Article:
    ACTIONS["return_to_author"].require(comment)
    return _perform(article, ACTIONS["return_to_author"], by=by, comment=comment)


def _publish_at(article: Article, action: Action, by, at: datetime) -> Article:
    def change(locked: Article) -> None:
        problems = publication_problems(locked, at)
        if problems:
            raise WorkflowError(_("Cannot publish yet:"), problems)
        locked.published_at = at
        if stage(locked) != LIVE or locked.first_published_at is None:
            locked.first_published_at = at
        locked.killed_at = None

    return _perform(article, action, by=by, change=change)


def publish(article: Article, *, by: AbstractBaseUser) -> Article:
    """Publish now: readers see the piece from this moment."""
    return _publish_at(article, ACTIONS["publish"], by, timezone.now())


def schedule(article: Article, *, by: AbstractBaseUser, at: datetime) -> Article:
    """Approve for publication at `at`; the piece is embargoed until then."""
    if at <= timezone.now():
        raise WorkflowError(_("A scheduled time must be in the future."))
    return _publish_at(article, ACTIONS["schedule"], by, at)


def kill(article: Article, *, by: AbstractBaseUser, reason: str) -> Article:
    """Withdraw a piece everywhere: its URL answers 410 Gone from now on.

    Only this language version: its translations stay out (see
    `kill_all_versions` for a legal kill of the story in every language)."""
    ACTIONS["kill"].require(reason)
    return _kill(article, by=by, reason=reason, comment=reason)


def kill_all_versions(
    article: Article, *, by: AbstractBaseUser, reason: str
) -> list[Article]:
    """Withdraw the story in every language at once: the legal kill.

    A single `kill` withdraws one version and leaves the translations out,
    which is right for a mistake in one edition (a bad translation). A legal
    kill (a court order, a retraction) concerns the story, not a language,
    and an agency cannot leave the Russian version out while the English one
    is gone, so this kills every live or scheduled version of the group in
    one transaction: all of them or, if one is refused, none.

    Each version goes through the same `kill` as a single one, so each
    records its own workflow step (kept in the audit trail), revision and
    kill reason, ends its preview links and sends its own signal on commit
    (cache purges, subscribers' cancellations). Versions that were never out
    (drafts, submitted, returned) keep their stage, as they were never
    distributed, but their preview links end too: they carry the withdrawn
    text. A version in the trash is left as it is. Returns the versions
    killed.
    """
    action = ACTIONS["kill_all_versions"]
    action.require(reason)
    with transaction.atomic(), invalidation.gathered():
        # Locked in one order, so two editors killing the story from two
        # versions wait for each other instead of deadlocking.
        versions = list(
            Article.objects.select_for_update()
            .filter(group_q([article.translation_group_id]))
            .order_by("pk")
        )
        # The same check as every step: permission, and the stage of the
        # version it is taken from (not from a draft).
        _check(action, next(v for v in versions if v.pk == article.pk), by)
        killable = _killable(versions)
        if not killable:
            raise WorkflowError(
                _("No version of this story is published or scheduled: "
                  "there is nothing to kill.")
            )  # fmt: skip
        comment = str(
            _("%(reason)s (all language versions killed together)") % {"reason": reason}
        )
        for version in killable:
            _kill(version, by=by, reason=reason, comment=comment)
        # Each kill ended its version's links; the versions never out end
        # theirs too, as they carry the withdrawn text.
        previews.revoke_all([v for v in versions if v not in killable])
    article.refresh_from_db()
    return killable


def _kill(
    article: Article, *, by: AbstractBaseUser, reason: str, comment: str
) -> Article:
    def change(locked: Article) -> None:
        locked.killed_at = timezone.now()
        locked.kill_reason = reason

    return _perform(article, ACTIONS["kill"], by=by, comment=comment, change=change)


def correct(article: Article, *, by: AbstractBaseUser, kind: str, text: str) -> Article:
    """Add a correction, clarification or update note shown above the body."""
    if kind not in Correction.Kind.values:
        raise WorkflowError(
            _("Unknown kind of note; use one of: %(kinds)s.")
            % {"kinds": ", ".join(Correction.Kind.values)}
        )
    ACTIONS["correct"].require(text)

    def change(locked: Article) -> None:
        now = timezone.now()
        Correction.objects.create(
            article=locked, kind=kind, text=text, created_at=now, created_by=by
        )
        locked.revised_at = now

    return _perform(article, ACTIONS["correct"], by=by, comment=text, change=change)


def delete(article: Article, *, by: AbstractBaseUser) -> Article:
    """Move a piece to the trash: gone from every reader surface and the
    admin's lists, restorable by an editor, purged only by a superuser."""
    from .actions import Trash

    return Trash(article, by=by).execute()


def restore(article: Article, *, by: AbstractBaseUser) -> Article:
    """Take a piece out of the trash, in the state it was deleted in."""
    from .actions import Restore

    return Restore(article, by=by).execute()
