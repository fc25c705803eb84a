from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import outbound
from editions import name as edition_name

from . import services
from .models import IncomingItem, IncomingVersion, ItemUse, Source


class SourceForm(forms.ModelForm):
    def clean_url(self) -> str:
        # Tells the editor now; the worker checks again as it connects.
        url = self.cleaned_data["url"]
        outbound.validate_url(url)
        return url


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    form = SourceForm
    list_display = (
        "name",
        "kind",
        "language",
        "section",
        "enabled",
        "state",
        "last_error_short",
        "last_success_at",
        "next_poll_at",
    )
    list_filter = ("enabled", "state", "kind", "language")
    search_fields = ("name", "url")
    list_select_related = ("section",)
    readonly_fields = (
        "state",
        "last_error",
        "last_error_at",
        "last_success_at",
        "failures",
        "next_poll_at",
    )
    fieldsets = (
        (None, {"fields": ("name", "kind", "url", "api_key", "folder")}),
        (
            gettext_lazy("Copy"),
            {"fields": ("language", "section", "poll_interval", "enabled")},
        ),
        (
            gettext_lazy("Health"),
            {
                "fields": (
                    "state",
                    "last_error",
                    "last_error_at",
                    "last_success_at",
                    "failures",
                    "next_poll_at",
                )
            },
        ),
    )

    actions = ["poll_soon"]

    @admin.action(
        description=gettext_lazy("Poll at the worker's next round"),
        permissions=["change"],
    )
    def poll_soon(self, request: HttpRequest, queryset) -> None:
        # The worker polls; a web request never waits on another agency.
        count = queryset.filter(enabled=True).update(next_poll_at=timezone.now())
        self.message_user(
            request,
            _("%(count)d sources will be polled within a minute.") % {"count": count},
            messages.SUCCESS,
        )

    @admin.display(description=gettext_lazy("last error"))
    def last_error_short(self, obj: Source) -> str:
        if obj.state != Source.State.FAILING:
            return ""
        return Truncator(obj.last_error).chars(120)


