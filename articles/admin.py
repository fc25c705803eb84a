from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from images.admin import thumbnail

from .models import Article, Byline, RelatedArticle, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    min_num = 0
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name = _("author")
    verbose_name_plural = _("byline (leave empty to credit the agency)")


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["target"]
    fields = ["target", "position"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "list_thumbnail",
        "headline",
        "section",
        "content_type",
        "language",
        "status",
        "published_at",
    ]
    list_display_links = ["list_thumbnail", "headline"]
    list_filter = [
        "status",
        "section",
        "content_type",
        "language",
        ("authors", admin.RelatedOnlyFieldListFilter),
        "published_at",
        "is_sponsored",
    ]
    list_select_related = ["section", "hero_image"]
    search_fields = ["headline", "lead", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "hero_image", "translation_of"]
    readonly_fields = ["status", "first_published_at", "created_at", "updated_at"]
    inlines = [BylineInline, RelatedArticleInline]
    save_on_top = True
    tag_suggestion_limit = 10
    fieldsets = [
        (
            _("Content"),
            {"fields": ["headline", "slug", "lead", "body", "dateline_city", "source"]},
        ),
        (_("Media"), {"fields": ["hero_image", "hero_caption"]}),
        (
            _("Classification"),
            {
                "fields": [
                    ("section", "content_type"),
                    "tags",
                    "urgency",
                    ("is_exclusive", "has_video", "has_photos"),
                    ("is_sponsored", "partner_name"),
                    ("language", "translation_of"),
                ]
            },
        ),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "first_published_at",
                    ("created_at", "updated_at"),
                ]
            },
        ),
        (
            _("SEO"),
            {"classes": ["collapse"], "fields": ["seo_title", "seo_description"]},
        ),
    ]

    class Media:
        js = ["admin/js/tag_suggestions.js"]
        css = {"all": ["admin/css/newsroom_admin.css"]}

    def get_urls(self):
        return [
            path(
                "tag-suggestions/",
                self.admin_site.admin_view(self.tag_suggestions_view),
                name="articles_article_tag_suggestions",
            ),
            *super().get_urls(),
        ]

    def tag_suggestions_view(self, request: HttpRequest) -> JsonResponse:
        """Existing tags for the tag field's autocomplete, best matches first."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        term = request.GET.get("q", "").strip()[:100]
        if term:
            names = list(
                Tag.objects.filter(name__icontains=term)
                .order_by("name")
                .values_list("name", flat=True)[:50]
            )
            prefix = term.lower()
            names.sort(key=lambda name: not name.lower().startswith(prefix))
            names = names[: self.tag_suggestion_limit]
        else:
            names = []
        return JsonResponse({"results": names})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "tags" and field is not None:
            field.widget.attrs.update(
                {
                    "data-tag-suggestions": reverse(
                        "admin:articles_article_tag_suggestions"
                    ),
                    "autocomplete": "off",
                    "class": "vTextField",
                }
            )
            field.help_text = _(
                "Separate tags with commas. Suggestions appear as you type."
            )
        return field

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.first_published_at:
            fields.append("slug")
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.first_published_at:
            return {}
        return super().get_prepopulated_fields(request, obj)

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("image"))
    def list_thumbnail(self, obj: Article) -> str:
        return thumbnail(obj.hero_image)
