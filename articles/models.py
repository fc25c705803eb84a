from __future__ import annotations

import datetime
from typing import NamedTuple

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

import editions
from editions.addresses import slug_url
from editions.translated import Translatable
from images.models import Image, shown

from . import querysets
from .querysets import ArticleManager, ArticleQuerySet, last_change
from .sanitize import BODY_EDITOR_EXTENSIONS, sanitize_body

# Fields that decide where a piece is listed, remembered when it is loaded
# (Article.from_db) so a save knows where it was as well as where it is.
LISTING_FIELDS = ("status", "deleted_at", "language", "section_id", "published_at")
# What other rows copy from a piece (old addresses, read counts' edition,
# bylines' publish time), remembered likewise so a save compares without
# reading the row again.
STORED_FIELDS = ("slug", "language", "published_at")

# IPTC urgency: 1 is a flash, 2 urgent; at or above this level a piece is breaking.
BREAKING_URGENCY = 2


class Section(Translatable):
    translated_fields = ("name",)

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order in the site navigation.")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_url("articles:section", self.slug)

    @property
    def display_name(self) -> str:
        """The name in the reader's edition."""
        return self.translated("name")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        PUBLISHED = "published", _("Published")
        KILLED = "killed", _("Killed")

    class ContentType(models.TextChoices):
        NEWS = "news", _("News")
        ANALYSIS = "analysis", _("Analysis")
        INTERVIEW = "interview", _("Interview")
        OPINION = "opinion", _("Opinion")
        FEATURE = "feature", _("Feature")
        PRESS_RELEASE = "press_release", _("Press release")

    # Content: what the piece says and how it is labelled, the columns its
    # writers and editors shape, in the order a revision's diff lists them.
    # One list for everything that handles "the content": a revision records
    # and restores these, a translation starts from them (less what each
    # version owns, translations.NOT_COPIED), the admin form places each of
    # them, the demo and the benchmark generator fill them. Not content: the
    # workflow's state and times (restoring a revision never unpublishes),
    # bookkeeping (version, timestamps, creator, trash), and the byline, tags
    # and related pieces, kept in their own tables and snapshotted beside.
    CONTENT_FIELDS = (
        "headline",
        "slug",
        "lead",
        "body",
        "dateline_city",
        "source",
        "content_type",
        "section_id",
        "urgency",
        "is_exclusive",
        "has_video",
        "has_photos",
        "is_sponsored",
        "partner_name",
        "language",
        "translation_of_id",
        "hero_image_id",
        "hero_caption",
        "seo_title",
        "seo_description",
    )

    # Content
    headline = models.CharField(_("headline"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        unique=True,
        help_text=_("The web address. It cannot change once the piece is published."),
    )
    lead = models.TextField(
        _("lead"), blank=True, help_text=_("The standfirst shown under the headline.")
    )
    body = ProseEditorField(
        _("body"),
        blank=True,
        extensions=BODY_EDITOR_EXTENSIONS,
        sanitize=sanitize_body,
        help_text=_("Use Heading 2/3 for subheadings."),
    )
    dateline_city = models.CharField(
        _("dateline city"),
        max_length=100,
        blank=True,
        help_text=_("Where the story was filed, e.g. 'Baku'."),
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_(
            "Only when this is not the agency's own reporting, e.g. "
            "'Press service of the Ministry of Economy'. Shown as a label."
        ),
    )
    authors = models.ManyToManyField(
        "authors.Author",
        through="Byline",
        related_name="articles",
        blank=True,
        verbose_name=_("authors"),
    )

    # Classification
    content_type = models.CharField(
        _("content type"),
        max_length=20,
        choices=ContentType.choices,
        default=ContentType.NEWS,
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    tags = TaggableManager(_("tags"), blank=True)
    urgency = models.PositiveSmallIntegerField(
        _("urgency"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text=_(
            "IPTC scale: 1 flash, 2 urgent (both shown as breaking), 9 lowest."
        ),
    )
    is_exclusive = models.BooleanField(_("exclusive"), default=False)
    has_video = models.BooleanField(
        _("video"), default=False, help_text=_("Adds 'VIDEO' to the headline.")
    )
    has_photos = models.BooleanField(
        _("photo story"), default=False, help_text=_("Adds 'PHOTO' to the headline.")
    )
    is_sponsored = models.BooleanField(
        _("partner content"),
        default=False,
        help_text=_("Paid or partner content: shown with ® and the partner's name."),
    )
    partner_name = models.CharField(_("partner"), max_length=150, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=editions.choices,
        default=editions.default,
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        help_text=_("The same story in another language."),
    )
    related = models.ManyToManyField(
        "self",
        through="RelatedArticle",
        through_fields=("article", "target"),
        symmetrical=False,
        blank=True,
        related_name="+",
        verbose_name=_("related articles"),
    )

    # Media
    hero_image = models.ForeignKey(
        "images.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.TextField(
        _("caption for this story"),
        blank=True,
        help_text=_("Leave empty to use the image's own caption."),
    )

    # Publishing
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
    )
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("In the future: the piece stays embargoed until then."),
    )
    first_published_at = models.DateTimeField(
        _("first published"), null=True, blank=True, editable=False
    )
    revised_at = models.DateTimeField(
        _("updated for readers"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set by a correction, clarification or update."),
    )
    killed_at = models.DateTimeField(_("killed"), null=True, blank=True, editable=False)
    kill_reason = models.TextField(_("reason for killing"), blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Goes up on every save; detects concurrent edits."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    # SEO
    seo_title = models.CharField(
        _("SEO title"),
        max_length=70,
        blank=True,
        help_text=_("For search engines and social cards; the headline if empty."),
    )
    seo_description = models.CharField(
        _("SEO description"),
        max_length=200,
        blank=True,
        help_text=_("The lead if empty."),
    )

    # Soft delete: editors move pieces to the trash and back; only a
    # superuser purges. Files (images are shared) are untouched either way.
    deleted_at = models.DateTimeField(
        _("deleted"), null=True, blank=True, editable=False
    )
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ArticleManager()
    all_objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_visible"),
            models.Index(
                fields=["section", "status", "published_at"],
                name="article_section_visible",
            ),
            models.Index(
                fields=["language", "status", "published_at"],
                name="article_language_visible",
            ),
            # Newest first across states: the subscriber API (live and
            # withdrawn pieces) and any list whose state filter is an OR.
            models.Index(fields=["published_at", "id"], name="article_newest"),
            # Feeds and pages date themselves by the newest save (conditional.py).
            models.Index(fields=["updated_at"], name="article_last_saved"),
            # Subscribers polling for what changed since their last visit
            # (the API's `since`): a range of this index, however large the
            # archive.
            models.Index(last_change(), name="article_last_change"),
            # The newest correction dates the article sitemap; few pieces
            # have one, so the index is small.
            models.Index(
                fields=["revised_at"],
                condition=models.Q(revised_at__isnull=False),
                name="article_revised",
            ),
            # Live pieces of an edition, newest first, with nothing else to
            # read: lists that probe another table per piece (an author's
            # bylines) walk it without visiting the table.
            models.Index(
                fields=["language", "published_at", "id"],
                condition=models.Q(status="published", deleted_at__isnull=True),
                name="article_edition_live",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published")
                | models.Q(published_at__isnull=False),
                name="published_article_has_publish_time",
            ),
            models.CheckConstraint(
                condition=models.Q(is_sponsored=False) | ~models.Q(partner_name=""),
                name="sponsored_article_names_partner",
            ),
            models.CheckConstraint(
                condition=models.Q(urgency__gte=1, urgency__lte=9),
                name="article_urgency_iptc_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(translation_of=models.F("pk")),
                name="article_not_translation_of_itself",
            ),
            # One version per language in a translation group.
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                condition=models.Q(translation_of__isnull=False),
                name="one_translation_per_language",
            ),
        ]
        permissions = [
            ("review_article", _("Can return submitted articles to their authors")),
            ("publish_article", _("Can publish and schedule articles")),
            ("kill_article", _("Can kill published articles")),
            ("correct_article", _("Can add corrections to published articles")),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, **kwargs) -> None:
        """Keep the row consistent with itself, whoever saves it.

        What every save must do, as the shell, a loader or a migration save
        too: a slug, a sanitised body (once: `clean()` has sanitised a
        form's), the version bumped and written whenever content is, the
        stored search document computed in the same statement, and the
        rows that copy the piece's address, edition or publish time kept
        equal to it. Revisions, workflow records, permissions, locks and
        cache invalidation belong to the write, not to the row: they are
        in `articles/actions.py`.
        """
        update_fields = kwargs.get("update_fields")
        fields = None if update_fields is None else set(update_fields)
        if not self.slug:
            self.slug = unique_slug(self.headline, exclude_pk=self.pk)
        if (fields is None or "body" in fields) and self.body is not getattr(
            self, "_sanitized_body", None
        ):
            self.body = sanitize_body(self.body)
        updating = self.pk is not None and not self._state.adding
        # A save of bookkeeping only (the trash) is not a new version of
        # the content: no revision will describe it.
        writes_content = fields is None or not fields.isdisjoint(CONTENT_COLUMNS)
        before = self._stored_values() if updating else {}
        if updating and writes_content:
            self.version += 1
            if fields is not None:
                fields.add("version")
        from .search import search_document, uses_full_text

        if writes_content and uses_full_text():
            self.search_vector = search_document(self)
            if fields is not None:
                fields.add("search_vector")
        if fields is not None:
            kwargs["update_fields"] = fields
        super().save(*args, **kwargs)
        if "search_vector" in self.__dict__ and not isinstance(
            self.search_vector, str | None
        ):
            # The expression is not the value: read it again if ever asked.
            del self.search_vector
        self._sanitized_body = self.body
        language = before.get("language")
        if language and language != self.language:
            # Read counts keep their piece's edition for the ranking's index
            # (readership/reading.py): a piece moved to another edition takes
            # its reads along.
            ReadCount.objects.filter(article=self).update(language=self.language)
        slug = before.get("slug")
        if slug and slug != self.slug:
            SlugRedirect.objects.remember(slug, self)
        if (
            updating
            and before.get("published_at") != self.published_at
            and (fields is None or "published_at" in fields)
        ):
            # Not through `self.bylines`, which would drop the bylines an
            # action loaded with the piece; those get the new time here.
            Byline.objects.filter(article_id=self.pk).update(
                published_at=self.published_at
            )
            for byline in self.loaded("bylines") or ():
                byline.published_at = self.published_at
        self._stored = {name: getattr(self, name) for name in STORED_FIELDS}

    def get_absolute_url(self) -> str:
        # The piece's own edition and its slug, which is frozen at
        # publication: moving a piece to another section keeps its address.
        return slug_url("articles:detail", self.slug, self.language)

    def loaded(self, relation: str) -> list | None:
        """The rows of `relation` (bylines, tags, related links) as loaded
        with the piece (`actions.lock()`, `prefetch_related`), or None when
        they were not: the caller then queries."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        return list(cache[relation]) if relation in cache else None

    def _stored_values(self) -> dict:
        """The row's address, edition and publish time as stored: as loaded
        (`from_db`) or last saved, else read."""
        stored = getattr(self, "_stored", None)
        if stored is None:
            stored = (
                Article.all_objects.filter(pk=self.pk).values(*STORED_FIELDS).first()
                or {}
            )
        return stored

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Where the piece was listed when loaded, so that saving it knows
        # which cached lists to replace (articles/invalidation.py).
        loaded = dict(zip(field_names, values, strict=True))
        if all(name in loaded for name in LISTING_FIELDS):
            instance._listing_state = {name: loaded[name] for name in LISTING_FIELDS}
        if all(name in loaded for name in STORED_FIELDS):
            instance._stored = {name: loaded[name] for name in STORED_FIELDS}
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None) -> None:
        super().refresh_from_db(using, fields, from_queryset)
        self.remember_stored(fields)

    def remember_stored(self, fields=None) -> None:
        """The values just read or written are the row's: what the next save
        compares with (`fields`: the only ones read; the rest are read
        again when needed)."""
        for attribute, names in (
            ("_stored", STORED_FIELDS),
            ("_listing_state", LISTING_FIELDS),
        ):
            if fields is None or set(names) <= set(fields):
                setattr(self, attribute, {name: getattr(self, name) for name in names})
            elif attribute == "_stored" and not set(names).isdisjoint(fields):
                self.__dict__.pop(attribute, None)

    @property
    def translation_group_id(self) -> int | None:
        """The original's id, shared by the original and all its translations."""
        return self.translation_of_id or self.pk

    def clean_fields(self, exclude=None) -> None:
        super().clean_fields(exclude)
        if not exclude or "body" not in exclude:
            # The field's clean sanitised it: save() need not again.
            self._sanitized_body = self.body

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.is_sponsored and not self.partner_name.strip():
            errors.setdefault("partner_name", []).append(
                _("Partner content must name the partner.")
            )
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            errors.setdefault("published_at", []).append(
                _("A published piece needs a publish time.")
            )
        stored_slug = self._stored_values().get("slug") if self.pk else None
        if self.first_published_at and stored_slug and stored_slug != self.slug:
            errors.setdefault("slug", []).append(
                _("The web address of a published piece cannot change.")
            )
        elif self.slug and self.slug != stored_slug:
            moved = SlugRedirect.objects.taken_from(self.slug, by=self)
            if moved is not None:
                errors.setdefault("slug", []).append(
                    _(
                        "“%(slug)s” is an old address of the published piece "
                        "“%(headline)s” and still leads readers there; choose "
                        "another address."
                    )
                    % {"slug": self.slug, "headline": moved.article.headline}
                )
        if self.translation_of_id:
            errors_in_group = self._translation_group_errors()
            if errors_in_group:
                errors.setdefault("translation_of", []).extend(errors_in_group)
        if errors:
            raise ValidationError(errors)

    def _translation_group_errors(self) -> list[str]:
        original = self.translation_of
        if original.pk == self.pk:
            return [_("A piece cannot be a translation of itself.")]
        if original.translation_of_id:
            return [
                _("Link the original, “%(original)s”, not another translation.")
                % {"original": original.translation_of}
            ]
        if self.pk and Article.all_objects.filter(translation_of=self.pk).exists():
            return [_("This piece has translations of its own, so it is an original.")]
        if original.language == self.language:
            return [_("A translation must be in another language.")]
        taken = (
            Article.all_objects.filter(translation_of=original, language=self.language)
            .exclude(pk=self.pk)
            .first()
        )
        if taken is not None:
            return [
                _("The %(language)s version of this story is already “%(other)s”.")
                % {"language": self.get_language_display(), "other": taken}
            ]
        return []

    @property
    def is_breaking(self) -> bool:
        return self.urgency <= BREAKING_URGENCY

    @property
    def is_press_release(self) -> bool:
        return self.content_type == self.ContentType.PRESS_RELEASE

    def is_published(self, at: datetime.datetime | None = None) -> bool:
        """Whether readers see this piece at `at`, as `published()` says."""
        return querysets.is_published(self, at)

    @property
    def changed_for_readers(self) -> datetime.datetime | None:
        """When readers last saw this piece change: its publish time, a
        correction, or a later save of the live piece (an edited headline or
        text). For Atom's `updated` and the sitemaps' `lastmod`."""
        times = [self.published_at, self.revised_at]
        if (
            self.published_at
            and self.updated_at
            and self.updated_at > self.published_at
        ):
            times.append(self.updated_at)
        return max((t for t in times if t), default=None)

    @property
    def dateline(self) -> str:
        """'Baku, 29 November', as agencies print it before the first paragraph."""
        if not self.dateline_city:
            return ""
        when = timezone.localtime(self.published_at or timezone.now())
        # Part of the copy, so in the piece's language ("29 ноября": the
        # Russian format asks for the genitive month).
        with translation.override(self.language):
            day = date_format(when, "MONTH_DAY_FORMAT")
        return f"{self.dateline_city}, {day}"

    @property
    def shown_hero_image(self) -> Image | None:
        """The main picture as readers may see it: None until its
        renditions exist (`images.models.shown`). Every public surface
        reads the picture through this."""
        return shown(self.hero_image)

    @property
    def caption(self) -> str:
        if self.hero_caption:
            return self.hero_caption
        if not self.hero_image:
            return ""
        return self.hero_image.translated("caption", self.language)

    @property
    def hero_alt_text(self) -> str:
        """The main picture's alt text in the piece's edition."""
        if not self.hero_image:
            return ""
        return self.hero_image.translated("alt_text", self.language)

    @property
    def meta_title(self) -> str:
        return self.seo_title or self.headline

    @property
    def meta_description(self) -> str:
        return self.seo_description or self.lead


# Web addresses stay ASCII: Cyrillic and the Azerbaijani letters that
# Unicode does not decompose are spelled out in Latin letters.
TRANSLITERATION = str.maketrans(
    {
        **dict(
            zip(
                "абвгдеёжзийклмнопрстуфхцчшщъыьэюяəığ",
                [
                    "a",
                    "b",
                    "v",
                    "g",
                    "d",
                    "e",
                    "yo",
                    "zh",
                    "z",
                    "i",
                    "y",
                    "k",
                    "l",
                    "m",
                    "n",
                    "o",
                    "p",
                    "r",
                    "s",
                    "t",
                    "u",
                    "f",
                    "kh",
                    "ts",
                    "ch",
                    "sh",
                    "shch",
                    "",
                    "y",
                    "",
                    "e",
                    "yu",
                    "ya",
                    "e",
                    "i",
                    "g",
                ],
                strict=True,
            )
        ),
        "ş": "sh",
        "ç": "ch",
    }
)


# `update_fields` names a field or its column; writing any of these is a new
# version of the content.
CONTENT_COLUMNS = frozenset(Article.CONTENT_FIELDS) | {
    name.removesuffix("_id") for name in Article.CONTENT_FIELDS
}


def transliterate(text: str) -> str:
    lowered = text.lower()
    return lowered.translate(TRANSLITERATION)


def unique_slug(
    text: str, *, exclude_pk: int | None = None, max_length: int = 255
) -> str:
    """A slug for `text` that no other article has, suffixed -2, -3... on clashes."""
    base = slugify(transliterate(text))[: max_length - 8].strip("-") or "article"
    candidate, n = base, 2
    others = Article.objects.exclude(pk=exclude_pk) if exclude_pk else Article.objects
    # Old addresses of published pieces are taken too (SlugRedirect).
    moved = SlugRedirect.objects.protected()
    if exclude_pk:
        moved = moved.exclude(article_id=exclude_pk)
    while (
        others.filter(slug=candidate).exists()
        or moved.filter(old_slug=candidate).exists()
    ):
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class HeadlineItem(NamedTuple):
    """One headline of a list, as `ArticleQuerySet.headline_items()` reads
    it: the columns a headline shows, without building an Article, which
    cost a sidebar of a hundred headlines more than writing them. Reads
    like an Article wherever a headline is written (articles/markup.py)."""

    headline: str
    slug: str
    language: str
    published_at: datetime.datetime | None
    urgency: int
    is_exclusive: bool
    has_video: bool
    has_photos: bool
    is_sponsored: bool
    partner_name: str
    content_type: str
    source: str

    ContentType = Article.ContentType
    # The article's own definitions, which read only these columns.
    is_breaking = Article.is_breaking
    is_press_release = Article.is_press_release
    get_absolute_url = Article.get_absolute_url


class BylineQuerySet(models.QuerySet):
    def public(self) -> BylineQuerySet:
        """The bylines readers see: of authors whose profile is public. A
        hidden profile (someone who left, or who must not be named) leaves
        every public surface at once: pages, feeds, the API; the piece is
        then credited to the agency, as one without bylines is."""
        return self.filter(author__is_active=True)


class Byline(models.Model):
    """An author credited on an article, in the order the byline lists them."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="bylines"
    )
    author = models.ForeignKey(
        "authors.Author",
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="bylines",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # The article's publish time, copied here so that an author's pieces are
    # found newest first from the bylines alone: a page of a prolific
    # author's archive then reads a page of rows, not every piece they
    # wrote. Kept equal by `Article.save()` and `Byline.save()`; visibility
    # is still decided by `Article.objects.published()` on the article.
    published_at = models.DateTimeField(null=True, editable=False)

    objects = BylineQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"], name="author_credited_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["author", "published_at", "article"],
                name="byline_author_newest",
            )
        ]

    def __str__(self) -> str:
        return str(self.author)

    def save(self, *args, **kwargs) -> None:
        self.published_at = self.article.published_at
        super().save(*args, **kwargs)


class RelatedArticle(models.Model):
    """An editor's pick of related news, shown before automatic suggestions."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_links"
    )
    target = models.ForeignKey(
        Article,
        verbose_name=_("related article"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "target"], name="related_article_once"
            ),
            models.CheckConstraint(
                condition=~models.Q(article=models.F("target")),
                name="article_not_related_to_itself",
            ),
        ]

    def __str__(self) -> str:
        return str(self.target)

    def clean(self) -> None:
        if self.article_id and self.article_id == self.target_id:
            raise ValidationError(
                {"target": _("An article cannot be related to itself.")}
            )


