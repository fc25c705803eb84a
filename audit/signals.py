"""Receivers that write the audit trail: group membership, permissions of
users and groups, staff or superuser status, pictures uploaded, changed or
deleted, and the workflow steps of a purged piece (the trail reads the
others from the workflow: `models.WorkflowStep`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)

from .context import current_actor
from .models import AuditEntry

STATUS_FIELDS = ("is_staff", "is_superuser", "is_active")
# What readers see of a picture. A replaced file keeps its old name here,
# and the old file stays in storage, so the picture can be put back.
IMAGE_FIELDS = (
    "file",
    "title",
    "alt_text",
    "caption",
    "translations",
    "credit",
    "focal_x",
    "focal_y",
)


def record(*, kind: str, target, change: str, actor=None) -> AuditEntry:
    actor = actor if actor is not None else current_actor()
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "system",
        kind=kind,
        target_type=target._meta.label,
        target_id=str(target.pk),
        target=str(target)[:255],
        change=change,
    )


def _names(model, pks) -> str:
    if model is Permission:
        rows = model.objects.filter(pk__in=pks).select_related("content_type")
        names = [f"{p.content_type.app_label}.{p.codename}" for p in rows]
    else:
        names = [str(row) for row in model.objects.filter(pk__in=pks)]
    return ", ".join(sorted(names))


def _m2m_receiver(kind: str, label: str):
    def receiver(sender, instance, action, reverse, model, pk_set, **kwargs):
        if action == "pre_clear":
            # pk_set is empty on clear: note what is about to go.
            instance._audit_cleared = set(_related_pks(sender, instance))
            return
        if action not in {"post_add", "post_remove", "post_clear"}:
            return
        if action == "post_clear":
            pk_set = getattr(instance, "_audit_cleared", set())
            verb = "removed"
        else:
            verb = "added" if action == "post_add" else "removed"
        if not pk_set:
            return
        if reverse:
            # e.g. group.user_set.add(user): one entry per user changed.
            for target in model.objects.filter(pk__in=pk_set):
                record(kind=kind, target=target, change=f"{label} {verb}: {instance}")
        else:
            record(
                kind=kind,
                target=instance,
                change=f"{label} {verb}: {_names(model, pk_set)}",
            )

    return receiver


def _related_pks(through, instance) -> list:
    """The pks on the other side of `through` for `instance`."""
    fields = [f for f in through._meta.get_fields() if getattr(f, "many_to_one", False)]
    mine, other = (
        (f, g)
        for f in fields
        for g in fields
        if f is not g and isinstance(instance, f.related_model)
    ).__next__()
    return list(
        through.objects.filter(**{mine.name: instance}).values_list(
            other.attname, flat=True
        )
    )


def _remembering(fields: tuple[str, ...], attribute: str):
    """A pre_save receiver that keeps the saved row's `fields` on the
    instance as `attribute`, for its post_save receiver to compare."""

    def remember(sender, instance, raw=False, **kwargs):
        saved = None
        if not raw and instance.pk is not None:
            saved = sender.objects.filter(pk=instance.pk).values(*fields).first()
        setattr(instance, attribute, saved)

    return remember


remember_status = _remembering(STATUS_FIELDS, "_audit_status")


def record_status(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = None if created else getattr(instance, "_audit_status", None)
    changes = []
    for field in STATUS_FIELDS:
        now = getattr(instance, field)
        was = before[field] if before else (None if created else now)
        if created:
            if field != "is_active" and now:
                changes.append(f"{field} set")
        elif was != now:
            changes.append(f"{field} {'set' if now else 'cleared'}")
    if changes:
        record(kind=AuditEntry.Kind.STATUS, target=instance, change=", ".join(changes))


def keep_workflow_steps(sender, instance, **kwargs):
    """A piece is being purged and its workflow steps with it: the trail,
    which reads them from the workflow, keeps them as entries of its own."""
    from .models import WorkflowStep

    steps = (
        WorkflowStep.objects.filter(article=instance)
        .select_related("by")
        .order_by("at", "pk")
    )
    AuditEntry.objects.bulk_create(
        AuditEntry(
            at=step.at,
            actor=step.by,
            actor_name=step.by.get_username() if step.by else "system",
            kind=AuditEntry.Kind.WORKFLOW,
            target_type=instance._meta.label,
            target_id=str(instance.pk),
            target=str(instance)[:255],
            change=step.change,
        )
        for step in steps
    )


remember_image = _remembering(IMAGE_FIELDS, "_audit_image")


def _shown(value) -> str:
    text = str(value)
    return repr(text if len(text) <= 200 else f"{text[:199]}…")


def record_image(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if created:
        record(kind=AuditEntry.Kind.IMAGE, target=instance, change="uploaded")
        return
    before = getattr(instance, "_audit_image", None)
    if before is None:
        return
    changes = []
    for field in IMAGE_FIELDS:
        if update_fields is not None and field not in update_fields:
            continue
        now = getattr(instance, field)
        now = getattr(now, "name", now)
        if before[field] != now:
            name = sender._meta.get_field(field).verbose_name
            changes.append(f"{name}: {_shown(before[field])} → {_shown(now)}")
    if changes:
        record(kind=AuditEntry.Kind.IMAGE, target=instance, change="; ".join(changes))


def record_image_deleted(sender, instance, **kwargs):
    record(kind=AuditEntry.Kind.IMAGE, target=instance, change="deleted")


def connect() -> None:
    from articles.models import Article
    from images.models import Image

    user = get_user_model()
    m2m_changed.connect(
        _m2m_receiver(AuditEntry.Kind.GROUPS, "groups"),
        sender=user.groups.through,
        dispatch_uid="audit_groups",
        weak=False,
    )
    m2m_changed.connect(
        _m2m_receiver(AuditEntry.Kind.USER_PERMISSIONS, "permissions"),
        sender=user.user_permissions.through,
        dispatch_uid="audit_user_permissions",
        weak=False,
    )
    m2m_changed.connect(
        _m2m_receiver(AuditEntry.Kind.GROUP_PERMISSIONS, "permissions"),
        sender=Group.permissions.through,
        dispatch_uid="audit_group_permissions",
        weak=False,
    )
    pre_save.connect(remember_status, sender=user, dispatch_uid="audit_status_pre")
    post_save.connect(record_status, sender=user, dispatch_uid="audit_status_post")
    pre_delete.connect(
        keep_workflow_steps, sender=Article, dispatch_uid="audit_purged_steps"
    )
    pre_save.connect(remember_image, sender=Image, dispatch_uid="audit_image_pre")
    post_save.connect(record_image, sender=Image, dispatch_uid="audit_image_post")
    post_delete.connect(
        record_image_deleted, sender=Image, dispatch_uid="audit_image_delete"
    )
