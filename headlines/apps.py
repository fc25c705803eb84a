from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HeadlinesConfig(AppConfig):
    name = "headlines"
    verbose_name = _("Ticker and curated lists")
