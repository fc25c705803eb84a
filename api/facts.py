"""What the agency says about a piece, once, for every outgoing format.

`article_facts()` is the only place that reads an article for subscribers:
it decides what a withdrawn piece still shows, turns links absolute, names
the genres and subjects. The writers (`ninjs.py` for ninjs 3.1,
`ninjs_legacy.py` for ninjs 1.x and 2.x, `newsml.py` for NewsML-G2) only
spell these facts in their standard, so a rule changed here reaches every
format at once.

It reads prefetched relations only (see `querysets.for_ninjs()`), so a page
of items costs the same few queries whatever its length and format.

Absolute links are built from SITE_URL, the public address, not from the
request: behind a proxy the request's host can be an internal name, and an
item's identifier must not change with the host a subscriber happened to call.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import strip_tags

from articles.models import Article
from images.models import Image
from images.provenance import Rights

# The date in the tag URIs (RFC 4151) of items and images. It is part of
# every identifier ever issued, so it must never change.
TAG_DATE = "2025"

# IPTC genre NewsCodes for the content types (http://cv.iptc.org/newscodes/genre/).
GENRE_CODES = {
    Article.ContentType.NEWS: "Current",
    Article.ContentType.ANALYSIS: "Analysis",
    Article.ContentType.INTERVIEW: "Interview",
    Article.ContentType.OPINION: "Opinion",
    Article.ContentType.FEATURE: "Feature",
    Article.ContentType.PRESS_RELEASE: "Press_Release",
}
GENRE_URI = "http://cv.iptc.org/newscodes/genre/"

IMAGE_CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}

# Root-relative links in a sanitised body (nh3 always writes double quotes);
# a subscriber republishes the HTML on another site, where they would break.
RELATIVE_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)')


def absolute(url: str) -> str:
    """`url` on the public site; media on a CDN are absolute already."""
    if url.startswith(("http://", "https://", "//")):
        return url
    return settings.SITE_URL + url


def timestamp(value: datetime) -> str:
    """RFC 3339 in UTC to the second, as news items are usually dated."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _authority() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def item_uri(article_pk: int) -> str:
    """The item's permanent identifier, e.g. tag:news.example.org,2025:article:42."""
    return f"tag:{_authority()},{TAG_DATE}:article:{article_pk}"


def image_uri(image_pk: int) -> str:
    return f"tag:{_authority()},{TAG_DATE}:image:{image_pk}"


def role_uri(role: str) -> str:
    """An identifier for a role IPTC has no code for (a correction note, the
    sponsor of a piece), in the agency's own tag space."""
    return f"tag:{_authority()},{TAG_DATE}:role:{role}"


def version_created(article: Article) -> datetime:
    """When the version subscribers get was made: the value of
    `articles.querysets.last_change()` for this row, which `since` compares
    with, so a client polling with the newest `versionCreated` it has seen
    misses nothing.

    A scheduled piece's release is its publish time, though it was last
    saved before that.
    """
    moments = [
        article.updated_at,
        article.published_at,
        article.killed_at,
        article.deleted_at,
    ]
    return max(moment for moment in moments if moment is not None)


@dataclass(frozen=True)
class Person:
    name: str
    literal: str
    uri: str | None  # only public profiles have a page to point at


@dataclass(frozen=True)
class Subject:
    rel: str  # "section" or "tag"
    name: str
    literal: str
    uri: str | None


@dataclass(frozen=True)
class Genre:
    name: str
    literal: str
    code: str  # in IPTC's genre NewsCodes

    @property
    def uri(self) -> str:
        return GENRE_URI + self.code


@dataclass(frozen=True)
class InfoSource:
    name: str
    role: str  # "publisher", "originator" or "sponsor"
    uri: str | None = None


@dataclass(frozen=True)
class Note:
    """A correction, clarification or update printed above the body."""

    kind: str
    label: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class Body:
    html: str  # links made absolute
    char_count: int
    word_count: int


@dataclass(frozen=True)
class Rendition:
    name: str
    href: str
    content_type: str | None
    width: int
    height: int
    ratio: str | None = None
    is_original: bool = False


