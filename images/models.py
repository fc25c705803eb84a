from __future__ import annotations

import functools
import uuid
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.fields.files import FieldFile
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from editions.translated import Translatable

from . import provenance
from .sanitize import sanitize_upload
from .validators import validate_image_file

# Rendition spec names: "w800" is 800 pixels wide in the original's shape,
# "16:9-800" an 800-pixel-wide crop around the focal point, and single-purpose
# renditions have plain names.
SOCIAL_CARD_SPEC = "social"

# What renditions are made from: a save that changes none of these keeps the
# existing renditions. The rights fields are embedded in every rendition, so
# a corrected credit must reach the files readers download.
RENDITION_INPUTS = (
    "file",
    "focal_x",
    "focal_y",
    "creator",
    "credit",
    "copyright_notice",
    "licence_url",
    "source",
    "digital_source_type",
)


_IPTC = provenance.DIGITAL_SOURCE_TYPE_BASE


class RenditionStatus(models.TextChoices):
    """Where an image's renditions are: the background worker makes them
    after the upload (images/tasks.py), and readers see a picture only once
    they exist."""

    # A new file: no renditions of it yet, so readers see no picture.
    PROCESSING = "processing", _("processing")
    # A new focal point or rights: readers see the previous renditions
    # until the new ones replace them.
    UPDATING = "updating", _("updating")
    READY = "ready", _("ready")
    # The worker gave up (retries exhausted): readers see no picture.
    FAILED = "failed", _("failed")


# Statuses whose renditions readers are shown.
SHOWN_STATUSES = frozenset({RenditionStatus.READY, RenditionStatus.UPDATING})
# Statuses the worker still has to make renditions for.
DUE_STATUSES = frozenset({RenditionStatus.PROCESSING, RenditionStatus.UPDATING})


class DigitalSourceType(models.TextChoices):
    """How a picture was made: IPTC NewsCodes "Digital Source Type"
    (https://cv.iptc.org/newscodes/digitalsourcetype/), stored as the URI
    photo tools write in Iptc4xmpExt:DigitalSourceType.

    The retired codes (minorHumanEdits, digitalArt, softwareImage) are kept
    because archives and older tools still write them.
    """

    DIGITAL_CAPTURE = _IPTC + "digitalCapture", _("Original digital capture")
    COMPUTATIONAL_CAPTURE = (
        _IPTC + "computationalCapture",
        _("Computational capture (e.g. phone night mode)"),
    )
    NEGATIVE_FILM = _IPTC + "negativeFilm", _("Digitised from a negative on film")
    POSITIVE_FILM = _IPTC + "positiveFilm", _("Digitised from a positive on film")
    PRINT = _IPTC + "print", _("Digitised from a print")
    HUMAN_EDITS = _IPTC + "humanEdits", _("Human-edited media")
    MINOR_HUMAN_EDITS = (
        _IPTC + "minorHumanEdits",
        _("Original media with minor human edits (retired code)"),
    )
    COMPOSITE_CAPTURE = _IPTC + "compositeCapture", _("Composite of captured elements")
    ALGORITHMICALLY_ENHANCED = (
        _IPTC + "algorithmicallyEnhanced",
        _("Algorithmically enhanced media"),
    )
    SCREEN_CAPTURE = _IPTC + "screenCapture", _("Screen capture")
    DATA_DRIVEN_MEDIA = _IPTC + "dataDrivenMedia", _("Data-driven media (e.g. chart)")
    DIGITAL_CREATION = _IPTC + "digitalCreation", _("Digital creation by a person")
    DIGITAL_ART = _IPTC + "digitalArt", _("Digital art (retired code)")
    VIRTUAL_RECORDING = _IPTC + "virtualRecording", _("Virtual recording")
    COMPOSITE = _IPTC + "composite", _("Composite of elements")
    COMPOSITE_SYNTHETIC = (
        _IPTC + "compositeSynthetic",
        _("Composite including synthetic elements"),
    )
    TRAINED_ALGORITHMIC_MEDIA = (
        _IPTC + "trainedAlgorithmicMedia",
        _("Created by generative AI (trained algorithmic media)"),
    )
    COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA = (
        _IPTC + "compositeWithTrainedAlgorithmicMedia",
        _("Edited with generative AI (composite with trained algorithmic media)"),
    )
    ALGORITHMIC_MEDIA = (
        _IPTC + "algorithmicMedia",
        _("Pure algorithmic media, no AI training (e.g. fractal)"),
    )
    SOFTWARE_IMAGE = _IPTC + "softwareImage", _("Created by software (retired code)")


