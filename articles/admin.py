from django.contrib import admin
from django.utils.translation import gettext_lazy as _

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