@dataclass(frozen=True)
class PictureRights(Rights):
    """Who made a picture and on what terms it may be used: the picture's
    own record (`images.provenance.Rights`, `Image.rights`; `credit` is the
    credit line) and what the formats add, the label of its digital source
    type in the piece's language. `digital_source_type` is a URI of IPTC's
    digital source type NewsCodes, e.g.
    http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia.
    """

    digital_source_type_name: str = ""

    @property
    def digital_source_type_code(self) -> str:
        """The code in the URI, e.g. "trainedAlgorithmicMedia"."""
        return self.digital_source_type.rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Picture:
    uri: str
    created_at: datetime
    caption: str
    alt_text: str
    rights: PictureRights
    renditions: tuple[Rendition, ...]


@dataclass(frozen=True)
class ArticleFacts:
    """One piece as subscribers may know it.

    A withdrawn piece (killed, or deleted after release) keeps its identity,
    headline and metadata but has no lead, notes, body, picture or link to
    its original: subscribers find it by `uri` and withdraw their copy.
    """

    pk: int
    uri: str
    url: str
    is_withdrawn: bool
    version: int
    first_created: datetime
    version_created: datetime
    content_created: datetime
    urgency: int
    language: str
    slugline: str
    headline: str
    byline: str
    profile: str  # "text-photo" or "text-only"
    people: tuple[Person, ...]
    subjects: tuple[Subject, ...]
    genres: tuple[Genre, ...]
    info_sources: tuple[InfoSource, ...]
    copyright_holder: str
    copyright_notice: str
    dateline: str
    usage_terms: str
    ed_note: str  # for the receiving desk, never printed
    lead: str
    notes: tuple[Note, ...]
    body: Body | None
    picture: Picture | None
    original_uri: str | None  # the piece this one translates


def _byline(people: tuple[Person, ...]) -> str:
    names = [person.name for person in people]
    if not names:
        return settings.SITE_NAME
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _people(article: Article) -> tuple[Person, ...]:
    return tuple(
        Person(
            name=byline.author.name,
            literal=byline.author.slug,
            uri=absolute(byline.author.get_absolute_url())
            if byline.author.is_active
            else None,
        )
        for byline in article.bylines.all()
    )


def _subjects(article: Article) -> tuple[Subject, ...]:
    section = article.section
    subjects = [
        Subject(
            rel="section",
            name=section.display_name,
            literal=section.slug,
            uri=absolute(section.get_absolute_url()),
        )
    ]
    for tag in sorted(article.tags.all(), key=lambda tag: tag.name.lower()):
        uri = None
        # A slug the tag pages cannot route keeps its name and literal only.
        with suppress(NoReverseMatch):
            uri = absolute(reverse("articles:tag", kwargs={"slug": tag.slug}))
        subjects.append(Subject(rel="tag", name=tag.name, literal=tag.slug, uri=uri))
    return tuple(subjects)


def _genres(article: Article) -> tuple[Genre, ...]:
    genres = [
        Genre(
            name=article.get_content_type_display(),
            literal=article.content_type,
            code=GENRE_CODES[article.content_type],
        )
    ]
    if article.is_exclusive:
        genres.append(Genre(name="Exclusive", literal="exclusive", code="Exclusive"))
    if article.is_sponsored:
        genres.append(
            Genre(name="Partner content", literal="partner", code="Advertiser_Supplied")
        )
    return tuple(genres)


def _info_sources(article: Article) -> tuple[InfoSource, ...]:
    sources = [InfoSource(settings.SITE_NAME, "publisher", settings.SITE_URL)]
    if article.source:
        sources.append(InfoSource(article.source, "originator"))
    if article.is_sponsored:
        sources.append(InfoSource(article.partner_name, "sponsor"))
    return tuple(sources)


def _body(article: Article) -> Body | None:
    if not article.body:
        return None
    text = strip_tags(article.body)
    return Body(
        html=RELATIVE_LINK.sub(rf"\1{settings.SITE_URL}/", article.body),
        char_count=len(text),
        word_count=len(text.split()),
    )


def _notes(article: Article) -> tuple[Note, ...]:
    return tuple(
        Note(
            kind=note.kind,
            label=str(note.get_kind_display()),
            text=note.text,
            created_at=note.created_at,
        )
        for note in article.corrections.all()
    )


