from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = _("Caching")

    def ready(self) -> None:
        from django.core.signals import setting_changed

        from .pages import forget_settings

        setting_changed.connect(forget_settings, dispatch_uid="caching_settings")
