from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HeadlinesConfig(AppConfig):
    name = "headlines"
    verbose_name = _("Ticker and curated lists")

    def ready(self) -> None:
        from . import parts  # noqa: F401  (registers the ticker and latest news)
