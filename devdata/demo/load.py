"""Writing the demo newsroom to the database.

Every row is found by a natural key -- section and author slugs, image
titles, article slugs, usernames -- and only missing rows are created. The
demo never changes an existing account: a `journalist`, `editor` or `desk`
that is not the demo's own from an earlier run stops the load.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf.locale import LANG_INFO
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

import editions
from agency.models import FollowLink
from articles import roles, workflow
from articles.models import Article, Byline, ReadCount, RelatedArticle, Section
from authors.models import Author, ExpertiseLine, SocialLink
from editions.translated import Translatable
from headlines.models import CuratedItem, CuratedList, TickerItem
from headlines.templatetags.headlines import EDITORS_PICKS
from images.models import Image
from images.services import make_renditions
from ingest.demo import create_demo_sources
from ingest.models import Source

from . import content, pictures
from .content import Spec
from .generated import DEFAULT_ARTICLES
from .specs import build_specs
from .subscriber import ensure_demo_subscriber

DEMO_PASSWORD = "demo"
IMAGE_CREDIT = "Newsroom demo illustration"
PUBLISHED = Article.Status.PUBLISHED
# How many of each edition's newest pieces get a week of reads.
READ_PIECES = {"en": 25}
READ_PIECES_DEFAULT = 12
# Picks: what an editor would pin, by content type; the translated editions
# also pin features and opinion, which they have fewer of.
PICKED_TYPES = (Article.ContentType.ANALYSIS, Article.ContentType.INTERVIEW)
PICKED_TOO = (Article.ContentType.FEATURE, Article.ContentType.OPINION)


@dataclass
class LoadReport:
    """What one run created, and what the demo tables hold afterwards."""

    created: Counter = field(default_factory=Counter)
    totals: dict[str, int] = field(default_factory=dict)


class DemoConflict(Exception):
    """The database holds something the demo would have to change."""


def demo_users() -> list[content.DemoUser]:
    return content.staff()["users"]


def _ensure_users(report: LoadReport) -> dict[str, models.Model]:
    User = get_user_model()
    users = {}
    for demo in demo_users():
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "email": f"{demo.username}@newsroom.example",
                "is_staff": True,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=demo.role))
            report.created["users"] += 1
        elif not (user.is_staff and user.groups.filter(name=demo.role).exists()):
            # Someone's own account, not the demo's from an earlier run: its
            # password, staff status and groups are not the demo's to change
            # (an `editor` of a real newsroom must not become an Editor).
            raise DemoConflict(
                f"An account named '{demo.username}' already exists and is not "
                f"the demo's {demo.role}; the demo changes no existing account. "
                "Load it into another database."
            )
        users[demo.username] = user
    return users


def _fill_translations(
    row: Translatable, field_name: str, texts: dict[str, str], languages: list[str]
) -> int:
    """Give `row` the texts it lacks; one someone typed in the admin stays."""
    added = 0
    for language in languages:
        if language in texts and not row.translations.get(language, {}).get(field_name):
            row.set_translation(field_name, language, texts[language])
            added += 1
    return added


def _ensure_sections(report: LoadReport, languages: list[str]) -> dict[str, Section]:
    sections = {}
    for position, demo in enumerate(content.sections(), start=1):
        section = Section.objects.filter(
            models.Q(slug=demo.slug) | models.Q(name=demo.name)
        ).first()
        if section is None:
            section = Section(
                slug=demo.slug,
                name=demo.name,
                position=position * 10,
                description=demo.description,
            )
            _fill_translations(section, "name", demo.translations, languages)
            section.save()
            report.created["sections"] += 1
        else:
            added = _fill_translations(section, "name", demo.translations, languages)
            if added:
                section.save(update_fields=["translations"])
                report.created["section name translations"] += added
        sections[demo.slug] = section
    return sections


def _ensure_images(
    wanted: list[tuple[str, Callable[[], bytes], dict[str, object]]],
    report: LoadReport,
) -> dict[str, Image]:
    """Images by title, drawing only the missing ones (renditions are costly)."""
    titles = [title for title, _draw, _fields in wanted]
    found: dict[str, Image] = {}
    for image in Image.objects.filter(title__in=titles).order_by("pk"):
        found.setdefault(image.title, image)
    for title, draw, fields in wanted:
        if title in found:
            continue
        found[title] = Image.objects.create(
            title=title,
            file=ContentFile(draw(), name=f"{slugify(title)}.jpg"),
            credit=IMAGE_CREDIT,
            **fields,
        )
        report.created["images"] += 1
    # Made here rather than by the worker: the demo shows its pictures as
    # soon as it is loaded, and a loader interrupted earlier left some due.
    for image in found.values():
        if image.renditions_due:
            make_renditions(image)
    return found


def _article_images(report: LoadReport) -> dict[str, Image]:
    return _ensure_images(
        [
            (
                image.title,
                lambda image=image: pictures.article_picture(image),
                {"caption": image.caption, "alt_text": image.alt_text},
            )
            for image in content.images()
        ],
        report,
    )


def _portraits(report: LoadReport) -> dict[str, Image]:
    return _ensure_images(
        [
            (
                pictures.portrait_title(author),
                lambda author=author: pictures.portrait_picture(author),
                {
                    "caption": author.name,
                    "alt_text": f"Placeholder portrait of {author.name}",
                    "focal_y": 0.4,
                },
            )
            for author in content.authors()
        ],
        report,
    )


def _create_author(
    demo: content.DemoAuthor, photo: Image, languages: list[str]
) -> tuple[Author, list[ExpertiseLine], list[SocialLink]]:
    author = Author.objects.create(
        name=demo.name,
        slug=demo.slug,
        photo=photo,
        degree=demo.degree,
        school=demo.school,
        city=demo.city,
        country=demo.country,
        biography=demo.biography,
        email=f"{demo.slug}@newsroom.example",
    )
    translations = content.expertise_translations()
    lines = []
    for position, text in enumerate(demo.expertise):
        line = ExpertiseLine(author=author, text=text, position=position)
        _fill_translations(line, "text", translations.get(text, {}), languages)
        lines.append(line)
    links = [
        SocialLink(author=author, network=network, url=url, position=position)
        for position, (network, url) in enumerate(demo.social)
    ]
    return author, lines, links


def _translate_expertise(report: LoadReport, languages: list[str]) -> None:
    """Lines loaded before the editions existed get their translations now."""
    translations = content.expertise_translations()
    untranslated = []
    for line in ExpertiseLine.objects.filter(
        author__slug__in=[a.slug for a in content.authors()],
        text__in=translations,
    ):
        added = _fill_translations(line, "text", translations[line.text], languages)
        if added:
            untranslated.append(line)
            report.created["expertise line translations"] += added
    ExpertiseLine.objects.bulk_update(untranslated, ["translations"])


def _ensure_authors(
    journalist: models.Model, report: LoadReport, languages: list[str]
) -> dict[str, Author]:
    photos = _portraits(report)
    demo_authors = content.authors()
    existing = {
        a.slug: a
        for a in Author.objects.filter(slug__in=[a.slug for a in demo_authors])
    }
    lines, links = [], []
    for demo in demo_authors:
        if demo.slug in existing:
            continue
        photo = photos[pictures.portrait_title(demo)]
        author, its_lines, its_links = _create_author(demo, photo, languages)
        existing[demo.slug] = author
        lines += its_lines
        links += its_links
        report.created["authors"] += 1
    ExpertiseLine.objects.bulk_create(lines)
    SocialLink.objects.bulk_create(links)
    report.created["expertise lines"] += len(lines)
    report.created["social links"] += len(links)
    _translate_expertise(report, languages)

    profile = existing[content.staff()["journalist_author"]]
    if profile.user_id is None and not Author.objects.filter(user=journalist).exists():
        profile.user = journalist
        profile.save(update_fields=["user"])
    return existing


def _ensure_tags(names: set[str]) -> dict[str, Tag]:
    """Tags by name, matched on name or slug as taggit's case-insensitive
    mode does, creating only the missing ones."""
    slugs = {name: slugify(name) for name in names}

    def lookup() -> dict[str, Tag]:
        found: dict[str, Tag] = {}
        for tag in Tag.objects.filter(
            models.Q(name__in=names) | models.Q(slug__in=slugs.values())
        ):
            found[tag.slug] = found[tag.name.lower()] = tag
        return found

    found = lookup()
    missing = sorted(
        name for name in names if name.lower() not in found and slugs[name] not in found
    )
    if missing:
        Tag.objects.bulk_create([Tag(name=name, slug=slugs[name]) for name in missing])
        found = lookup()
    return {name: found.get(name.lower()) or found[slugs[name]] for name in names}


def _article(
    spec: Spec,
    *,
    now: datetime,
    sections: dict[str, Section],
    images: dict[str, Image],
    created_by: models.Model | None,
    translation_of_id: int | None = None,
) -> Article:
    published_at = None
    if spec.age is not None:
        published_at = (now - spec.age).replace(second=0, microsecond=0)
    # A spec names most content fields as the article does; the others it
    # gives by name (section, picture, original) or implies (a partner makes
    # it partner content), and the rest keep the model's defaults.
    fields = {
        name: getattr(spec, name)
        for name in Article.CONTENT_FIELDS
        if hasattr(spec, name)
    }
    return Article(
        **fields,
        section=sections[spec.section],
        hero_image=images.get(spec.image) if spec.image else None,
        translation_of_id=translation_of_id,
        is_sponsored=bool(spec.partner_name),
        status=spec.status,
        published_at=published_at,
        first_published_at=published_at if spec.status == PUBLISHED else None,
        created_by=created_by,
    )


def _missing(specs: list[Spec]) -> list[Spec]:
    """The specs not in the database yet. A translation someone started in
    the admin (under another address) already fills its language."""
    existing = set(
        Article.objects.filter(slug__in=[s.slug for s in specs]).values_list(
            "slug", flat=True
        )
    )
    new = [s for s in specs if s.slug not in existing]
    taken = set(
        Article.objects.filter(
            translation_of__slug__in={s.translation_of for s in new if s.translation_of}
        ).values_list("translation_of__slug", "language")
    )
    return [s for s in new if (s.translation_of, s.language) not in taken]


@dataclass
class _Saving:
    """What saving articles needs, and the ids it hands on."""

    now: datetime
    sections: dict[str, Section]
    authors: dict[str, Author]
    images: dict[str, Image]
    users: dict[str, models.Model]
    pks: dict[str, int] = field(default_factory=dict)
    published: dict[str, datetime | None] = field(default_factory=dict)


def _save_articles(new: list[Spec], saving: _Saving) -> None:
    # One save() per piece rather than bulk_create: save() is where a row is
    # made consistent (slug, sanitised body, search document), and a few
    # hundred saves cost little next to drawing the image renditions.
    # Originals go first so translations can point at them.
    journalist = saving.users["journalist"]
    own = [content.staff()["journalist_author"]]
    saving.pks.update(
        Article.objects.filter(
            slug__in=[s.translation_of for s in new if s.translation_of]
        ).values_list("slug", "pk")
    )
    for spec in sorted(new, key=lambda s: s.translation_of is not None):
        article = _article(
            spec,
            now=saving.now,
            sections=saving.sections,
            images=saving.images,
            created_by=journalist if spec.authors[:1] == own else None,
            translation_of_id=saving.pks.get(spec.translation_of),
        )
        article.save()
        saving.pks[spec.slug] = article.pk
        saving.published[spec.slug] = article.published_at
    # Back-date the bookkeeping so the admin's "created" and "updated"
    # columns match the story's time instead of the moment of loading.
    Article.objects.filter(
        pk__in=[saving.pks[s.slug] for s in new], published_at__lte=saving.now
    ).update(created_at=models.F("published_at"), updated_at=models.F("published_at"))


def _link_articles(new: list[Spec], saving: _Saving, report: LoadReport) -> None:
    """Bylines, related links and tags of the articles just saved."""
    pks = saving.pks
    pks.update(
        Article.objects.filter(
            slug__in=[t for s in new for t in s.related if t not in pks]
        ).values_list("slug", "pk")
    )
    bylines = [
        Byline(
            article_id=pks[s.slug],
            author=saving.authors[slug],
            position=position,
            published_at=saving.published[s.slug],
        )
        for s in new
        for position, slug in enumerate(s.authors)
        if slug in saving.authors
    ]
    related = [
        RelatedArticle(article_id=pks[s.slug], target_id=pks[slug], position=position)
        for s in new
        for position, slug in enumerate(s.related)
        if slug in pks and slug != s.slug
    ]
    tags = _ensure_tags({name for s in new for name in s.tags})
    content_type = ContentType.objects.get_for_model(Article)
    tagged = [
        TaggedItem(content_type=content_type, object_id=pks[s.slug], tag=tags[name])
        for s in new
        for name in dict.fromkeys(s.tags)
    ]
    Byline.objects.bulk_create(bylines)
    RelatedArticle.objects.bulk_create(related)
    TaggedItem.objects.bulk_create(tagged, ignore_conflicts=True)
    report.created["bylines"] += len(bylines)
    report.created["related links"] += len(related)
    report.created["tagged items"] += len(tagged)


def _walk_workflow(article: Article, spec: Spec, saving: _Saving) -> None:
    """Move a demo draft to its state through the real workflow, so its
    history shows who submitted, returned or scheduled it, and why."""
    editor = saving.users["editor"]
    workflow.submit(article, by=saving.users["journalist"])
    if spec.workflow == Article.Status.RETURNED:
        comment = content.english_phrases()["return_comment"]
        workflow.return_to_author(article, by=editor, comment=comment)
    elif spec.workflow == workflow.SCHEDULED:
        at = (saving.now + spec.ahead).replace(second=0, microsecond=0)
        workflow.schedule(article, by=editor, at=at)


def _ensure_articles(specs: list[Spec], saving: _Saving, report: LoadReport) -> None:
    new = _missing(specs)
    if not new:
        return
    _save_articles(new, saving)
    report.created["articles"] += len(new)
    _link_articles(new, saving, report)
    for spec in new:
        if spec.workflow:
            article = Article.objects.get(pk=saving.pks[spec.slug])
            _walk_workflow(article, spec, saving)


def demo_totals() -> dict[str, int]:
    """Row counts of everything the demo fills, for the command's summary."""
    per_edition = dict(
        Article.objects.order_by()
        .values_list("language")
        .annotate(n=models.Count("pk"))
        .values_list("language", "n")
    )
    return {
        "sections": Section.objects.count(),
        "authors": Author.objects.count(),
        "expertise lines": ExpertiseLine.objects.count(),
        "social links": SocialLink.objects.count(),
        "images": Image.objects.count(),
        "articles": Article.objects.count(),
        **{
            f"in {LANG_INFO[code]['name']}": per_edition.get(code, 0)
            for code in editions.codes()
        },
        "translations": Article.objects.exclude(translation_of=None).count(),
        "bylines": Byline.objects.count(),
        "related links": RelatedArticle.objects.count(),
        "tags": Tag.objects.count(),
        "tagged items": TaggedItem.objects.count(),
        "ticker items": TickerItem.objects.count(),
        "curated items": CuratedItem.objects.count(),
        "follow-us links": FollowLink.objects.count(),
        "read counts": ReadCount.objects.count(),
        "staff users": get_user_model().objects.filter(is_staff=True).count(),
    }


