from django.contrib import admin

from .models import AuditEntry, WorkflowStep


class ReadOnly(admin.ModelAdmin):
    """Records written by the system: read, never added, edited or deleted."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnly):
    list_display = ["at", "actor_name", "kind", "__str__"]
    list_filter = ["kind", "target_type"]
    search_fields = ["target", "change", "actor_name"]
    date_hierarchy = "at"
    list_select_related = ["actor"]


@admin.register(WorkflowStep)
class WorkflowStepAdmin(ReadOnly):
    """The workflow's own records, where the trail reads each step."""

    list_display = ["at", "by", "action", "__str__"]
    list_filter = ["action", "to_status"]
    search_fields = ["article__headline", "comment", "by__username"]
    date_hierarchy = "at"
    list_select_related = ["by", "article"]
