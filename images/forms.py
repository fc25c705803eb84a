from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from .models import Image
from .validators import ACCEPTED_MIME_TYPES, validate_image_file


class ImageUploadField(forms.ImageField):
    """Django's image field, with the library's checks run first.

    Django's own check answers every refusal with one generic "not an image
    or a corrupted image"; running `validate_image_file` before it tells the
    editor which problem it is (too large, SVG, too many pixels, cut off).
    """

    # The content is checked and the stored name is chosen from the real
    # format, so the uploaded file's extension does not matter.
    default_validators: list[Any] = []

    def to_python(self, data: Any) -> UploadedFile | None:
        upload = forms.FileField.to_python(self, data)
        if upload is not None:
            validate_image_file(upload)
        return super().to_python(data)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ",".join(ACCEPTED_MIME_TYPES)
        return attrs


class HttpsURLField(forms.URLField):
    """A web address; one typed without a scheme is taken as https."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class ImageAdminForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = [
            "file",
            "title",
            "alt_text",
            "caption",
            "credit",
            "creator",
            "copyright_notice",
            "licence_url",
            "source",
            "digital_source_type",
            "focal_x",
            "focal_y",
        ]
        field_classes = {"file": ImageUploadField, "licence_url": HttpsURLField}
        widgets = {
            "focal_x": forms.NumberInput(attrs={"min": 0, "max": 1, "step": "any"}),
            "focal_y": forms.NumberInput(attrs={"min": 0, "max": 1, "step": "any"}),
        }
