from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One change to who may do what, to where a piece is in the workflow, or
    to a picture in the library.

    Written by signal receivers only; the admin shows it read-only. The
    target is kept as text too, so the entry survives the target's deletion.
    """

    class Kind(models.TextChoices):
        WORKFLOW = "workflow", _("Workflow step")
        GROUPS = "groups", _("Group membership")
        USER_PERMISSIONS = "user_permissions", _("User permissions")
        GROUP_PERMISSIONS = "group_permissions", _("Group permissions")
        STATUS = "status", _("Staff or superuser status")
        IMAGE = "image", _("Picture")

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("by (name)"), max_length=150, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    target_type = models.CharField(_("target type"), max_length=100)
    target_id = models.CharField(_("target id"), max_length=64)
    target = models.CharField(_("target"), max_length=255)
    change = models.TextField(_("change"))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [
            models.Index(
                fields=["target_type", "target_id", "-at"], name="audit_by_target"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.change}"
