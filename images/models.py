from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def original_upload_to(instance: Image, filename: str) -> str:
    # A random name: uploaded file names leak people's names and clash.
    suffix = PurePosixPath(filename).suffix.lower()
    return f"images/{uuid.uuid4().hex}{suffix}"


def rendition_upload_to(instance: Rendition, filename: str) -> str:
    return f"renditions/{instance.image_id}/{filename}"


class Image(models.Model):
    """An image in the shared library, reused by articles and author profiles."""

    file = models.ImageField(
        _("file"),
        upload_to=original_upload_to,
        width_field="width",
        height_field="height",
        help_text=_("JPEG, PNG, WebP or GIF. Location and camera data are removed."),
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("For finding the image in the library; readers do not see it."),
    )
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("Photographer / agency.")
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    focal_x = models.FloatField(
        _("focal point (horizontal)"),
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("0 is the left edge, 1 the right. Crops keep this point."),
    )
    focal_y = models.FloatField(
        _("focal point (vertical)"),
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("0 is the top edge, 1 the bottom."),
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.title


class Rendition(models.Model):
    """A stored, resized or cropped copy of an image, made when the image is saved."""

    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    image = models.ForeignKey(
        Image, on_delete=models.CASCADE, related_name="renditions"
    )
    spec = models.CharField(max_length=32)
    format = models.CharField(max_length=4, choices=Format.choices)
    file = models.ImageField(upload_to=rendition_upload_to, max_length=255)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    class Meta:
        ordering = ["image", "spec", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "spec", "format"], name="unique_rendition_per_spec"
            )
        ]

    def __str__(self) -> str:
        return f"{self.image_id} {self.spec} {self.format} {self.width}x{self.height}"

    @property
    def url(self) -> str:
        return self.file.url