class Transition(models.Model):
    """One step of an article through the workflow: who, when, from, to, why."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(
        _("from"), max_length=12, choices=Article.Status.choices
    )
    to_status = models.CharField(_("to"), max_length=12, choices=Article.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow history")
        indexes = [
            models.Index(fields=["article", "-at"], name="transition_by_article")
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.from_status} → {self.to_status}"


class Correction(models.Model):
    """A note shown to readers above the body of a published piece."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")
        UPDATE = "update", _("Update")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["article", "created_at", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class Revision(models.Model):
    """A snapshot of an article's content after a save, for history and restore."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.CharField(_("summary"), max_length=200, blank=True)
    data = models.JSONField(_("content"))

    class Meta:
        ordering = ["article", "-version", "-pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "version"], name="one_revision_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.version}"


class PreviewLink(models.Model):
    """A signed, expiring, revocable link to an unpublished piece."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="preview_links"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    note = models.CharField(
        _("for"), max_length=200, blank=True, help_text=_("Who the link was sent to.")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self) -> str:
        return f"Preview of {self.article_id} until {self.expires_at:%Y-%m-%d %H:%M}"

    def is_valid(self, at=None) -> bool:
        at = at or timezone.now()
        return self.revoked_at is None and self.expires_at > at


class SlugRedirectQuerySet(models.QuerySet):
    def protected(self) -> SlugRedirectQuerySet:
        """Old addresses readers and search engines may know: of pieces that
        are or were published or scheduled. They stay their piece's for
        good; an old address of a piece that was never out is free again."""
        return self.filter(
            models.Q(article__first_published_at__isnull=False)
            | models.Q(
                article__status__in=[Article.Status.PUBLISHED, Article.Status.KILLED]
            )
        )

    def taken_from(self, slug: str, *, by: Article) -> SlugRedirect | None:
        """The protected old address `slug` of a piece other than `by`, if
        any: `by` may not take that address."""
        redirects = self.protected().filter(old_slug=slug).select_related("article")
        if by.pk is not None:
            redirects = redirects.exclude(article_id=by.pk)
        return redirects.first()

    def remember(self, old_slug: str, article: Article) -> None:
        """`article` left `old_slug`: the address now redirects to it, unless
        it is another piece's protected old address, which stays with that
        piece (a draft passed through it must not capture its readers)."""
        redirect, created = self.get_or_create(
            old_slug=old_slug, defaults={"article": article}
        )
        if created or redirect.article_id == article.pk:
            return
        if self.protected().filter(pk=redirect.pk).exists():
            return
        redirect.article = article
        redirect.save(update_fields=["article"])


