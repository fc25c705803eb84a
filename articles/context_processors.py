from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from . import navigation


def site(request: HttpRequest) -> dict:
    return {
        "SITE_NAME": settings.SITE_NAME,
        "nav_sections": SimpleLazyObject(lambda: navigation.sections(request)),
    }
