"""Near-duplicates: the same story from different sources, grouped.

Deliberately simple and explainable to the desk. A headline is reduced to
its words (lower case, punctuation and wire prefixes such as "URGENT:" or
"UPDATE 2-" removed, words of one letter dropped). Two items are the same
story when they come from different sources, arrived within `WINDOW` of
each other, and their headlines share at least `THRESHOLD` of their words
(Jaccard similarity: shared words over all words). An item joins the group
of its best match, or founds a group with it.

The comparison reads at most `CANDIDATES` recent items, so the cost of an
arriving item does not grow with the archive.
"""

from __future__ import annotations

import re
from datetime import timedelta

from .models import DuplicateGroup, IncomingItem

WINDOW = timedelta(hours=12)
THRESHOLD = 0.6
CANDIDATES = 500

_PREFIX = re.compile(
    r"^\s*((urgent|breaking|flash|update\s*\d*|corrected|refile|срочно|təcili)"
    r"\s*[-:–—|]\s*)+",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise(headline: str) -> str:
    """The headline's comparable words, space-separated, sorted."""
    text = _PREFIX.sub("", headline or "").casefold()
    words = {word for word in _WORD.findall(text) if len(word) > 1}
    return " ".join(sorted(words))[:500]


def similarity(first: str, second: str) -> float:
    """Jaccard similarity of two `normalise()`d headlines, 0 to 1."""
    a, b = set(first.split()), set(second.split())
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def group_item(item: IncomingItem) -> DuplicateGroup | None:
    """Put `item` in the group of its closest match from another source."""
    if not item.match_key:
        return None
    moment = item.sent_at or item.received_at
    candidates = (
        IncomingItem.objects.exclude(source_id=item.source_id)
        .exclude(pk=item.pk)
        .filter(received_at__gte=moment - WINDOW, received_at__lte=moment + WINDOW)
        .exclude(match_key="")
        .only("pk", "group_id", "match_key")
        .order_by("-received_at")[:CANDIDATES]
    )
    best, best_score = None, THRESHOLD
    for candidate in candidates:
        score = similarity(item.match_key, candidate.match_key)
        if score >= best_score:
            best, best_score = candidate, score
    if best is None:
        return None
    group_id = best.group_id or DuplicateGroup.objects.create().pk
    if best.group_id is None:
        IncomingItem.objects.filter(pk=best.pk).update(group_id=group_id)
    IncomingItem.objects.filter(pk=item.pk).update(group_id=group_id)
    item.group_id = group_id
    return item.group
