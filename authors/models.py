from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from editions.addresses import slug_url
from editions.translated import Translatable


class AuthorQuerySet(models.QuerySet):
    def active_q(self) -> models.Q:
        return models.Q(is_active=True)

    def active(self) -> AuthorQuerySet:
        """Authors whose profile pages readers may see."""
        return self.filter(self.active_q())


class Author(models.Model):
    """A byline: the person credited on articles, with the profile readers see."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    photo = models.ForeignKey(
        "images.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    degree = models.CharField(
        _("degree"), max_length=150, blank=True, help_text=_("E.g. 'MA in Economics'.")
    )
    school = models.CharField(
        _("school"),
        max_length=150,
        blank=True,
        help_text=_("Where the degree is from."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    biography = models.TextField(_("biography"), blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text=_("The login this byline belongs to, if the author is staff."),
    )
    is_active = models.BooleanField(
        _("profile is public"),
        default=True,
        help_text=_("Untick to hide the author page, e.g. after someone leaves."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=False)[:160]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_url("authors:detail", self.slug)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Whether the profile was public when loaded: making it public or
        # hidden changes which addresses answer (articles/invalidation.py).
        loaded = dict(zip(field_names, values, strict=True))
        instance._loaded_public = (loaded.get("is_active"), loaded.get("slug"))
        return instance

    @property
    def education(self) -> str:
        """Degree and school as one line, e.g. 'MA in Economics, ADA University'."""
        return ", ".join(part for part in (self.degree, self.school) if part)

    @property
    def location(self) -> str:
        return ", ".join(part for part in (self.city, self.country) if part)


class ExpertiseLine(Translatable):
    """One of the lines shown under the byline ('Senior analyst', 'Energy')."""

    translated_fields = ("text",)

    author = models.ForeignKey(
        Author, on_delete=models.CASCADE, related_name="expertise_lines"
    )
    text = models.CharField(_("text"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["author", "position", "pk"]
        verbose_name = _("expertise line")
        verbose_name_plural = _("expertise lines")

    def __str__(self) -> str:
        return self.text

    @property
    def display_text(self) -> str:
        """The line in the reader's edition."""
        return self.translated("text")


class SocialLink(models.Model):
    class Network(models.TextChoices):
        X = "x", "X"
        FACEBOOK = "facebook", "Facebook"
        LINKEDIN = "linkedin", "LinkedIn"
        TELEGRAM = "telegram", "Telegram"
        INSTAGRAM = "instagram", "Instagram"
        YOUTUBE = "youtube", "YouTube"
        WEBSITE = "website", _("Website")

    author = models.ForeignKey(
        Author, on_delete=models.CASCADE, related_name="social_links"
    )
    network = models.CharField(_("network"), max_length=20, choices=Network.choices)
    url = models.URLField(_("URL"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["author", "position", "pk"]
        verbose_name = _("social profile")
        verbose_name_plural = _("social profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["author", "network"], name="one_link_per_network"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_network_display()}: {self.url}"