class SlugRedirect(models.Model):
    """An address an article had before its slug changed; it redirects.

    An old address of a piece that was ever out is that piece's for good:
    no other piece may take it (`Article.clean()`, publication checks, new
    slugs skip it) nor, passing through it, point it elsewhere."""

    old_slug = models.SlugField(max_length=255, unique=True)
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="old_slugs"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SlugRedirectQuerySet.as_manager()

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self) -> str:
        return self.old_slug


class ReadCount(models.Model):
    """How often an article was read on a day, counted by the page's beacon.

    Only the article, the day and a number: no reader data is stored.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="read_counts"
    )
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)
    # The article's edition, copied so that a day's most read pieces of an
    # edition are the first rows of one index (readership/reading.py).
    language = models.CharField(max_length=8, default="", editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="one_count_a_day")
        ]
        indexes = [
            models.Index(fields=["day", "article"], name="read_count_by_day"),
            models.Index(
                "language", "day", models.F("count").desc(), name="read_count_leaders"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} {self.day}: {self.count}"

    def save(self, *args, **kwargs) -> None:
        if not self.language:
            self.language = self.article.language
        super().save(*args, **kwargs)


class Autosave(models.Model):
    """What a writer has typed in the article form and not saved yet.

    Kept while they type, so a crashed tab or a lost connection costs seconds,
    not the piece. It is their own copy: readers, other editors, revisions
    and the piece's version never see it until they press Save, which
    deletes it. One per writer and piece; a new piece not saved yet
    (article is null) has one per form opened.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="autosaves",
    )
    # The version the form was opened on: restoring the copy into the form
    # keeps it, so saving over someone's newer save is refused as usual.
    base_version = models.PositiveIntegerField(null=True, blank=True)
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-saved_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=models.Q(article__isnull=False),
                name="one_autosave_per_writer_and_piece",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.article_id or 'new'} {self.saved_at}"
