from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.static import serve

from articles.urls import author_urlpatterns
from articles.views import home, preview_link
from caching.slots import expensive
from distribution.favicon import favicon
from distribution.robots import robots_txt
from distribution.sitemaps import SITEMAPS, GoogleNewsSitemap
from newsroom.health import healthz
from readership.views import read_beacon

admin.site.site_header = f"{settings.SITE_NAME} desk"
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Newsroom"

handler500 = "newsroom.errors.server_error"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("preview/<str:token>/", preview_link, name="preview"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
    path("beacon/read/<int:pk>/", read_beacon, name="read_beacon"),
    path("api/", include("api.urls")),
]

# Every reader page belongs to an edition: /az/..., /en/..., /ru/... A path
# without one (/, or an old /news/<slug>/) is redirected by LocaleMiddleware
# to the edition the browser asks for.
urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path(
        "sitemap.xml",
        expensive("sitemap index")(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-news.xml",
        expensive("news sitemap")(sitemap_views.sitemap),
        {"sitemaps": {"news": GoogleNewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="sitemap-news",
    ),
    path(
        "sitemap-<section>.xml",
        expensive("sitemap")(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/sitemap.xml"},
        name="sitemap-section",
    ),
    path("", include("articles.urls")),
    path("", include("distribution.urls")),
    path("authors/", include(author_urlpatterns)),
)

if settings.SERVE_MEDIA:
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