# Source types readers are told are AI-generated: made by a generative model
# (trained algorithmic media), edited with one (in- or outpainting), or
# composited with synthetic elements, which IPTC's guidance for labels
# treats as "including generative AI elements". Pure algorithmic media (a
# formula, a fractal) involves no trained model, so calling it AI would be
# false; it is not labelled.
AI_GENERATED_SOURCE_TYPES = frozenset(
    {
        DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA,
        DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
        DigitalSourceType.COMPOSITE_SYNTHETIC,
    }
)


def original_upload_to(instance: Image, filename: str) -> str:
    # A random name: uploaded file names leak people's names and clash.
    suffix = PurePosixPath(filename).suffix.lower()
    return f"images/{uuid.uuid4().hex}{suffix}"


def rendition_upload_to(instance: Rendition, filename: str) -> str:
    return f"renditions/{instance.image_id}/{filename}"


def rendition_spec_name(ratio: str, width: int) -> str:
    """The spec name of a `width`-pixel rendition; `ratio` "" keeps the shape."""
    return f"{ratio}-{width}" if ratio else f"w{width}"


def rendition_spec_ratio(spec: str) -> str | None:
    """The ratio part of a spec name: "" for "w800", "16:9" for "16:9-800".

    None for single-purpose specs such as the social card, which belong in no
    srcset.
    """
    if spec.startswith("w") and spec[1:].isdigit():
        return ""
    ratio, dash, width = spec.rpartition("-")
    return ratio if dash and ratio and width.isdigit() else None


class ImageQuerySet(models.QuerySet):
    def renditions_due(self) -> ImageQuerySet:
        """Pictures whose renditions the worker has yet to make."""
        return self.filter(renditions_status__in=DUE_STATUSES)

    def in_public_use_q(self) -> models.Q:
        """Pictures something public shows, as a `Q`: the main image of a
        live or scheduled article (the trash, drafts, pieces in review and
        killed pieces do not count) or the photo of a public author
        profile.

        Curated lists, the ticker and feeds show only published pieces, so
        their pictures are these articles' pictures; no other model refers
        to images.
        """
        from articles.models import Article
        from authors.models import Author

        # Live or scheduled: released at any time, so no moment to pass.
        now = timezone.now()
        articles = Article.objects.published(now) | Article.objects.scheduled(now)
        return models.Q(
            pk__in=articles.filter(hero_image__isnull=False).values("hero_image")
        ) | models.Q(
            pk__in=Author.objects.active().filter(photo__isnull=False).values("photo")
        )

    def in_public_use(self) -> ImageQuerySet:
        return self.filter(self.in_public_use_q())


