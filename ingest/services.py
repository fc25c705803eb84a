"""Ingest's actions: poll a source, store what it sent, make drafts from it.

The worker (`ingest.tasks`), the admin and the demo all call these. Polling
never raises: whatever goes wrong with one source (unreachable, 500, too
large, malformed or hostile XML or JSON, a bug in a parser) is written on
that source as its state and reason, and the next source is polled.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.actions import EditArticle, StartTranslation
from articles.models import Article
from articles.sanitize import sanitize_body
from editions import name as edition_name

from . import duplicates, fetching, parsers
from .models import IncomingItem, IncomingVersion, ItemUse, Source

logger = logging.getLogger(__name__)

USE_PERMISSION = "ingest.use_incomingitem"


class IngestError(Exception):
    """A request the desk made cannot be done; the message says why."""


class AlreadyUsed(IngestError):
    def __init__(self, use: ItemUse):
        super().__init__(
            _("There is already a draft from this item in %(edition)s: “%(headline)s”.")
            % {
                "edition": edition_name(use.article.language),
                "headline": use.article.headline,
            }
        )
        self.use = use


@dataclass
class PollResult:
    source: Source
    ok: bool
    not_modified: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    error: str = ""
    files: list[str] = field(default_factory=list)


# Polling


def due_sources(*, now: datetime | None = None):
    now = now or timezone.now()
    return Source.objects.filter(enabled=True, next_poll_at__lte=now).order_by(
        "next_poll_at"
    )


def claim_due_sources(*, now: datetime | None = None) -> list[int]:
    """The ids of the due sources, each claimed by moving its next poll on,
    if nobody did since it was read: two workers never poll one source at
    once, and a claimed source whose poll is lost is due again after its
    interval."""
    now = now or timezone.now()
    claimed = []
    for source_id, next_poll_at, interval in due_sources(now=now).values_list(
        "pk", "next_poll_at", "poll_interval"
    ):
        if Source.objects.filter(pk=source_id, next_poll_at=next_poll_at).update(
            next_poll_at=now + timedelta(seconds=interval)
        ):
            claimed.append(source_id)
    return claimed


def poll_due_sources(*, now: datetime | None = None) -> list[PollResult]:
    """Poll every enabled source whose time has come, each on its own."""
    now = now or timezone.now()
    return [
        poll_source(source=source, now=now)
        for source in Source.objects.filter(pk__in=claim_due_sources(now=now))
    ]


def poll_source(*, source: Source, now: datetime | None = None) -> PollResult:
    """Fetch, parse and store one source; record success or the failure."""
    now = now or timezone.now()
    try:
        if source.kind == Source.Kind.FOLDER:
            result = _poll_folder(source=source, now=now)
        else:
            result = _poll_http(source=source, now=now)
    except (fetching.FetchError, parsers.ParseError, IngestError) as error:
        result = PollResult(source=source, ok=False, error=str(error))
    except Exception as error:  # The worker outlives any one source's surprise.
        logger.exception("Polling source %s failed", source.pk)
        result = PollResult(
            source=source, ok=False, error=f"Unexpected error: {error!r}"
        )
    _record(source=source, result=result, now=now)
    return result


def _record(*, source: Source, result: PollResult, now: datetime) -> None:
    if result.ok:
        source.state = Source.State.OK
        source.failures = 0
        source.last_success_at = now
    else:
        source.state = Source.State.FAILING
        source.failures += 1
        source.last_error = result.error[:2000]
        source.last_error_at = now
    source.next_poll_at = now + source.backoff(source.failures)
    Source.objects.filter(pk=source.pk).update(
        state=source.state,
        failures=source.failures,
        last_success_at=source.last_success_at,
        last_error=source.last_error,
        last_error_at=source.last_error_at,
        next_poll_at=source.next_poll_at,
        etag=source.etag,
        last_modified=source.last_modified,
    )


def _poll_http(*, source: Source, now: datetime) -> PollResult:
    if not source.url:
        raise IngestError(_("The source has no address."))
    headers = {}
    if source.api_key:
        headers["Authorization"] = f"Bearer {source.api_key}"
    fetched = fetching.fetch(
        url=source.url,
        etag=source.etag,
        last_modified=source.last_modified,
        headers=headers,
    )
    if fetched.not_modified:
        return PollResult(source=source, ok=True, not_modified=True)
    items = parsers.parse(source.kind, fetched.body)
    result = store_items(source=source, items=items, now=now)
    # The validators are kept only once the body is stored: a failed parse
    # asks for the whole document again next time.
    source.etag, source.last_modified = fetched.etag, fetched.last_modified
    return result


def ingest_document(
    *,
    source: Source,
    data: bytes,
    etag: str = "",
    last_modified: str = "",
    error: str = "",
    now: datetime | None = None,
) -> PollResult:
    """Store a document the source's address answered with, fetched some
    other way (the demo renders its own feeds in-process), and record the
    outcome on the source as a poll would; `error` records a failed fetch."""
    now = now or timezone.now()
    if error:
        result = PollResult(source=source, ok=False, error=error)
        _record(source=source, result=result, now=now)
        return result
    try:
        result = store_items(
            source=source, items=parsers.parse(source.kind, data), now=now
        )
        source.etag, source.last_modified = etag, last_modified
    except parsers.ParseError as error:
        result = PollResult(source=source, ok=False, error=str(error))
    _record(source=source, result=result, now=now)
    return result


def drop_root() -> Path:
    """Drop folders must live under this directory."""
    return Path(
        getattr(settings, "INGEST_DROP_ROOT", settings.BASE_DIR / "var" / "ingest")
    ).resolve()


def _poll_folder(*, source: Source, now: datetime) -> PollResult:
    root = drop_root()
    folder = (root / source.folder).resolve()
    if not folder.is_relative_to(root) or folder == root:
        raise IngestError(
            _("The drop folder must be a directory inside %(root)s.") % {"root": root}
        )
    if not folder.is_dir():
        raise IngestError(_("No such folder: %(folder)s.") % {"folder": folder})
    total = PollResult(source=source, ok=True)
    errors = []
    limit = fetching.max_bytes()
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.suffix.lower() not in {".xml", ".json"}:
            continue
        try:
            if path.stat().st_size > limit:
                raise IngestError(
                    _("%(name)s is larger than %(limit)s bytes.")
                    % {"name": path.name, "limit": f"{limit:,}"}
                )
            items = parsers.parse("folder", path.read_bytes())
            result = store_items(source=source, items=items, now=now)
        except (parsers.ParseError, IngestError, OSError) as error:
            errors.append(f"{path.name}: {error}")
            _move(path, folder / "failed")
            continue
        total.created += result.created
        total.updated += result.updated
        total.unchanged += result.unchanged
        total.files.append(path.name)
        _move(path, folder / "done")
    if errors:
        total.ok, total.error = False, "; ".join(errors)
    return total


def _move(path: Path, directory: Path) -> None:
    directory.mkdir(exist_ok=True)
    shutil.move(path, directory / path.name)


# Storing


def _content_hash(item: parsers.ParsedItem, body: str) -> str:
    parts = [
        item.headline,
        item.lead,
        body,
        item.dateline,
        item.status,
        str(item.urgency),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def store_items(
    *, source: Source, items: list[parsers.ParsedItem], now: datetime
) -> PollResult:
    """Create new items, update changed ones in place keeping the version
    they replace, and leave unchanged ones alone (a re-poll is harmless)."""
    result = PollResult(source=source, ok=True)
    for parsed in items:
        body = sanitize_body(parsed.body)
        digest = _content_hash(parsed, body)
        values = {
            "headline": parsed.headline[:500],
            "lead": parsed.lead,
            "body": body,
            "dateline": parsed.dateline[:200],
            "byline": parsed.byline[:300],
            "link": parsed.link[:1000],
            "language": parsed.language[:20],
            "urgency": parsed.urgency,
            "sent_at": parsed.sent_at,
            "match_key": duplicates.normalise(parsed.headline),
            "content_hash": digest,
        }
        with transaction.atomic():
            item = (
                IncomingItem.objects.select_for_update()
                .filter(source=source, guid=parsed.guid[:500])
                .first()
            )
            if item is None:
                item = IncomingItem.objects.create(
                    source=source,
                    guid=parsed.guid[:500],
                    received_at=now,
                    updated_at=now,
                    status=parsed.status,
                    **values,
                )
                duplicates.group_item(item)
                result.created += 1
                continue
            if item.content_hash == digest:
                result.unchanged += 1
                continue
            IncomingVersion.objects.create(
                item=item,
                version=item.version,
                received_at=item.updated_at,
                sent_at=item.sent_at,
                status=item.status,
                urgency=item.urgency,
                headline=item.headline,
                lead=item.lead,
                body=item.body,
                dateline=item.dateline,
            )
            for name, value in values.items():
                setattr(item, name, value)
            # A later version is a correction unless the source withdrew it.
            item.status = (
                IncomingItem.Status.KILLED
                if parsed.status == parsers.KILLED
                else IncomingItem.Status.CORRECTED
            )
            item.version += 1
            item.updated_at = now
            item.save()
            result.updated += 1
    return result


# Drafts from the queue


def _check_may_use(by: AbstractBaseUser) -> None:
    if not (by.has_perm(USE_PERMISSION) and by.has_perm("articles.add_article")):
        raise PermissionDenied(_("You may not make drafts from incoming items."))


def _existing_use(item: IncomingItem, language: str) -> ItemUse | None:
    return (
        ItemUse.objects.select_related("article")
        .filter(item=item, article__language=language)
        .first()
    )


def _credit(item: IncomingItem) -> str:
    return item.source.name[:200]


def _summary(item: IncomingItem) -> str:
    return _("From the wire: %(source)s") % {"source": _credit(item)}


@transaction.atomic
def use_as_draft(
    *, item: IncomingItem, by: AbstractBaseUser, language: str | None = None
) -> Article:
    """A draft article from the item, in the source's edition unless told.

    It carries the item's text and dateline, credits the source, and is
    remembered with the item (`ItemUse`), which keeps the link to the
    original and raises the desk's alert when the source changes the item.
    """
    _check_may_use(by)
    if item.status == IncomingItem.Status.KILLED:
        raise IngestError(_("The source killed this item; it cannot be used."))
    language = language or item.source.language
    if existing := _existing_use(item, language):
        raise AlreadyUsed(existing)
    article = Article(
        headline=item.headline[:255],
        lead=item.lead,
        body=item.body,
        dateline_city=item.dateline[:100],
        source=_credit(item),
        section_id=item.source.section_id,
        language=language,
        urgency=item.urgency or 5,
        status=Article.Status.DRAFT,
        created_by=by,
    )
    EditArticle(article, by=by, summary=_summary(item)).execute()
    ItemUse.objects.create(
        item=item, article=article, item_version=item.version, created_by=by
    )
    return article


@transaction.atomic
def translate_item(
    *, item: IncomingItem, language: str, by: AbstractBaseUser
) -> Article:
    """A draft of the item in another edition, for a translator.

    When a draft from the item already exists in another edition, the new
    one joins that story as its translation (`StartTranslation`), so the
    versions are linked like any other translation; otherwise it is a new
    draft carrying the source's text, to be translated in place.
    """
    _check_may_use(by)
    if language not in dict(settings.LANGUAGES):
        raise IngestError(_("No such edition: %(code)s.") % {"code": language})
    if existing := _existing_use(item, language):
        raise AlreadyUsed(existing)
    other = (
        ItemUse.objects.select_related("article")
        .filter(item=item, article__deleted_at__isnull=True)
        .exclude(article__language=language)
        .order_by("created_at")
        .first()
    )
    if other is None:
        return use_as_draft(item=item, by=by, language=language)
    article = StartTranslation(
        other.article, language=language, by=by, summary=_summary(item)
    ).execute()
    ItemUse.objects.create(
        item=item, article=article, item_version=item.version, created_by=by
    )
    return article


def acknowledge(*, use: ItemUse, by: AbstractBaseUser) -> ItemUse:
    """The editor has seen the source's change and decided: the alert goes."""
    if not by.has_perm("articles.change_article"):
        raise PermissionDenied
    ItemUse.objects.filter(pk=use.pk).update(
        acknowledged_version=use.item.version, acknowledged_by=by
    )
    use.acknowledged_version, use.acknowledged_by = use.item.version, by
    return use
