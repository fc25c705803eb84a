from django.contrib import admin

from .models import FollowLink


@admin.register(FollowLink)
class FollowLinkAdmin(admin.ModelAdmin):
    list_display = ["network", "label", "url", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["network", "is_active"]
