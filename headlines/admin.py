from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CuratedItem, CuratedList, TickerItem


@admin.register(TickerItem)
class TickerItemAdmin(admin.ModelAdmin):
    list_display = [
        "text",
        "language",
        "is_breaking",
        "priority",
        "starts_at",
        "ends_at",
        "live",
    ]
    list_filter = ["language", "is_breaking", "starts_at"]
    list_editable = ["priority"]
    list_select_related = ["article"]
    search_fields = ["text"]
    autocomplete_fields = ["article"]
    date_hierarchy = "starts_at"
    fieldsets = [
        (None, {"fields": ["language", "text", "is_breaking", "priority"]}),
        (_("Link"), {"fields": ["article", "url"]}),
        (_("When"), {"fields": [("starts_at", "ends_at")]}),
    ]

    @admin.display(boolean=True, description=_("on air now"))
    def live(self, obj: TickerItem) -> bool:
        now = timezone.now()
        return obj.starts_at <= now and (obj.ends_at is None or obj.ends_at > now)


class CuratedItemInline(admin.TabularInline):
    model = CuratedItem
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["article", "position", "starts_at", "ends_at"]


@admin.register(CuratedList)
class CuratedListAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    inlines = [CuratedItemInline]
