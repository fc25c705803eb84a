from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Image


def thumbnail(image: Image | None, size: int = 64) -> str:
    """A small preview for change lists; empty when there is no image."""
    if image is None or not image.file:
        return ""
    return format_html(
        '<img src="{}" alt="" width="{}" style="height:auto">', image.file.url, size
    )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["preview", "title", "credit", "width", "height", "created_at"]
    list_display_links = ["preview", "title"]
    search_fields = ["title", "caption", "credit", "alt_text"]
    readonly_fields = ["width", "height", "created_at"]
    fields = ["file", "title", "alt_text", "caption", "credit", ("focal_x", "focal_y")]

    @admin.display(description=_("preview"))
    def preview(self, obj: Image) -> str:
        return thumbnail(obj)
