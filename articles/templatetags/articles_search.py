from django import template

from ..search import highlight as highlight_snippet

register = template.Library()

register.filter("highlight", highlight_snippet)