def _ensure_ticker(now: datetime, report: LoadReport, languages: list[str]) -> None:
    items = content.ticker()
    existing = set(TickerItem.objects.values_list("language", "text"))
    linked = dict(
        Article.objects.filter(
            slug__in=[item.article for item in items if item.article]
        ).values_list("slug", "pk")
    )
    for item in items:
        if item.language not in languages or (item.language, item.text) in existing:
            continue
        start = now + timedelta(hours=item.starts_hours)
        lasts = item.lasts_hours
        TickerItem.objects.create(
            language=item.language,
            text=item.text,
            article_id=linked.get(item.article),
            is_breaking=item.breaking,
            priority=item.priority,
            starts_at=start,
            ends_at=start + timedelta(hours=lasts) if lasts else None,
        )
        report.created["ticker items"] += 1


def _ensure_picks(
    picks: CuratedList, language: str, live: list[Article], report: LoadReport
) -> None:
    # Each edition shows the picks in its language, so each gets its own.
    if picks.items.filter(article__language=language).exists():
        return
    chosen = [a for a in live if a.content_type in PICKED_TYPES]
    if language != content.ORIGINAL_LANGUAGE:
        chosen += [a for a in live if a.content_type in PICKED_TOO]
    chosen = chosen[:5]
    CuratedItem.objects.bulk_create(
        CuratedItem(curated_list=picks, article=article, position=n)
        for n, article in enumerate(chosen)
    )
    report.created["curated items"] += len(chosen)


