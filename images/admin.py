from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.forms.utils import flatatt
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from editions.translated import translations_form, with_translations

from .forms import ImageAdminForm
from .models import Image, Rendition, RenditionStatus
from .services import request_renditions


def _preview_url(image: Image, width: int) -> str:
    """The narrowest rendition at least `width` wide (else the widest) or the original.

    Only prefetched renditions are looked at: change lists of articles and
    authors select images with their rows but do not prefetch renditions, and
    a query per row is worse than a larger picture.
    """
    if "renditions" not in getattr(image, "_prefetched_objects_cache", {}):
        return image.file.url
    renditions = image.renditions_for("", Rendition.Format.JPEG)
    if not renditions:
        return image.file.url
    wide_enough = [r for r in renditions if r.width >= width]
    return (wide_enough[0] if wide_enough else renditions[-1]).url


def _img(attrs: dict[str, Any]) -> SafeString:
    return format_html("<img{}>", flatatt({k: v for k, v in attrs.items() if v}))


def thumbnail(image: Image | None, size: int = 64) -> str:
    """A small preview for change lists; empty when there is no image."""
    if image is None or not image.file:
        return ""
    height = round(size * image.height / image.width) if image.width else None
    return _img(
        {
            "src": _preview_url(image, size * 2),
            "alt": "",
            "width": size,
            "height": height,
            "class": "image-thumbnail",
            "loading": "lazy",
            "decoding": "async",
        }
    )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = translations_form(Image, ImageAdminForm)
    list_display = [
        "preview",
        "title",
        "credit",
        "ai_generated",
        "renditions",
        "dimensions",
        "uploaded_by",
        "created_at",
    ]
    list_display_links = ["preview", "title"]
    list_filter = [
        ("uploaded_by", admin.RelatedOnlyFieldListFilter),
        "digital_source_type",
        "renditions_status",
    ]
    list_select_related = ["uploaded_by"]
    list_per_page = 50
    search_fields = ["title", "caption", "credit", "alt_text", "creator", "source"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "renditions_note",
        "focal_point_preview",
        "width",
        "height",
        "uploaded_by",
        "created_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "file",
                    "renditions_note",
                    "title",
                    *with_translations("alt_text"),
                    *with_translations("caption"),
                ]
            },
        ),
        (
            _("Rights and provenance"),
            {
                "fields": [
                    "credit",
                    "creator",
                    "copyright_notice",
                    "licence_url",
                    "source",
                    "digital_source_type",
                ],
                "description": _(
                    "Fields left empty are filled from the picture's IPTC/XMP "
                    "metadata when it is uploaded; check and correct them. A "
                    "piece cannot be published with a main picture that has "
                    "no credit."
                ),
            },
        ),
        (
            _("Focal point"),
            {
                "fields": ["focal_point_preview", ("focal_x", "focal_y")],
                "description": _(
                    "Square, 4:3, 16:9 and social-media versions are cut around "
                    "the focal point, so it always stays in the picture. Click "
                    "the preview on what matters most, such as a face, or type "
                    "the position: 0 is the left or top edge, 1 the right or "
                    "bottom. Save to update the versions."
                ),
            },
        ),
        (
            _("Advanced"),
            {
                "classes": ["collapse"],
                "fields": [("width", "height"), "uploaded_by", "created_at"],
            },
        ),
    ]

    class Media:
        css = {"all": ["images/admin.css"]}
        js = ["images/focal-point.js"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Image]:
        return super().get_queryset(request).prefetch_related("renditions")

    # Per picture, because the model permission alone let any journalist
    # replace the lead story's photo; without the right to a picture the
    # admin shows it read-only and refuses a POST with 403.
    def has_change_permission(
        self, request: HttpRequest, obj: Image | None = None
    ) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.editable_by(request.user))

    def has_delete_permission(
        self, request: HttpRequest, obj: Image | None = None
    ) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.editable_by(request.user))

    def save_model(
        self, request: HttpRequest, obj: Image, form: ModelForm, change: bool
    ) -> None:
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        request_renditions(obj)

    @admin.display(description=_("preview"))
    def preview(self, obj: Image) -> str:
        return thumbnail(obj)

    @admin.display(
        description=_("AI-generated"), boolean=True, ordering="digital_source_type"
    )
    def ai_generated(self, obj: Image) -> bool:
        return obj.is_ai_generated

    @admin.display(description=_("renditions"), ordering="renditions_status")
    def renditions(self, obj: Image) -> str:
        """The worker's progress: "processing" until it has made the sizes
        readers download, and readers see no picture until then."""
        return obj.get_renditions_status_display()

    @admin.display(description=_("renditions"))
    def renditions_note(self, obj: Image) -> str:
        if obj.pk is None:
            return ""
        notes = {
            RenditionStatus.PROCESSING: _(
                "Processing: readers see the picture once its sizes are made, "
                "usually within seconds."
            ),
            RenditionStatus.UPDATING: _(
                "Updating: readers see the previous crops until the new ones are made."
            ),
            RenditionStatus.FAILED: _(
                "Failed: the sizes could not be made, so readers see no "
                "picture. Upload the file again."
            ),
        }
        note = notes.get(obj.renditions_status)
        if note is None:
            return obj.get_renditions_status_display()
        return format_html(
            '<span class="renditions-status renditions-status--{}">{}</span>',
            obj.renditions_status,
            note,
        )

    @admin.display(description=_("size"), ordering="width")
    def dimensions(self, obj: Image) -> str:
        return f"{obj.width} \N{MULTIPLICATION SIGN} {obj.height}"

    @admin.display(description=_("preview"))
    def focal_point_preview(self, obj: Image) -> str:
        if obj.pk is None or not obj.file:
            return _("Save the image to see a preview and pick its focal point.")
        # The marker is SVG positioned by attributes, not inline styles, so
        # the page works under a strict Content-Security-Policy.
        return format_html(
            '<div class="focal-point" data-focal-point>{}'
            '<svg class="focal-point__marker" aria-hidden="true" focusable="false">'
            '<circle cx="{}%" cy="{}%" r="16"></circle>'
            '<circle cx="{}%" cy="{}%" r="2"></circle></svg></div>',
            _img(
                {
                    "src": _preview_url(obj, 800),
                    "alt": _("Preview of the image"),
                    "width": obj.width,
                    "height": obj.height,
                    "class": "focal-point__image",
                }
            ),
            *[f"{obj.focal_x * 100:.1f}", f"{obj.focal_y * 100:.1f}"] * 2,
        )
