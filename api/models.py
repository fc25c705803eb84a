"""Subscribers of the ninjs API and the keys they authenticate with.

A key is shown once, when it is issued; only its SHA-256 digest and a short
prefix (so staff can tell keys apart) are stored. Keys are revoked, never
deleted, so the admin keeps a record of who had access and when.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Subscriber(models.Model):
    """A client newsroom that receives the agency's items through the API."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Contract, contact person, anything.")
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to stop every key of this subscriber at once."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("API subscriber")
        verbose_name_plural = _("API subscribers")

    def __str__(self) -> str:
        return self.name


class ApiKey(models.Model):
    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="keys",
    )
    prefix = models.CharField(
        _("prefix"),
        max_length=16,
        db_index=True,
        editable=False,
        help_text=_("The first characters of the key, to tell keys apart."),
    )
    digest = models.CharField(
        _("SHA-256 digest"), max_length=64, unique=True, editable=False
    )
    label = models.CharField(
        _("label"),
        max_length=100,
        blank=True,
        help_text=_("Where the key is used, e.g. 'production CMS'."),
    )
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_used_at = models.DateTimeField(
        _("last used"), null=True, blank=True, editable=False
    )
    revoked_at = models.DateTimeField(
        _("revoked"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["subscriber", "-created_at", "-pk"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.prefix}…"
