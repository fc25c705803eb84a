from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Transition


class AuditEntry(models.Model):
    """One change to who may do what, or to a picture in the library; and a
    workflow step of a piece that was purged.

    Written by signal receivers only. The target is kept as text too, so the
    entry survives the target's deletion. Workflow steps are not copied
    here: the trail reads the workflow's own records (`WorkflowStep`); only
    when a superuser purges a piece, taking its steps along, are they kept
    here.
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


class WorkflowStep(Transition):
    """The workflow's own record of each step (`articles.Transition`), read
    by the trail where it is written rather than copied into it."""

    class Meta:
        proxy = True
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")

    def __str__(self) -> str:
        return f"{self.article}: {self.change}"

    @property
    def change(self) -> str:
        """The step as the trail words it."""
        comment = f" ({self.comment})" if self.comment else ""
        return f"{self.action}: {self.from_status} → {self.to_status}{comment}"