def _renditions(image: Image) -> tuple[Rendition, ...]:
    renditions = []
    if image.file:
        suffix = PurePosixPath(image.file.name).suffix.lower()
        renditions.append(
            Rendition(
                name="original",
                href=absolute(image.file.url),
                content_type=IMAGE_CONTENT_TYPES.get(suffix),
                width=image.width,
                height=image.height,
                is_original=True,
            )
        )
    for rendition in image.renditions.all():
        renditions.append(
            Rendition(
                name=f"{rendition.spec}-{rendition.format}",
                href=absolute(rendition.url),
                content_type=f"image/{rendition.format}",
                width=rendition.width,
                height=rendition.height,
                ratio=rendition.ratio,
            )
        )
    return tuple(renditions)


def picture_rights(image: Image) -> PictureRights:
    """The rights facts of a picture (issue #19 section 3), for every format.

    Called inside the piece's language, so the source type's label is that
    edition's.
    """
    return PictureRights(
        **asdict(image.rights),
        digital_source_type_name=str(image.get_digital_source_type_display())
        if image.digital_source_type
        else "",
    )


def _picture(article: Article) -> Picture | None:
    image = article.shown_hero_image
    if image is None:
        return None
    return Picture(
        uri=image_uri(image.pk),
        created_at=image.created_at,
        caption=article.caption,
        alt_text=article.hero_alt_text,
        rights=picture_rights(image),
        renditions=_renditions(image),
    )


def _ed_note(article: Article, notes: tuple[Note, ...], is_withdrawn: bool) -> str:
    """Tells the receiving desk what changed when, or that the piece is gone.

    The reason for a kill was written for the newsroom, not for clients.
    """
    if is_withdrawn:
        withdrawn_at = timestamp(
            article.killed_at or article.deleted_at or version_created(article)
        )
        return (
            f"Withdrawn by {settings.SITE_NAME} at {withdrawn_at}. Do not use this "
            "item; remove it wherever it was published."
        )
    return "\n".join(
        f"{note.label} ({timestamp(note.created_at)}): {note.text}" for note in notes
    )


def article_facts(article: Article) -> ArticleFacts:
    """The facts of a live or withdrawn piece, in its own language: section
    names and page addresses are those of its edition."""
    with translation.override(article.language):
        return _article_facts(article)


def _article_facts(article: Article) -> ArticleFacts:
    # Deleted after going live counts as withdrawn too (api/querysets.py).
    is_withdrawn = (
        article.status == Article.Status.KILLED or article.deleted_at is not None
    )
    first = article.first_published_at or article.published_at
    people = _people(article)
    notes = () if is_withdrawn else _notes(article)
    usage_terms = ""
    if article.is_sponsored:
        usage_terms = (
            f"Partner content paid for by {article.partner_name}: "
            "label it as such wherever it is published."
        )
    original_uri = None
    # A translation links to its original only if subscribers can fetch it.
    if article.translation_of_id and getattr(article, "original_syndicated", False):
        original_uri = item_uri(article.translation_of_id)
    return ArticleFacts(
        pk=article.pk,
        uri=item_uri(article.pk),
        url=absolute(article.get_absolute_url()),
        is_withdrawn=is_withdrawn,
        version=article.version,
        first_created=first,
        version_created=version_created(article),
        content_created=article.created_at,
        urgency=article.urgency,
        language=article.language,
        slugline=article.slug,
        headline=article.headline,
        byline=_byline(people),
        profile="text-photo" if article.shown_hero_image else "text-only",
        people=people,
        subjects=_subjects(article),
        genres=_genres(article),
        info_sources=_info_sources(article),
        copyright_holder=settings.SITE_NAME,
        copyright_notice=f"© {first.year} {settings.SITE_NAME}. All rights reserved.",
        dateline=article.dateline_city,
        usage_terms=usage_terms,
        ed_note=_ed_note(article, notes, is_withdrawn),
        lead="" if is_withdrawn else article.lead,
        notes=notes,
        body=None if is_withdrawn else _body(article),
        picture=None if is_withdrawn else _picture(article),
        original_uri=None if is_withdrawn else original_uri,
    )
