"""Generated English pieces, assembled from `en/phrases.yaml`.

Piece N is drawn with its own `random.Random`, seeded by N, so it reads the
same on every machine and on every run whatever the total. The order of the
draws is part of the content: changing it rewrites every generated piece.
"""

from __future__ import annotations

import random
from datetime import timedelta
from functools import cache
from typing import Any

from articles.models import Article

from . import content

SEED = "newsroom-demo"
DEFAULT_ARTICLES = 320
# A fixed spacing (not one derived from `articles`) keeps article N at the
# same age whatever the total; the default set then covers sixty days.
SPACING = timedelta(days=60) / DEFAULT_ARTICLES

NEWS = Article.ContentType.NEWS
ANALYSIS = Article.ContentType.ANALYSIS
INTERVIEW = Article.ContentType.INTERVIEW
OPINION = Article.ContentType.OPINION
FEATURE = Article.ContentType.FEATURE
PRESS_RELEASE = Article.ContentType.PRESS_RELEASE


@cache
def bank() -> dict[str, Any]:
    """The English phrase bank, with each section's frames, interviewees and
    features as the tuples the draws unpack."""
    phrases = dict(content.english_phrases())
    phrases["sections"] = {
        name: {
            **section,
            "frames": [(f["frame"], f["tags"]) for f in section["frames"]],
            "interviewees": [
                (i["person"], i["role"], i["quote"], i["topic"])
                for i in section["interviewees"]
            ],
            "features": [
                (f["people"], f["activity"], f["cities"]) for f in section["features"]
            ],
        }
        for name, section in phrases["sections"].items()
    }
    return phrases


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def fill(template: str, ctx: dict[str, str]) -> str:
    return template.format(**ctx)


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def context(rng: random.Random, section: str, content_type: str) -> dict[str, str]:
    """One set of slot values per article, so headline, lead and body agree."""
    phrases = bank()
    copy = phrases["sections"][section]
    city2, city3 = rng.sample(phrases["nearby_cities"], 2)
    person, role, quote, own_topic = rng.choice(copy["interviewees"])
    people, activity, feature_cities = rng.choice(copy["features"])
    # An interviewee talks about their own subject, not a random one.
    topic = own_topic if content_type == INTERVIEW else rng.choice(copy["topics"])
    speaker = rng.choice(copy["speakers"])
    ctx: dict[str, str] = {
        "city": rng.choice(copy["cities"]),
        "city2": city2,
        "city3": city3,
        "pct": f"{rng.uniform(1.5, 19.5):.1f}",
        "n": str(rng.randint(3, 48)),
        "n2": str(rng.randint(4, 30)),
        "amount": str(rng.randint(12, 940)),
        "price": f"{rng.uniform(62, 88):.2f}",
        "month": rng.choice(phrases["months"]),
        "weekday": rng.choice(phrases["weekdays"]),
        "period": rng.choice(phrases["periods"]),
        "speaker": speaker,
        "Speaker": cap(speaker),
        "ministry": rng.choice(copy["ministries"]),
        "topic": topic,
        "Topic": cap(topic),
        "person": person,
        "role": role,
        "Role": cap(role),
        "quote": quote,
        "people": people,
        "People": cap(people),
        "activity": activity,
        "fcity": rng.choice(feature_cities),
        **rng.choice(phrases["partners"]),
    }
    for key, values in {**phrases["press_release_slots"], **copy["slots"]}.items():
        ctx[key] = rng.choice(values)
    if "team" in ctx and ctx["team2"] == ctx["team"]:
        teams = phrases["teams"]
        ctx["team2"] = teams[(teams.index(ctx["team"]) + 1) % len(teams)]
    return ctx


def _paragraphs(texts: list[str], ctx: dict[str, str]) -> str:
    return "".join(f"<p>{fill(t, ctx)}</p>" for t in texts)


def _sections(sections: list[dict[str, Any]], ctx: dict[str, str]) -> str:
    return "".join(
        (f"<h2>{s['title']}</h2>" if s["title"] else "")
        + _paragraphs(s["paragraphs"], ctx)
        for s in sections
    )


def _news_body(rng: random.Random, ctx: dict[str, str], headline: str) -> str:
    news = bank()["news"]
    quote = {
        "news_quote": rng.choice(news["quotes"]),
        "attribution": rng.choice(news["attributions"]),
    }
    return (
        _paragraphs([news["first_paragraph"]], {**ctx, "headline": headline})
        + _paragraphs([rng.choice(news["openings"])], ctx)
        + _paragraphs(rng.sample(news["details"], rng.randint(1, 3)), ctx)
        + _paragraphs([news["quote_paragraph"]], quote)
        + _paragraphs([rng.choice(news["closings"])], ctx)
    )


def _interview_body(rng: random.Random, ctx: dict[str, str]) -> str:
    questions = [(q["question"], q["answer"]) for q in bank()["interview_questions"]]
    # The third question is always asked, second.
    pairs = rng.sample(questions[:2] + questions[3:], 2)
    pairs.insert(1, questions[2])
    return _paragraphs([bank()["interview_intro"]], ctx) + "".join(
        f"<p><strong>{fill(q, ctx)}</strong></p><p>{fill(a, ctx)}</p>" for q, a in pairs
    )


