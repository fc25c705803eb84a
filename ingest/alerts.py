"""The desk's alerts: a source changed or killed an item a draft was made from.

The alert stays until an editor marks it seen (`services.acknowledge`); the
article itself is not touched: the editor decides whether to correct, kill
or keep it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from articles.models import Article

from .models import IncomingItem, ItemUse

ROWS = 20


def pending_q() -> Q:
    """Uses whose item has a version newer than the draft and than the
    editor's last decision, on articles still on the desk (not trashed,
    not already killed)."""
    return (
        Q(item__version__gt=F("item_version"))
        & Q(item__version__gt=F("acknowledged_version"))
        & Q(article__deleted_at__isnull=True)
        & ~Q(article__status=Article.Status.KILLED)
    )


@dataclass
class WireAlert:
    use: ItemUse
    message: str
    at: datetime

    @property
    def killed(self) -> bool:
        return self.use.item.status == IncomingItem.Status.KILLED


def message(item: IncomingItem) -> str:
    moment = time_format(timezone.localtime(item.updated_at), "H:i")
    if item.status == IncomingItem.Status.KILLED:
        return _("The source killed this item at %(time)s.") % {"time": moment}
    return _("The source corrected this item at %(time)s (version %(version)s).") % {
        "time": moment,
        "version": item.version,
    }


def desk_alerts(*, language: str = "") -> tuple[list[WireAlert], int]:
    """The newest pending alerts (at most `ROWS`) and how many there are."""
    uses = ItemUse.objects.filter(pending_q())
    if language:
        uses = uses.filter(article__language=language)
    rows = list(
        uses.select_related("item__source", "article")
        .defer("item__body", "article__body")
        .order_by("-item__updated_at", "-pk")[:ROWS]
    )
    alerts = [
        WireAlert(use=use, message=message(use.item), at=use.item.updated_at)
        for use in rows
    ]
    return alerts, (len(rows) if len(rows) < ROWS else uses.count())


def alerts_for_article(article: Article) -> list[WireAlert]:
    return [
        WireAlert(use=use, message=message(use.item), at=use.item.updated_at)
        for use in ItemUse.objects.filter(pending_q(), article=article).select_related(
            "item__source", "article"
        )
    ]
