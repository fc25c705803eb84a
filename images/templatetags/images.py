from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def picture(image, ratio: str = "", sizes: str = "100vw") -> str:
    return format_html('<img src="{}" alt="{}">', image.file.url, image.alt_text)