def body(
    rng: random.Random, content_type: str, ctx: dict[str, str], headline: str
) -> str:
    phrases = bank()
    if content_type == NEWS:
        return _news_body(rng, ctx, headline)
    if content_type == ANALYSIS:
        return _sections(phrases["analysis_sections"], ctx)
    if content_type == INTERVIEW:
        return _interview_body(rng, ctx)
    if content_type == OPINION:
        return (
            _paragraphs(phrases["opinion_paragraphs"], ctx)
            + phrases["opinion_disclaimer"]
        )
    if content_type == FEATURE:
        ctx = {**ctx, "quote": rng.choice(phrases["feature_quotes"])}
        return _sections(phrases["feature_sections"], ctx)
    paragraphs = phrases["press_release_paragraphs"]
    return _paragraphs(paragraphs[: rng.randint(3, 5)], ctx)


def _headline(
    rng: random.Random, content_type: str, section: str, ctx: dict[str, str]
) -> tuple[str, list[str]]:
    """A headline and the tags it implies."""
    if content_type == NEWS:
        frame, tags = rng.choice(bank()["sections"][section]["frames"])
        return fill(frame, ctx), list(tags)
    implied = {ANALYSIS: ["Analysis"], INTERVIEW: ["Interview"]}
    frames = bank()["headlines"][content_type]
    return fill(rng.choice(frames), ctx), implied.get(content_type, [])


def _choose_authors(rng: random.Random, section: str, content_type: str) -> list[str]:
    if content_type == PRESS_RELEASE:
        return []
    if content_type == NEWS and rng.random() < 0.3:
        return []  # An agency byline: desk copy nobody signs.
    in_section = [a.slug for a in content.authors() if section in a.sections]
    preferred = content.preferred_authors().get(content_type, ())
    pool = [s for s in preferred if s in in_section] or in_section
    first = rng.choice(pool)
    second_chance = 0.25 if content_type in (INTERVIEW, FEATURE) else 0.1
    others = [s for s in in_section if s != first]
    if others and rng.random() < second_chance:
        return [first, rng.choice(others)]
    return [first]


def _markers(rng: random.Random, spec: content.Spec, ctx: dict[str, str]) -> None:
    """Urgency, exclusivity, video, photos and partner content, drawn in a
    fixed order (the draws are part of the content)."""
    kind, section = spec.content_type, spec.section
    if kind == PRESS_RELEASE:
        spec.source = fill(bank()["press_release_source"], ctx)
        spec.dateline_city = "Baku"
    roll = rng.random()
    if kind == NEWS and roll < 0.05:
        spec.urgency = rng.choice([1, 2, 2])
    if kind in (NEWS, INTERVIEW, ANALYSIS) and rng.random() < 0.06:
        spec.is_exclusive = True
    if kind in (NEWS, INTERVIEW, FEATURE) and rng.random() < 0.1:
        spec.has_video = True
    if kind in (NEWS, FEATURE) and rng.random() < (0.35 if kind == FEATURE else 0.08):
        spec.has_photos = True
    if kind in (NEWS, FEATURE) and section == "economy" and rng.random() < 0.1:
        spec.partner_name = rng.choice(bank()["sponsors"])
        spec.authors = []


def _section_and_type(rng: random.Random) -> tuple[str, str]:
    phrases = bank()
    sections = phrases["sections"]
    names = list(sections)
    section = rng.choices(names, weights=[sections[s]["weight"] for s in names])[0]
    default = "sport_type_weights" if section == "sport" else "content_type_weights"
    weights = sections[section].get("types", phrases[default])
    return section, _weighted(rng, weights)


def generated(index: int, used: set[str]) -> content.Spec:
    """The index-th generated piece; depends only on `index` and the
    headlines already `used`, which it extends."""
    rng = random.Random(f"{SEED}:{index}")
    section, content_type = _section_and_type(rng)
    # Retry a few times so the same headline is not printed twice.
    for _attempt in range(8):
        ctx = context(rng, section, content_type)
        headline, tags = _headline(rng, content_type, section, ctx)
        if headline not in used:
            break
    used.add(headline)

    section_tags = bank()["sections"][section]["tags"]
    extra = [t for t in section_tags if t not in tags]
    # Every piece gets at least one tag: tag pages are how readers follow a topic.
    tags = tags + rng.sample(
        extra, rng.choice([0, 0, 1]) if tags else rng.randint(1, 2)
    )
    images = [image.title for image in content.images() if image.section == section]
    spec = content.Spec(
        slug="",
        headline=headline,
        lead=fill(rng.choice(bank()["leads"][content_type]), ctx),
        body=body(rng, content_type, ctx, headline),
        section=section,
        content_type=content_type,
        age=timedelta(minutes=40) + SPACING * index + SPACING * rng.random(),
        authors=_choose_authors(rng, section, content_type),
        tags=tags,
        image=rng.choice(images) if rng.random() < 0.9 else None,
        dateline_city=ctx["fcity"] if content_type == FEATURE else ctx["city"],
    )
    _markers(rng, spec, ctx)
    return spec