class Image(Translatable):
    """An image in the shared library, reused by articles and author profiles.

    Alt text and caption have a text per edition (`translated()`), so the
    Azerbaijani and Russian editions, and their screen readers, get theirs.
    """

    translated_fields = ("alt_text", "caption")

    file = models.ImageField(
        _("file"),
        upload_to=original_upload_to,
        validators=[validate_image_file],
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
        _("credit"),
        max_length=provenance.CREDIT_MAX_LENGTH,
        blank=True,
        help_text=_(
            "The credit line readers see, e.g. “Photo: A. Aliyev / Agency”. "
            "Needed to publish a piece with this picture."
        ),
    )
    # Rights and provenance: prefilled from the upload's IPTC/XMP metadata
    # when left empty (`prefill_rights`), published in JSON-LD and written
    # into every rendition.
    creator = models.CharField(
        _("creator"),
        max_length=provenance.CREATOR_MAX_LENGTH,
        blank=True,
        help_text=_("Who made the picture: photographer, illustrator."),
    )
    copyright_notice = models.CharField(
        _("copyright notice"),
        max_length=provenance.COPYRIGHT_MAX_LENGTH,
        blank=True,
        help_text=_("E.g. “© 2026 Agency”."),
    )
    licence_url = models.URLField(
        _("licence URL"),
        max_length=provenance.LICENCE_URL_MAX_LENGTH,
        blank=True,
        help_text=_("Web page with the licence or the terms of use."),
    )
    source = models.CharField(
        _("source"),
        max_length=provenance.SOURCE_MAX_LENGTH,
        blank=True,
        help_text=_("Who supplied the picture, e.g. the agency it came from."),
    )
    digital_source_type = models.CharField(
        _("digital source type"),
        max_length=100,
        choices=DigitalSourceType.choices,
        blank=True,
        help_text=_(
            "How the picture was made (IPTC). Pictures made or edited with "
            "generative AI are labelled “AI-generated image” for readers."
        ),
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
    renditions_status = models.CharField(
        _("renditions"),
        max_length=10,
        choices=RenditionStatus.choices,
        default=RenditionStatus.PROCESSING,
        editable=False,
        help_text=_(
            "The sizes and crops readers download are made in the background "
            "after an upload; until then readers see no picture."
        ),
    )

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [
            (
                "change_public_image",
                _("Can change and delete pictures that readers see"),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        new_upload = bool(self.file) and not self.file._committed
        if new_upload:
            # The upload itself never reaches storage: only a re-encoded copy
            # without EXIF/GPS, XMP or comments, turned upright.
            clean = sanitize_upload(self.file, DigitalSourceType.values)
            self.file.save(clean.name, clean.content, save=False)
            self.width, self.height = clean.width, clean.height
            self.prefill_rights(clean.rights)
        update_fields = kwargs.get("update_fields")
        changed = self._changed_rendition_inputs(update_fields) if self.file else set()
        if changed:
            # Only the status is kept here; the worker makes the renditions
            # (images/services.py), so the upload answers at once.
            self.renditions_status = self._status_after(changed)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "renditions_status"}
        super().save(*args, **kwargs)
        self._saved_rendition_inputs = self.rendition_inputs()

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any) -> Image:
        instance = super().from_db(db, field_names, values)
        instance._saved_rendition_inputs = instance.rendition_inputs()
        return instance

    def rendition_inputs(self) -> dict[str, object]:
        # Read from __dict__ so a deferred field is never loaded just to
        # compare it.
        values = {}
        for name in RENDITION_INPUTS:
            if name in self.__dict__:
                value = self.__dict__[name]
                # A file by its stored name; choices stay values (an enum
                # member's `name` is its Python name, not its value).
                values[name] = value.name if isinstance(value, FieldFile) else value
        return values

    def _changed_rendition_inputs(self, update_fields: Any = None) -> set[str]:
        saved = getattr(self, "_saved_rendition_inputs", None)
        if self._state.adding or saved is None:
            return set(RENDITION_INPUTS)
        current = self.rendition_inputs()
        names = RENDITION_INPUTS if update_fields is None else update_fields
        return {
            name
            for name in RENDITION_INPUTS
            if name in names and name in current and current[name] != saved.get(name)
        }

    def _status_after(self, changed: set[str]) -> str:
        """The renditions' status once `changed` inputs are saved: a new file
        has none until the worker makes them; a new crop or credit keeps
        showing the previous ones meanwhile."""
        if "file" not in changed and self.renditions_status in SHOWN_STATUSES:
            return RenditionStatus.UPDATING
        return RenditionStatus.PROCESSING

    @property
    def renditions_shown(self) -> bool:
        """Whether readers may be shown this picture: its renditions exist."""
        return self.renditions_status in SHOWN_STATUSES

    @property
    def renditions_due(self) -> bool:
        """Whether the worker has yet to make this picture's renditions."""
        return self.renditions_status in DUE_STATUSES

    def prefill_rights(self, rights: provenance.Rights) -> None:
        """Fill the rights fields left empty from `rights` (read from the
        upload's metadata); what an editor typed is never overwritten."""
        for name, value in vars(rights).items():
            if value and not getattr(self, name):
                setattr(self, name, value)

    @property
    def rights(self) -> provenance.Rights:
        return provenance.Rights.of(self)

    @property
    def is_ai_generated(self) -> bool:
        """Whether readers are told this picture is AI-generated
        (`AI_GENERATED_SOURCE_TYPES`)."""
        return self.digital_source_type in AI_GENERATED_SOURCE_TYPES

    def is_in_public_use(self) -> bool:
        """Whether a live or scheduled article or a public author profile
        shows this picture (see `ImageQuerySet.in_public_use_q`)."""
        if self.pk is None:
            return False
        return Image.objects.filter(pk=self.pk).in_public_use().exists()

    def editable_by(self, user: Any) -> bool:
        """Whether `user` may change or delete this picture, given that they
        hold the model permission to.

        A picture readers can see is part of the story, so only an editor
        (`images.change_public_image`) changes or deletes it; otherwise
        swapping the lead story's photo would need no editor at all. A
        picture nothing public uses yet is also its uploader's to fix.
        """
        if user.has_perm("images.change_public_image"):
            return True
        return (
            self.uploaded_by_id is not None
            and self.uploaded_by_id == user.pk
            and not self.is_in_public_use()
        )

    def rendition(self, spec: str, format: str = "jpeg") -> Rendition | None:
        """The rendition made for `spec` in `format`, or None.

        Works from prefetched renditions without a query.
        """
        for rendition in self.renditions.all():
            if rendition.spec == spec and rendition.format == format:
                return rendition
        return None

    def renditions_for(self, ratio: str, format: str) -> list[Rendition]:
        """Renditions in one shape and format, narrowest first, for a srcset.

        `ratio` is "" for the original's shape or e.g. "16:9". Works from
        prefetched renditions without a query.
        """
        return sorted(
            (
                rendition
                for rendition in self.renditions.all()
                if rendition.format == format and rendition.ratio == ratio
            ),
            key=lambda rendition: rendition.width,
        )

    @property
    def social_card(self) -> Rendition | None:
        """The 1200x630 JPEG for link previews (Open Graph, X cards)."""
        return self.rendition(SOCIAL_CARD_SPEC, Rendition.Format.JPEG)


class RenditionQuerySet(models.QuerySet):
    def in_shape(self, ratio: str) -> RenditionQuerySet:
        """Renditions of one shape ("16:9", or "" for the original's), the
        ones a srcset of that shape draws on. Prefetching only these for a
        list of cards saves building the other shapes' rows, two thirds of
        an image's renditions."""
        if ratio:
            return self.filter(spec__startswith=f"{ratio}-")
        return self.filter(spec__regex=r"^w[0-9]+$")


class Rendition(models.Model):
    """A stored, resized or cropped copy of an image, made by the worker."""

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
    # Bytes, recorded when made: feeds state every enclosure's length, and
    # asking a bucket for it costs a request per item. Null for renditions
    # made before it was recorded.
    file_size = models.PositiveIntegerField(null=True, editable=False)

    objects = RenditionQuerySet.as_manager()

    class Meta:
        # By the column, not the relation: "image" would join images to apply
        # their ordering in every prefetch of renditions.
        ordering = ["image_id", "spec", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "spec", "format"], name="unique_rendition_per_spec"
            )
        ]

    def __str__(self) -> str:
        return f"{self.image_id} {self.spec} {self.format} {self.width}x{self.height}"

    @property
    def url(self) -> str:
        return stored_url(self.file.name)

    @property
    def ratio(self) -> str | None:
        return rendition_spec_ratio(self.spec)


def shown(image: Image | None) -> Image | None:
    """`image` as readers may see it: None when there is none or its
    renditions are not made yet. Every public surface draws its pictures
    through this, so none of them uses a picture before its renditions
    exist."""
    return image if image is not None and image.renditions_shown else None


@functools.lru_cache(maxsize=65_536)
def stored_url(name: str) -> str:
    """The public address of a rendition's file, worked out once per process.

    A rendition is written once under a name of its own and never changes
    under it, so its address cannot go stale; asking the storage for each
    of the 340 addresses of a home page's pictures cost a fifth of its
    render (bench/RESULTS.md, 2026-12-07).
    """
    return Rendition._meta.get_field("file").storage.url(name)


@receiver(setting_changed)
def _forget_stored_urls(*, setting: str, **kwargs: Any) -> None:
    if setting in {"MEDIA_URL", "STORAGES"}:
        stored_url.cache_clear()