def _ensure_reads(
    now: datetime, language: str, live: list[Article], report: LoadReport
) -> None:
    """A week of reads for the edition's newest pieces, for "most read"."""
    today = timezone.localdate(now)
    seed = 7 if language == content.ORIGINAL_LANGUAGE else f"7:{language}"
    rng = random.Random(seed)
    for article in live[: READ_PIECES.get(language, READ_PIECES_DEFAULT)]:
        for days_ago in range(7):
            _count, created = ReadCount.objects.get_or_create(
                article=article,
                day=today - timedelta(days=days_ago),
                defaults={"count": rng.randint(20, 900)},
            )
            report.created["read counts"] += created


def _ensure_furniture(now: datetime, report: LoadReport, languages: list[str]) -> None:
    """Follow-us links, each edition's ticker, editor's picks and a week of
    reads."""
    for position, link in enumerate(content.staff()["follow_links"]):
        _link, created = FollowLink.objects.get_or_create(
            network=link["network"],
            defaults={"label": link["label"], "url": link["url"], "position": position},
        )
        report.created["follow-us links"] += created
    _ensure_ticker(now, report, languages)
    picks, _created = CuratedList.objects.get_or_create(
        slug=EDITORS_PICKS, defaults={"name": "Editor's picks"}
    )
    for language in languages:
        live = list(
            Article.objects.published(at=now)
            .in_edition(language)
            .exclude(is_sponsored=True)
            .order_by("-published_at", "pk")[:60]
        )
        _ensure_picks(picks, language, live, report)
        _ensure_reads(now, language, live, report)


