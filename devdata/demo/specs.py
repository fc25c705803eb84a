"""Every demo article as a `Spec`: the hand-written stories, the generated
English pieces, the translations and each edition's own pieces."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

from django.utils.text import slugify

from articles import workflow
from articles.models import Article, transliterate

from . import content, generated
from .content import Spec, Translation

LONG_ANALYSIS_SLUG = "caspian-energy-corridor-analysis"
# Each edition's own pieces go live this far apart, newest first.
EDITION_SPACING = timedelta(hours=4)

# Generated positions that stay in the workflow rather than going live, so
# the admin has drafts, a submission, a returned piece and embargoes to show.
# Scheduled pieces carry how far ahead their publish time is.
WORKFLOW_OVERRIDES: dict[int, tuple[str, timedelta | None]] = {
    2: (workflow.DRAFT, None),
    5: (workflow.SUBMITTED, None),
    9: (workflow.DRAFT, None),
    12: (workflow.SCHEDULED, timedelta(hours=3)),
    14: (workflow.RETURNED, None),
    17: (workflow.SCHEDULED, timedelta(hours=27)),
    21: (workflow.DRAFT, None),
}


def _unique_slug(base: str, slugs: set[str]) -> str:
    slug, n = base, 2
    while slug in slugs:
        slug, n = f"{base}-{n}", n + 1
    slugs.add(slug)
    return slug


def _translation(original: Spec, translation: Translation, language: str) -> Spec:
    """The original's translation into `language`, live a few minutes after
    it: same section, tags, bylines, picture and markers."""
    age = None
    if original.age is not None:
        delay = timedelta(minutes=translation.delay_minutes)
        age = max(original.age - delay, timedelta(minutes=2))
    return replace(
        original,
        slug=f"{original.slug}-{language}",
        headline=translation.headline,
        lead=translation.lead,
        body=content.html(translation.body),
        source=translation.source or original.source,
        dateline_city=content.city(original.dateline_city, language),
        language=language,
        translation_of=original.slug,
        age=age,
        authors=list(original.authors),
        tags=list(original.tags),
        related=[],
        ctx={},
    )


def _edition_body(
    language: str, piece: content.EditionPiece, rng: random.Random
) -> str:
    phrases = content.edition_phrases(language)
    if piece.content_type == Article.ContentType.PRESS_RELEASE:
        blocks = [piece.detail, *phrases.press]
    else:
        first, second = phrases.sections[piece.section]
        blocks = [
            piece.detail,
            first,
            "## " + rng.choice(phrases.subheadings),
            second,
            rng.choice(phrases.closings),
        ]
    if piece.partner_name:
        blocks.append("_ " + phrases.partner_note.format(partner=piece.partner_name))
    return content.html(blocks)


def _edition_piece(
    language: str, piece: content.EditionPiece, age: timedelta, slug: str
) -> Spec:
    rng = random.Random(f"{generated.SEED}:{language}:{slug}")
    body = _edition_body(language, piece, rng)
    images = [i.title for i in content.images() if i.section == piece.section]
    spec = Spec(
        slug=slug,
        headline=piece.headline,
        lead=piece.lead,
        body=body,
        section=piece.section,
        content_type=piece.content_type,
        age=age,
        authors=list(piece.authors),
        tags=list(piece.tags),
        image=piece.image or rng.choice(images),
        dateline_city=content.city(piece.city, language),
        source=piece.source,
        is_exclusive=piece.is_exclusive,
        has_video=piece.has_video,
        has_photos=piece.has_photos,
        partner_name=piece.partner_name,
        language=language,
    )
    if piece.ahead_minutes is not None:
        # Saved as a draft; the loader schedules it through the workflow.
        spec.status, spec.age = Article.Status.DRAFT, None
        spec.workflow = workflow.SCHEDULED
        spec.ahead = timedelta(minutes=piece.ahead_minutes)
    return spec


def _own_pieces(language: str, slugs: set[str]) -> list[Spec]:
    """The edition's own pieces, spread over the last few days in an order
    drawn once per edition."""
    pieces = content.edition(language).pieces
    rng = random.Random(f"{generated.SEED}:{language}:ages")
    order = list(range(len(pieces)))
    rng.shuffle(order)
    specs = []
    for rank, piece in zip(order, pieces, strict=True):
        base = slugify(transliterate(piece.headline))[:200].strip("-")
        slug = _unique_slug(base, slugs)
        age = (
            timedelta(minutes=25)
            + EDITION_SPACING * rank
            + timedelta(minutes=rng.randint(0, 90))
        )
        specs.append(_edition_piece(language, piece, age, slug))
    return specs


def _edition_specs(english: list[Spec], slugs: set[str]) -> list[Spec]:
    """The translations of the stories every edition runs, then each
    edition's own pieces."""
    by_slug = {spec.slug: spec for spec in english}
    specs = [
        _translation(by_slug[slug], translation, language)
        for slug, translations in content.stories_in_every_edition()
        for language, translation in zip(
            content.TRANSLATION_LANGUAGES, translations, strict=True
        )
    ]
    for language in content.TRANSLATION_LANGUAGES:
        specs += _own_pieces(language, slugs)
    return specs


