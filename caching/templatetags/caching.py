"""`{% part "name" key=value %}`: a registered part of the page
(caching/parts.py), cached on its own and spliced into stored pages."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from ..parts import include

register = template.Library()


@register.simple_tag(takes_context=True)
def part(context, name: str, **params) -> SafeString:
    return include(context.get("request"), name, **params)
