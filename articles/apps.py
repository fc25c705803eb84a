from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        from .navigation import forget_sections
        from .roles import sync_roles

        # Sent once per app, after that app's permissions exist; the last
        # call sees every app's, so roles may name permissions of any app.
        post_migrate.connect(sync_roles, dispatch_uid="sync_roles")
        section = self.get_model("Section")
        post_save.connect(forget_sections, sender=section, dispatch_uid="nav_save")
        post_delete.connect(forget_sections, sender=section, dispatch_uid="nav_del")

        from newsroom.pagecache import connect_signals

        connect_signals()
        from django.db.models.signals import m2m_changed

        from .story import on_row_change

        post_save.connect(on_row_change, dispatch_uid="story_save")
        post_delete.connect(on_row_change, dispatch_uid="story_delete")
        m2m_changed.connect(on_row_change, dispatch_uid="story_m2m")
