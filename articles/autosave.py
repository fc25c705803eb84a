"""Autosave: a writer's unsaved article form, kept while they type.

The copy is the writer's own (`Autosave`, one per writer and piece, or one
per form for a new piece). It never touches the article: a live piece does
not show half-typed text to readers, no revision or version is spent on it,
and nobody else's form is told of a save that did not happen. Saving the
form deletes it; opening the piece again brings it back into the form.

Values are kept as the form's widgets read them from the request, so the
form can show them again as typed. Text is kept even when it would not
validate yet (a headline still too long is still the writer's text); the
body is sanitised as a save sanitises it, NUL characters (which PostgreSQL
cannot store) are dropped, and a choice that does not validate (a section
that no longer exists) is left out rather than shown.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone

from .models import Article, Autosave
from .sanitize import sanitize_body

# Not the writer's content: the concurrency check's version and the form's
# own bookkeeping.
SKIPPED = {"expected_version"}


def _without_nul(value):
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list | tuple):
        return [_without_nul(item) for item in value]
    return value


def form_values(form_class: type[forms.BaseForm], data: QueryDict) -> dict:
    """The values of `form_class`'s fields in posted `data`, safe to keep."""
    values = {}
    for name, field in form_class.base_fields.items():
        if name in SKIPPED or field.disabled:
            continue
        value = _without_nul(field.widget.value_from_datadict(data, {}, name))
        if isinstance(field, forms.CharField):
            if name == "body" and isinstance(value, str):
                value = sanitize_body(value)
            values[name] = value
            continue
        if value not in field.empty_values:
            try:
                field.clean(value)
            except ValidationError:
                continue
        values[name] = value
    return values


def keep(
    *,
    user: AbstractBaseUser,
    article: Article | None,
    values: dict,
    base_version: int | None,
    autosave_id: int | None = None,
) -> Autosave:
    """Store `values` as `user`'s unsaved copy of `article` (None: a new piece).

    For a new piece, `autosave_id` names the copy this form saved before;
    without it (or when it is not the user's) a new copy starts.
    """
    now = timezone.now()
    fields = {"data": values, "base_version": base_version, "saved_at": now}
    if article is None:
        updated = 0
        if autosave_id is not None:
            updated = Autosave.objects.filter(
                pk=autosave_id, user=user, article=None
            ).update(**fields)
        if updated:
            return Autosave.objects.get(pk=autosave_id)
        return Autosave.objects.create(user=user, article=None, **fields)
    try:
        with transaction.atomic():
            autosave, _created = Autosave.objects.update_or_create(
                user=user, article=article, defaults=fields
            )
    except IntegrityError:
        # Two autosaves of one form crossed: the other one created the row.
        autosave, _created = Autosave.objects.update_or_create(
            user=user, article=article, defaults=fields
        )
    return autosave


def for_article(user: AbstractBaseUser, article: Article) -> Autosave | None:
    return Autosave.objects.filter(user=user, article=article).first()


def new_pieces(user: AbstractBaseUser) -> list[Autosave]:
    """The user's unsaved new pieces, newest first."""
    return list(Autosave.objects.filter(user=user, article=None)[:10])


def parse_id(value: object) -> int | None:
    """A posted id, or None for anything a database key could not be."""
    text = str(value or "")
    if not text.isdecimal() or len(text) > 18:
        return None
    return int(text)


def new_piece(user: AbstractBaseUser, autosave_id: object) -> Autosave | None:
    pk = parse_id(autosave_id)
    if pk is None:
        return None
    return Autosave.objects.filter(pk=pk, user=user, article=None).first()


def discard(
    user: AbstractBaseUser,
    *,
    article: Article | None = None,
    autosave_id: object = None,
) -> None:
    """Forget the user's copy: the piece was saved, or they chose to."""
    if article is not None:
        Autosave.objects.filter(user=user, article=article).delete()
    pk = parse_id(autosave_id)
    if pk is not None:
        Autosave.objects.filter(pk=pk, user=user).delete()
