from django.conf import settings
from django.http import HttpRequest

from articles.models import Section


def site(request: HttpRequest) -> dict:
    # A lazy QuerySet: pages that do not show the navigation pay nothing.
    return {"SITE_NAME": settings.SITE_NAME, "nav_sections": Section.objects.all()}