def _in_workflow(spec: Spec, stage: str, ahead: timedelta | None) -> None:
    """Make a generated piece a draft the loader walks to `stage`."""
    spec.status, spec.age = Article.Status.DRAFT, None
    spec.workflow = "" if stage == workflow.DRAFT else stage
    spec.ahead = ahead
    # The journalist account owns the workflow pieces.
    spec.authors = [content.staff()["journalist_author"]]
    spec.partner_name = ""


def build_specs(articles: int = generated.DEFAULT_ARTICLES) -> list[Spec]:
    """Every demo article, deterministic: the same list on every call.

    `articles` is the size of the English edition: the hand-written English
    stories come first and are always included, and generated pieces fill
    the rest. The translations and the Azerbaijani and Russian editions'
    own pieces follow, always.
    """
    specs = [
        replace(spec, authors=list(spec.authors), tags=list(spec.tags))
        for spec in content.english_stories()
    ]
    used = {spec.headline for spec in specs}
    slugs = {spec.slug for spec in specs}
    for index in range(max(articles - len(specs), 0)):
        spec = generated.generated(index, used)
        spec.slug = _unique_slug(slugify(spec.headline)[:200].strip("-"), slugs)
        if index in WORKFLOW_OVERRIDES:
            _in_workflow(spec, *WORKFLOW_OVERRIDES[index])
        specs.append(spec)
    for spec in specs:
        if not spec.body:
            rng = random.Random(f"{generated.SEED}:body:{spec.slug}")
            ctx = generated.context(rng, spec.section, spec.content_type)
            ctx.update(spec.ctx)
            spec.body = generated.body(rng, spec.content_type, ctx, spec.headline)
    specs += _edition_specs(specs, slugs)
    _link_related(specs)
    return specs


def _link_related(specs: list[Spec]) -> None:
    """Give a good share of live pieces 1-3 older pieces of their edition
    and section to point to."""
    live = [s for s in specs if s.is_live]
    by_section: dict[tuple[str, str], list[Spec]] = {}
    for spec in sorted(live, key=lambda s: s.age):
        by_section.setdefault((spec.language, spec.section), []).append(spec)
    for spec in live:
        rng = random.Random(f"{generated.SEED}:related:{spec.slug}")
        if spec.slug != LONG_ANALYSIS_SLUG and rng.random() > 0.6:
            continue
        siblings = by_section[spec.language, spec.section]
        older = [s for s in siblings if s.age > spec.age][:20]
        if not older:
            continue
        picks = rng.sample(older, min(len(older), rng.randint(1, 3)))
        spec.related = [s.slug for s in picks]
