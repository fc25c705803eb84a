"""Short texts given per language: section names, expertise lines.

The base field (``name``) holds the text in the default language
(``settings.LANGUAGE_CODE``); a JSON column ``translations`` holds the other
languages, ``{"ru": {"name": "Политика"}}``. Readers get the text of their
edition, falling back to the base text where none was given.

Why not django-modeltranslation: it adds a column per language, so adding an
edition would need a schema migration in each app. Here a new language is a
settings change, and a translated text costs no extra query (it is in the
row already).
"""

from __future__ import annotations

from typing import ClassVar

from django import forms
from django.conf import settings
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import current


class Translatable(models.Model):
    """Abstract base: list the translatable fields in `translated_fields`."""

    translated_fields: ClassVar[tuple[str, ...]] = ()

    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("The texts in the other languages, by language code."),
    )

    class Meta:
        abstract = True

    def translated(self, field: str, language: str | None = None) -> str:
        """`field` in `language` (the current edition by default); the base
        text if it has no translation there."""
        language = language or current()
        text = (self.translations or {}).get(language, {}).get(field, "")
        return text or getattr(self, field)

    def set_translation(self, field: str, language: str, text: str) -> None:
        texts = dict((self.translations or {}).get(language, {}))
        if text.strip():
            texts[field] = text.strip()
        else:
            texts.pop(field, None)
        translations = dict(self.translations or {})
        if texts:
            translations[language] = texts
        else:
            translations.pop(language, None)
        self.translations = translations


def other_languages() -> list[tuple[str, str]]:
    """The editions whose texts are translations (all but the default)."""
    return [
        (code, name)
        for code, name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


def translation_field_name(field: str, language: str) -> str:
    return f"{field}_{language}"


class TranslationsFormMixin:
    """Loads the per-language fields from `translations` and writes them back."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        translations = self.instance.translations or {}
        for field in self._meta.model.translated_fields:
            for code, _name in other_languages():
                self.initial.setdefault(
                    translation_field_name(field, code),
                    translations.get(code, {}).get(field, ""),
                )

    def _post_clean(self):
        super()._post_clean()
        for field in self._meta.model.translated_fields:
            for code, _name in other_languages():
                name = translation_field_name(field, code)
                if name in self.cleaned_data:
                    self.instance.set_translation(field, code, self.cleaned_data[name])


def translations_form(
    model: type[Translatable], base: type[forms.ModelForm] = forms.ModelForm
) -> type[forms.ModelForm]:
    """A model form for `model` with one text field per translatable field
    and other language, built from `settings.LANGUAGES`, so the admin lays
    them out like any other field."""
    attrs: dict = {}
    for field in model.translated_fields:
        model_field = model._meta.get_field(field)
        for code, name in other_languages():
            # A long text (a caption) gets a box like its base field's.
            widget = (
                forms.Textarea(attrs={"lang": code, "rows": 2})
                if isinstance(model_field, models.TextField)
                else forms.TextInput(attrs={"lang": code})
            )
            attrs[translation_field_name(field, code)] = forms.CharField(
                label=f"{capfirst(model_field.verbose_name)} ({name})",
                max_length=model_field.max_length,
                required=False,
                widget=widget,
            )
    # The base form's Meta (its fields, widgets, field classes) stays.
    base_meta = getattr(base, "Meta", None)
    attrs["Meta"] = type(
        "Meta",
        (base_meta,) if base_meta else (),
        {"model": model, "fields": getattr(base_meta, "fields", "__all__")},
    )
    return type(
        f"{model.__name__}TranslationsForm", (TranslationsFormMixin, base), attrs
    )


def with_translations(field: str) -> list[str]:
    """`field` and its form field for each other edition, side by side."""
    return [
        field,
        *(translation_field_name(field, code) for code, _name in other_languages()),
    ]


def translated_fields_for(model: type[Translatable]) -> list[str]:
    """The form's extra field names, for admin `fields`/`fieldsets`."""
    return [
        translation_field_name(field, code)
        for field in model.translated_fields
        for code, _name in other_languages()
    ]
