from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

import editions
from common.origin import public_origin


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers get every edition's sitemaps; previews, beacons and search
    results stay out.

    The admin is not named: robots.txt is public, so listing a custom
    ADMIN_URL would hand its secret path to every scanner, and the admin's
    pages are behind a login anyway.
    """
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('preview', args=['x'])[:-2]}",
        "Disallow: /beacon/",
    ]
    origin = public_origin(request)
    sitemaps = []
    for language in editions.codes():
        with translation.override(language):
            lines.append(f"Disallow: {reverse('articles:search')}")
            sitemaps += [
                f"Sitemap: {origin}{reverse('sitemap')}",
                f"Sitemap: {origin}{reverse('sitemap-news')}",
            ]
    lines += ["", *sitemaps]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
