from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        from .roles import sync_roles

        # Sent once per app, after that app's permissions exist; the last
        # call sees every app's, so roles may name permissions of any app.
        post_migrate.connect(sync_roles, dispatch_uid="sync_roles")
        from . import invalidation, parts  # noqa: F401  (parts register themselves)

        invalidation.connect()
        from caching.pages import reads_query_params

        from .views import SearchForm

        # List pages paginate by ?page=, sitemaps by ?p=; search reads its form.
        reads_query_params("page", "p", *SearchForm.base_fields)
