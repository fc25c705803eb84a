from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowLink(models.Model):
    """One of the agency's own social accounts, shown in "Follow us"."""

    class Network(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        X = "x", "X"
        TELEGRAM = "telegram", "Telegram"
        INSTAGRAM = "instagram", "Instagram"
        YOUTUBE = "youtube", "YouTube"
        LINKEDIN = "linkedin", "LinkedIn"
        TIKTOK = "tiktok", "TikTok"
        WHATSAPP = "whatsapp", "WhatsApp"
        RSS = "rss", "RSS"

    network = models.CharField(_("network"), max_length=20, choices=Network.choices)
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("E.g. '@agency_en'.")
    )
    url = models.URLField(_("URL"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("shown"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("follow-us link")
        verbose_name_plural = _("follow-us links")

    def __str__(self) -> str:
        return self.label or self.get_network_display()