def load_demo_newsroom(
    *, articles: int = DEFAULT_ARTICLES, now: datetime | None = None
) -> LoadReport:
    """Fill the database with the demo agency, adding only what is missing.

    `articles` is the size of the English edition; the hand-written stories
    (every content type, marker and language) are always included. Publish
    times are relative to `now`, so the front page looks fresh on first load.
    """
    now = now or timezone.now()
    report = LoadReport()
    # Only the editions this site runs (NEWSROOM_LANGUAGES).
    languages = editions.codes()
    specs = [spec for spec in build_specs(articles) if spec.language in languages]
    with transaction.atomic():
        # The groups normally exist after migrate; this covers a database
        # migrated before the roles table existed.
        roles.sync_roles()
        users = _ensure_users(report)
        saving = _Saving(
            now=now,
            sections=_ensure_sections(report, languages),
            images=_article_images(report),
            authors=_ensure_authors(users["journalist"], report, languages),
            users=users,
        )
        _ensure_articles(specs, saving, report)
        _ensure_furniture(now, report, languages)
        report.created["API subscribers"] += ensure_demo_subscriber()
    # The Incoming queue's own wire sources read the editions' feeds, so
    # they come once the articles are committed.
    sources = Source.objects.count()
    create_demo_sources()
    report.created["wire sources"] += Source.objects.count() - sources
    report.totals = demo_totals()
    return report
