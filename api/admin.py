"""Subscribers and their keys in the admin.

A key's clear text is shown exactly once, in the message after it is
issued (when a subscriber is added, with the "Issue a new key" action or
with "Add API key"), and never stored. Keys are revoked, not deleted.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import keys
from .models import ApiKey, Subscriber

SHOWN_ONCE = _(
    "New API key for %(subscriber)s: %(key)s — copy it now. Only a fingerprint "
    "is stored, so it cannot be shown again. Subscribers send it as "
    "'Authorization: Bearer <key>'."
)


def _announce(request: HttpRequest, api_key: ApiKey, key: str) -> None:
    messages.warning(
        request, SHOWN_ONCE % {"subscriber": api_key.subscriber, "key": key}
    )


class ApiKeyInline(admin.TabularInline):
    model = ApiKey
    extra = 0
    can_delete = False
    show_change_link = True
    fields = [
        "prefix",
        "label",
        "created_at",
        "created_by",
        "last_used_at",
        "revoked_at",
    ]
    readonly_fields = fields
    verbose_name_plural = _(
        "keys (issue one with the “Issue a new key” action or “Add API key”)"
    )

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["name", "contact_email", "is_active", "live_keys", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "contact_email", "keys__prefix"]
    fields = ["name", "contact_email", "is_active", "notes"]
    inlines = [ApiKeyInline]
    actions = ["issue_key"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Subscriber]:
        return (
            super()
            .get_queryset(request)
            .annotate(live_key_count=Count("keys", filter=Q(keys__revoked_at=None)))
        )

    @admin.display(description=_("live keys"), ordering="live_key_count")
    def live_keys(self, subscriber: Subscriber) -> int:
        return subscriber.live_key_count

    def has_issue_key_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("api.add_apikey")

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if not change and self.has_issue_key_permission(request):
            # A new subscriber is added to be given access: its first key
            # comes with it.
            api_key, key = keys.issue_key(subscriber=obj, by=request.user)
            _announce(request, api_key, key)

    @admin.action(description=_("Issue a new key"), permissions=["issue_key"])
    def issue_key(self, request: HttpRequest, queryset: QuerySet[Subscriber]) -> None:
        for subscriber in queryset:
            api_key, key = keys.issue_key(subscriber=subscriber, by=request.user)
            self.log_change(request, subscriber, f"Issued API key {api_key.prefix}…")
            _announce(request, api_key, key)


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "subscriber",
        "label",
        "created_at",
        "created_by",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "subscriber"]
    list_select_related = ["subscriber", "created_by"]
    search_fields = ["prefix", "label", "subscriber__name"]
    autocomplete_fields = ["subscriber"]
    actions = ["revoke"]

    def get_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> list[str]:
        if obj is None:
            return ["subscriber", "label"]
        return [
            "subscriber",
            "prefix",
            "label",
            "created_at",
            "created_by",
            "last_used_at",
            "revoked_at",
        ]

    def get_readonly_fields(
        self, request: HttpRequest, obj: ApiKey | None = None
    ) -> list[str]:
        if obj is None:
            return []
        return [
            "subscriber",
            "prefix",
            "created_at",
            "created_by",
            "last_used_at",
            "revoked_at",
        ]

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        # The clear text lives only in this request and the message below.
        obj.created_by = request.user
        key = keys.assign_key(obj)
        super().save_model(request, obj, form, change)
        _announce(request, obj, key)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Revoked, never deleted: who had access stays on record.
        return False

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("api.change_apikey")

    @admin.action(description=_("Revoke selected keys"), permissions=["revoke"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        revoked = 0
        for api_key in queryset.select_related("subscriber"):
            if keys.revoke_key(api_key=api_key):
                revoked += 1
                self.log_change(request, api_key, "Revoked")
        self.message_user(
            request,
            ngettext("%(count)d key revoked.", "%(count)d keys revoked.", revoked)
            % {"count": revoked},
            messages.SUCCESS,
        )
