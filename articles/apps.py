from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        from .roles import sync_roles

        # Sent after the permissions of every app listed before this one
        # (auth, taggit, images, authors) and of this app exist.
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="sync_roles")
