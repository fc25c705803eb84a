"""Revisions: a snapshot of an article after every save, a readable diff
between any two, and restore as a new revision.

A snapshot holds every content field (`Article.CONTENT_FIELDS`) plus the
ordered byline, the tags and the ordered related articles, as plain JSON,
so old revisions stay readable after the schema moves on.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from authors.models import Author

from .models import Article, Byline, RelatedArticle, Revision

# State and publish time belong to the workflow, not to the text: restoring
# an old revision never unpublishes or reschedules a piece.
RECORDED_ONLY = ["status", "published_at"]


def snapshot(article: Article) -> dict:
    """The content as JSON. Reads what an action loaded with the piece
    (`actions.lock()`: section, bylines, tags, related links) or, for a piece
    loaded without them, queries each."""
    data = {name: getattr(article, name) for name in Article.CONTENT_FIELDS}
    data["status"] = article.status
    data["published_at"] = (
        article.published_at.isoformat() if article.published_at else None
    )
    data["section"] = article.section.name if article.section_id else ""
    data["authors"] = [
        {"id": b.author_id, "name": b.author.name} for b in bylines_in_order(article)
    ]
    tags = article.loaded("tags")
    data["tags"] = sorted(
        [tag.name for tag in tags] if tags is not None else article.tags.names()
    )
    data["related"] = [
        {"id": link.target_id, "headline": link.target.headline}
        for link in related_links_in_order(article)
    ]
    return data


def _in_order(rows) -> list:
    return sorted(rows, key=lambda row: (row.position, row.pk))


def bylines_in_order(article: Article) -> list[Byline]:
    loaded = article.loaded("bylines")
    if loaded is None:
        loaded = article.bylines.select_related("author")
    return _in_order(loaded)


def related_links_in_order(article: Article) -> list[RelatedArticle]:
    loaded = article.loaded("related_links")
    if loaded is None:
        loaded = article.related_links.select_related("target")
    return _in_order(loaded)


def record_revision(
    article: Article, *, by: AbstractBaseUser | None, summary: str = ""
) -> Revision:
    """Keep the article's current content as the revision of its version.

    Called by the actions only (`articles/actions.py`), once per write: each
    write that changes the content saves it once, which gives it a new
    version (`Article.save()`).
    """
    return Revision.objects.create(
        article=article,
        version=article.version,
        created_by=by,
        summary=str(summary)[:200],
        data=snapshot(article),
    )


@dataclass
class FieldChange:
    field: str
    label: str
    old: str
    new: str

    @property
    def html(self) -> SafeString:
        """Word-level diff with <del>/<ins>, everything else escaped."""
        old_words, new_words = self.old.split(), self.new.split()
        parts = []
        matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                parts.append(escape(" ".join(old_words[a1:a2])))
                continue
            if a2 > a1:
                parts.append(format_html("<del>{}</del>", " ".join(old_words[a1:a2])))
            if b2 > b1:
                parts.append(format_html("<ins>{}</ins>", " ".join(new_words[b1:b2])))
        # Every part above is escaped.
        return mark_safe(" ".join(parts))


def _display(field: str, value) -> str:
    if field == "authors":
        return ", ".join(a["name"] for a in value or [])
    if field == "related":
        return "; ".join(r["headline"] for r in value or [])
    if field == "tags":
        return ", ".join(value or [])
    if field == "body":
        # Tags kept as words so a changed subheading level shows up too.
        return (value or "").replace("><", "> <")
    if value is None:
        return ""
    return str(value)


def _label(field: str) -> str:
    extra = {
        "authors": "Authors",
        "tags": "Tags",
        "related": "Related articles",
        "section": "Section",
        "status": "Status",
        "published_at": "Publish time",
    }
    if field in extra:
        return extra[field]
    name = field.removesuffix("_id")
    return str(Article._meta.get_field(name).verbose_name).capitalize()


def diff(old: dict, new: dict) -> list[FieldChange]:
    """The fields that differ between two snapshots, in form order."""
    fields = [f for f in Article.CONTENT_FIELDS if f != "section_id"]
    fields[fields.index("content_type") + 1 : fields.index("content_type") + 1] = [
        "section"
    ]
    fields += ["authors", "tags", "related", *RECORDED_ONLY]
    changes = []
    for field in fields:
        before, after = _display(field, old.get(field)), _display(field, new.get(field))
        if before != after:
            changes.append(FieldChange(field, _label(field), before, after))
    return changes


def _existing(model, pks: list[int]) -> set[int]:
    """Which of `pks` still exist: rows deleted since a snapshot are skipped."""
    return set(model._default_manager.filter(pk__in=pks).values_list("pk", flat=True))


def _target_exists(field_name: str, pk) -> bool:
    if pk is None:
        return True
    model = Article._meta.get_field(field_name.removesuffix("_id")).related_model
    return model._default_manager.filter(pk=pk).exists()


def apply(revision: Revision, article: Article) -> None:
    """Put `revision`'s content on `article` (locked by the caller): its
    fields, byline, tags and related links. Rows deleted since the snapshot
    are left out; a published address never changes."""
    data = revision.data
    for name in Article.CONTENT_FIELDS:
        if name == "slug" and article.first_published_at:
            continue  # a published address never changes
        if name not in data:
            continue
        if name.endswith("_id") and not _target_exists(name, data[name]):
            continue  # deleted since: keep what the piece has now
        setattr(article, name, data[name])
    article.save()
    author_ids = [a["id"] for a in data.get("authors", [])]
    existing_authors = _existing(Author, author_ids)
    article.bylines.all().delete()
    Byline.objects.bulk_create(
        Byline(
            article=article,
            author_id=author_id,
            position=n,
            published_at=article.published_at,
        )
        for n, author_id in enumerate(author_ids)
        if author_id in existing_authors
    )
    article.tags.set(data.get("tags", []))
    target_ids = [r["id"] for r in data.get("related", [])]
    existing_targets = _existing(Article, target_ids)
    article.related_links.all().delete()
    RelatedArticle.objects.bulk_create(
        RelatedArticle(article=article, target_id=target_id, position=n)
        for n, target_id in enumerate(target_ids)
        if target_id in existing_targets
    )


def restore(
    revision: Revision, *, by: AbstractBaseUser, summary: str | None = None
) -> Revision:
    """Bring back an old revision's content as a new revision
    (`actions.RestoreRevision`)."""
    from .actions import RestoreRevision

    action = RestoreRevision(revision, by=by, summary=summary)
    action.execute()
    return action.revision
