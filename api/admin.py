"""Subscribers and their keys in the admin.

A key's clear text is shown exactly once, on the page that answers the
request issuing it (adding a subscriber, the "Issue a new key" action or
"Add API key"), and never stored: not in the database, not in the session,
not in a message (Django's messages travel in a signed, readable cookie).
Keys are revoked, not deleted.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

import outbound

from . import keys, push
from .models import ApiKey, Delivery, Subscriber, new_webhook_secret

ISSUED_TEMPLATE = "admin/api/keys_issued.html"


def _remember(request: HttpRequest, api_key: ApiKey, key: str) -> None:
    """Keep a clear-text key for this request's answer, and only for it."""
    if not hasattr(request, "_issued_api_keys"):
        request._issued_api_keys = []
    request._issued_api_keys.append((api_key, key))


def _show_issued(
    request: HttpRequest,
    model_admin: admin.ModelAdmin,
    continue_url: str,
) -> HttpResponse | None:
    """The page showing the keys issued in this request, or None if none
    was. The admin's views send it with `Cache-Control: no-store`."""
    issued = getattr(request, "_issued_api_keys", [])
    if not issued:
        return None
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "title": ngettext("New API key", "New API keys", len(issued)),
        "subtitle": None,
        "opts": opts,
        "app_label": opts.app_label,
        "issued": issued,
        "continue_url": continue_url,
    }
    return TemplateResponse(request, ISSUED_TEMPLATE, context)


class ShowsIssuedKeys:
    """Answers an add that issued keys with the page showing them rather
    than the usual redirect, which its "Continue" link then follows."""

    def response_add(self, request, obj, post_url_continue=None) -> HttpResponse:
        response = super().response_add(request, obj, post_url_continue)
        shown = None
        if response.status_code == 302:
            shown = _show_issued(request, self, response["Location"])
        return shown or response


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


class SubscriberForm(forms.ModelForm):
    def clean_webhook_url(self) -> str:
        # Tells the editor now; the worker checks again as it connects.
        url = self.cleaned_data["webhook_url"]
        outbound.validate_url(url)
        return url


@admin.register(Subscriber)
class SubscriberAdmin(ShowsIssuedKeys, admin.ModelAdmin):
    form = SubscriberForm
    list_display = ["name", "contact_email", "is_active", "live_keys", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "contact_email", "keys__prefix"]
    fieldsets = [
        (None, {"fields": ["name", "contact_email", "is_active", "notes"]}),
        (
            _("Webhook push"),
            {
                "fields": ["webhook_url", "webhook_format", "webhook_secret"],
                "description": _(
                    "Pieces are sent to the URL as they are published, updated, "
                    "corrected or killed, signed with the secret (see README, "
                    "“Webhook push”). The log is under “Webhook deliveries”."
                ),
            },
        ),
    ]
    readonly_fields = ["webhook_secret"]
    inlines = [ApiKeyInline]
    actions = ["issue_key", "new_webhook_secret"]

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

    @admin.action(description=_("Give a new webhook secret"), permissions=["change"])
    def new_webhook_secret(
        self, request: HttpRequest, queryset: QuerySet[Subscriber]
    ) -> None:
        for subscriber in queryset:
            subscriber.webhook_secret = new_webhook_secret()
            subscriber.save(update_fields=["webhook_secret"])
            self.log_change(request, subscriber, "New webhook secret")
        self.message_user(
            request,
            _("New secrets given: tell the subscribers, their checks now fail."),
            messages.WARNING,
        )

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        adding_in_popup = IS_POPUP_VAR in request.POST or IS_POPUP_VAR in request.GET
        if (
            not change
            and self.has_issue_key_permission(request)
            and not adding_in_popup
        ):
            # A new subscriber is added to be given access: its first key
            # comes with it. From a popup, the editor is adding a key on the
            # page that opened it, and the popup has no page to show one on.
            api_key, key = keys.issue_key(subscriber=obj, by=request.user)
            _remember(request, api_key, key)

    @admin.action(description=_("Issue a new key"), permissions=["issue_key"])
    def issue_key(
        self, request: HttpRequest, queryset: QuerySet[Subscriber]
    ) -> HttpResponse | None:
        for subscriber in queryset:
            api_key, key = keys.issue_key(subscriber=subscriber, by=request.user)
            self.log_change(request, subscriber, f"Issued API key {api_key.prefix}…")
            _remember(request, api_key, key)
        return _show_issued(request, self, reverse("admin:api_subscriber_changelist"))


@admin.register(ApiKey)
class ApiKeyAdmin(ShowsIssuedKeys, admin.ModelAdmin):
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
        # The clear text lives only in this request and the page it answers.
        obj.created_by = request.user
        key = keys.assign_key(obj)
        super().save_model(request, obj, form, change)
        _remember(request, obj, key)

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


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """The delivery log: read-only, with "Redeliver" for what went wrong."""

    list_display = [
        "created_at",
        "subscriber",
        "event",
        "article",
        "status",
        "attempts",
        "last_status_code",
        "short_error",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["status", "event", "subscriber"]
    list_select_related = ["subscriber", "article"]
    search_fields = ["subscriber__name", "=event_id", "article__headline"]
    date_hierarchy = "created_at"
    fields = [
        "subscriber",
        "article",
        "event",
        "event_id",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "created_at",
        "next_attempt_at",
        "give_up_at",
        "delivered_at",
    ]
    readonly_fields = fields
    actions = ["redeliver"]

    @admin.display(description=_("last error"))
    def short_error(self, delivery: Delivery) -> str:
        return delivery.last_error[:80]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # the log stays

    def has_redeliver_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("api.change_delivery")

    @admin.action(description=_("Redeliver now"), permissions=["redeliver"])
    def redeliver(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        count = push.redeliver(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery will be sent again.",
                "%(count)d deliveries will be sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
