from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editions.translated import translated_fields_for, translations_form
from images.admin import thumbnail

from .models import Author, ExpertiseLine, SocialLink


class ExpertiseLineInline(admin.TabularInline):
    model = ExpertiseLine
    form = translations_form(ExpertiseLine)
    extra = 1
    fields = ["text", *translated_fields_for(ExpertiseLine), "position"]


class SocialLinkInline(admin.TabularInline):
    model = SocialLink
    extra = 0
    fields = ["network", "url", "position"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["list_photo", "name", "city", "is_active", "user"]
    list_display_links = ["list_photo", "name"]
    list_filter = ["is_active", "city"]
    list_select_related = ["photo", "user"]
    search_fields = ["name", "city", "expertise_lines__text"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo", "user"]
    inlines = [ExpertiseLineInline, SocialLinkInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "photo", "biography"]}),
        (_("Author box"), {"fields": [("degree", "school"), ("city", "country")]}),
        (
            _("Advanced"),
            {"classes": ["collapse"], "fields": ["email", "user", "is_active"]},
        ),
    ]

    @admin.display(description=_("photo"))
    def list_photo(self, obj: Author) -> str:
        return thumbnail(obj.photo)
