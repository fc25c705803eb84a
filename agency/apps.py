from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class AgencyConfig(AppConfig):
    name = "agency"
    verbose_name = _("The agency")

    def ready(self) -> None:
        from .templatetags.agency import forget_follow_links

        link = self.get_model("FollowLink")
        post_save.connect(forget_follow_links, sender=link, dispatch_uid="follow_save")
        post_delete.connect(forget_follow_links, sender=link, dispatch_uid="follow_del")