class VersionInline(admin.TabularInline):
    model = IncomingVersion
    fields = ("version", "received_at", "status", "headline", "lead")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = gettext_lazy("earlier versions")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class UseInline(admin.TabularInline):
    model = ItemUse
    fields = ("article", "item_version", "created_by", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = gettext_lazy("drafts made from it")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(services.USE_PERMISSION)


def _translate_action(code: str, label: str):
    def action(modeladmin, request, queryset):
        modeladmin.make_drafts(request, queryset, language=code)

    action.__name__ = f"translate_into_{code}"
    action.short_description = gettext_lazy("Translate into %(edition)s") % {
        "edition": label
    }
    action.allowed_permissions = ("use",)
    return action


@admin.register(IncomingItem)
class IncomingItemAdmin(admin.ModelAdmin):
    """The Incoming queue: journalists read it and make drafts from it."""

    list_display = (
        "headline",
        "source",
        "updated_at",
        "urgency",
        "language",
        "lead_short",
        "status",
        "version",
        "duplicates",
    )
    list_display_links = ("headline",)
    list_filter = ("status", "source", "language", "urgency")
    search_fields = ("headline", "lead")
    date_hierarchy = "updated_at"
    list_select_related = ("source",)
    list_per_page = 50
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "headline",
                    "lead",
                    "full_text",
                    "dateline",
                    "byline",
                    "original",
                )
            },
        ),
        (
            gettext_lazy("From the source"),
            {
                "fields": (
                    "source",
                    "status",
                    "version",
                    "urgency",
                    "language",
                    "sent_at",
                    "received_at",
                    "updated_at",
                    "guid",
                )
            },
        ),
        (gettext_lazy("Same story elsewhere"), {"fields": ("other_sources",)}),
    )
    # The queue is what the source sent: every field shown is read-only.
    readonly_fields = tuple(flatten_fieldsets(fieldsets))
    inlines = (VersionInline, UseInline)
    actions = ["use_as_draft"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("body")
            .annotate(duplicate_count=Count("group__items"))
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_use_permission(request):
            for code, label in settings.LANGUAGES:
                action = _translate_action(code, label)
                actions[action.__name__] = (
                    action,
                    action.__name__,
                    action.short_description,
                )
        return actions

    def get_urls(self):
        return [
            path(
                "<int:pk>/use/",
                self.admin_site.admin_view(self.use_view),
                name="ingest_incomingitem_use",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_use_item": self.has_use_permission(request),
            "editions": settings.LANGUAGES,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def use_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The item page's buttons: Use as draft, Translate into …"""
        if request.method != "POST" or not self.has_use_permission(request):
            raise PermissionDenied
        queryset = IncomingItem.objects.filter(pk=pk)
        language = request.POST.get("language") or None
        response = self.make_drafts(request, queryset, language=language)
        return response or HttpResponseRedirect(
            reverse("admin:ingest_incomingitem_change", args=[pk])
        )

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        # The "other sources" column links to the item's duplicate group.
        return lookup == "group__id__exact" or super().lookup_allowed(
            lookup, value, request
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_use_permission(self, request) -> bool:
        return request.user.has_perm(services.USE_PERMISSION)

    @admin.display(description=gettext_lazy("lead"))
    def lead_short(self, obj: IncomingItem) -> str:
        return Truncator(obj.lead).chars(140)

    @admin.display(description=gettext_lazy("other sources"))
    def duplicates(self, obj: IncomingItem) -> str:
        count = max(getattr(obj, "duplicate_count", 0) - 1, 0)
        if not count:
            return ""
        url = reverse("admin:ingest_incomingitem_changelist")
        return format_html(
            '<a href="{}?group__id__exact={}">+{}</a>', url, obj.group_id, count
        )

    @admin.display(description=gettext_lazy("text"))
    def full_text(self, obj: IncomingItem) -> str:
        # Sanitised with the article allow-list when stored (services).
        return mark_safe(obj.body)

    @admin.display(description=gettext_lazy("original"))
    def original(self, obj: IncomingItem) -> str:
        if not obj.link:
            return ""
        return format_html(
            '<a href="{}" rel="noopener noreferrer">{}</a>', obj.link, obj.link
        )

    @admin.display(description=gettext_lazy("the same story from"))
    def other_sources(self, obj: IncomingItem) -> str:
        if obj.group_id is None:
            return "—"
        others = (
            IncomingItem.objects.filter(group_id=obj.group_id)
            .exclude(pk=obj.pk)
            .select_related("source")
            .only("pk", "headline", "source__name")
        )
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a>: {}',
            (
                (
                    reverse("admin:ingest_incomingitem_change", args=[other.pk]),
                    other.source.name,
                    other.headline,
                )
                for other in others
            ),
        )

    @admin.action(description=gettext_lazy("Use as draft"), permissions=["use"])
    def use_as_draft(self, request: HttpRequest, queryset) -> HttpResponse | None:
        return self.make_drafts(request, queryset, language=None)

    def make_drafts(
        self, request: HttpRequest, queryset, *, language: str | None
    ) -> HttpResponse | None:
        made = []
        for item in queryset.select_related("source"):
            try:
                if language is None:
                    article = services.use_as_draft(item=item, by=request.user)
                else:
                    article = services.translate_item(
                        item=item, language=language, by=request.user
                    )
            except services.IngestError as error:
                self.message_user(request, str(error), messages.WARNING)
                continue
            made.append(article)
        if len(made) == 1:
            self.message_user(
                request,
                _("Draft created in %(edition)s: “%(headline)s”.")
                % {
                    "edition": edition_name(made[0].language),
                    "headline": made[0].headline,
                },
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:articles_article_change", args=[made[0].pk])
            )
        if made:
            self.message_user(
                request,
                _("%(count)d drafts created.") % {"count": len(made)},
                messages.SUCCESS,
            )
        return None


@admin.register(ItemUse)
class ItemUseAdmin(admin.ModelAdmin):
    """Drafts made from wires, and the desk's 'seen' button for alerts."""

    list_display = ("article", "item", "item_version", "created_by", "created_at")
    list_select_related = ("article", "item", "created_by")
    raw_id_fields = ("item", "article")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        return [
            path(
                "<int:pk>/acknowledge/",
                self.admin_site.admin_view(self.acknowledge_view),
                name="ingest_itemuse_acknowledge",
            ),
            *super().get_urls(),
        ]

    def acknowledge_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.method != "POST":
            raise PermissionDenied
        use = get_object_or_404(ItemUse.objects.select_related("item"), pk=pk)
        services.acknowledge(use=use, by=request.user)
        self.message_user(request, _("Alert dismissed."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_desk"))
