"""The demo's texts, read from the YAML files in `devdata/data/`.

Each reader returns typed rows and is cached: the files are read once per
process. An unknown key in a file fails as a TypeError naming the field;
translations of unknown stories, or editions that translate different
stories, fail with a message naming the files. tests/devdata checks that
every slug, title and section the files mention is defined.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from articles.models import Article

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ORIGINAL_LANGUAGE = "en"
TRANSLATION_LANGUAGES = ("az", "ru")
LANGUAGES = (ORIGINAL_LANGUAGE, *TRANSLATION_LANGUAGES)
PUBLISHED = Article.Status.PUBLISHED
ZERO = timedelta(0)


def read(name: str) -> Any:
    """The parsed contents of `devdata/data/<name>`."""
    with (DATA_DIR / name).open(encoding="utf-8") as file:
        return yaml.safe_load(file)


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str


@dataclass(frozen=True)
class DemoSection:
    slug: str
    name: str
    description: str
    translations: dict[str, str]


@dataclass(frozen=True)
class DemoAuthor:
    name: str
    slug: str
    colour: str
    expertise: tuple[str, ...]
    degree: str
    school: str
    city: str
    biography: str
    social: tuple[tuple[str, str], ...]
    sections: tuple[str, ...]
    country: str = "Azerbaijan"


@dataclass(frozen=True)
class DemoImage:
    title: str
    section: str
    motif: str
    top: str
    bottom: str
    accent: str
    caption: str
    alt_text: str


@dataclass
class Spec:
    """One article as the demo describes it, before it becomes a row."""

    slug: str
    headline: str
    lead: str
    body: str
    section: str
    content_type: str
    # How long ago it went live; negative for scheduled, None if never.
    age: timedelta | None
    status: str = PUBLISHED
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    dateline_city: str = "Baku"
    source: str = ""
    urgency: int = 5
    is_exclusive: bool = False
    has_video: bool = False
    has_photos: bool = False
    partner_name: str = ""
    language: str = "en"
    translation_of: str | None = None
    related: list[str] = field(default_factory=list)
    # Where the workflow takes the piece after it is saved as a draft:
    # "submitted", "returned" or "scheduled" (`ahead` of the load time).
    workflow: str = ""
    ahead: timedelta | None = None
    # Slot values the generated body must use, for hand-written headlines.
    ctx: dict[str, str] = field(default_factory=dict)

    @property
    def is_live(self) -> bool:
        return self.status == PUBLISHED and self.age is not None and self.age > ZERO


@dataclass(frozen=True)
class Translation:
    """An English story told in another edition."""

    translates: str
    delay_minutes: int
    headline: str
    lead: str
    body: tuple[str, ...]
    source: str = ""


@dataclass(frozen=True)
class EditionPiece:
    """A story only one edition runs: its own headline, lead and first
    paragraph, the rest of the body from that edition's phrases."""

    section: str
    headline: str
    lead: str
    detail: str
    tags: tuple[str, ...]
    authors: tuple[str, ...] = ()
    content_type: str = Article.ContentType.NEWS
    city: str = "Baku"
    is_exclusive: bool = False
    has_video: bool = False
    has_photos: bool = False
    partner_name: str = ""
    source: str = ""
    image: str | None = None
    ahead_minutes: int | None = None


@dataclass(frozen=True)
class EditionPhrases:
    """Paragraphs that fit any piece of a section in one edition."""

    sections: dict[str, tuple[str, str]]
    press: tuple[str, ...]
    subheadings: tuple[str, ...]
    closings: tuple[str, ...]
    partner_note: str
    cities: dict[str, str]


@dataclass(frozen=True)
class DemoTicker:
    language: str
    text: str
    priority: int
    # Hours from the load it starts (negative: already running) and lasts
    # (None: until someone ends it).
    starts_hours: int
    lasts_hours: int | None = None
    breaking: bool = False
    article: str | None = None  # the slug of the piece it links to


@dataclass(frozen=True)
class Edition:
    """One non-English edition: its translations and its own pieces."""

    translations: tuple[Translation, ...]
    pieces: tuple[EditionPiece, ...]


def html(blocks: tuple[str, ...] | list[str]) -> str:
    """Body HTML from plain blocks: "## " opens a subheading, "? " is an
    interview question, "- " a list item (neighbours share one list), "_ "
    an italic note; any other block is a paragraph."""
    parts: list[str] = []
    items: list[str] = []
    for block in blocks:
        if block.startswith("- "):
            items.append(f"<li>{block[2:]}</li>")
            continue
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if block.startswith("## "):
            parts.append(f"<h2>{block[3:]}</h2>")
        elif block.startswith("? "):
            parts.append(f"<p><strong>{block[2:]}</strong></p>")
        elif block.startswith("_ "):
            parts.append(f"<p><em>{block[2:]}</em></p>")
        else:
            parts.append(f"<p>{block}</p>")
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    return "".join(parts)


@cache
def staff() -> dict[str, Any]:
    data = read("staff.yaml")
    data["users"] = [DemoUser(**user) for user in data["users"]]
    return data


@cache
def sections() -> list[DemoSection]:
    return [DemoSection(**row) for row in read("sections.yaml")]


@cache
def authors() -> list[DemoAuthor]:
    return [_author(row) for row in read("authors.yaml")["authors"]]


def _author(row: dict[str, Any]) -> DemoAuthor:
    return DemoAuthor(
        **{
            **row,
            "expertise": tuple(line["text"] for line in row["expertise"]),
            "social": tuple((link["network"], link["url"]) for link in row["social"]),
            "sections": tuple(row["sections"]),
        }
    )


@cache
def expertise_translations() -> dict[str, dict[str, str]]:
    """Every expertise line's texts in the other editions, by its English text."""
    return {
        line["text"]: {k: v for k, v in line.items() if k != "text"}
        for row in read("authors.yaml")["authors"]
        for line in row["expertise"]
    }


@cache
def preferred_authors() -> dict[str, tuple[str, ...]]:
    """Who writes each opinion-led content type first."""
    return {
        content_type: tuple(slugs)
        for content_type, slugs in read("authors.yaml")["preferred"].items()
    }


@cache
def images() -> list[DemoImage]:
    return [DemoImage(**row) for row in read("images.yaml")]


@cache
def english_stories() -> tuple[Spec, ...]:
    """The English edition's hand-written pieces, in the file's order."""
    return tuple(_english(row) for row in read(f"{ORIGINAL_LANGUAGE}/stories.yaml"))


def _english(row: dict[str, Any]) -> Spec:
    row = dict(row)
    blocks, body_html = row.pop("body", None), row.pop("body_html", "")
    minutes = row.pop("minutes_ago")
    return Spec(
        **row,
        body=html(blocks) if blocks else body_html,
        age=timedelta(minutes=minutes),
    )


@cache
def edition(language: str) -> Edition:
    """The translations and own pieces of the edition in `language`."""
    rows = read(f"{language}/stories.yaml")
    translations = tuple(
        Translation(**{**row, "body": tuple(row["body"])})
        for row in rows
        if "translates" in row
    )
    pieces = tuple(
        EditionPiece(
            **{
                **row,
                "tags": tuple(row["tags"]),
                "authors": tuple(row.get("authors", ())),
            }
        )
        for row in rows
        if "translates" not in row
    )
    return Edition(translations=translations, pieces=pieces)


def stories_in_every_edition() -> list[tuple[str, list[Translation]]]:
    """Each translated story's slug with its translations, in the order of
    TRANSLATION_LANGUAGES; every edition must translate the same stories."""
    per_language = [
        edition(language).translations for language in TRANSLATION_LANGUAGES
    ]
    slugs = [[t.translates for t in translations] for translations in per_language]
    if any(other != slugs[0] for other in slugs):
        raise ValueError(
            "The stories.yaml files of "
            f"{', '.join(TRANSLATION_LANGUAGES)} must translate the same "
            "stories in the same order."
        )
    known = {spec.slug for spec in english_stories()}
    unknown = sorted(set(slugs[0]) - known)
    if unknown:
        raise ValueError(f"Translations of unknown English stories: {unknown}")
    return [
        (slug, [translations[n] for translations in per_language])
        for n, slug in enumerate(slugs[0])
    ]


@cache
def edition_phrases(language: str) -> EditionPhrases:
    data = read(f"{language}/phrases.yaml")
    return EditionPhrases(
        sections={name: tuple(texts) for name, texts in data["sections"].items()},
        press=tuple(data["press"]),
        subheadings=tuple(data["subheadings"]),
        closings=tuple(data["closings"]),
        partner_note=data["partner_note"],
        cities=data["cities"],
    )


def city(name: str, language: str) -> str:
    """A dateline in the spelling of the edition in `language`."""
    if language == ORIGINAL_LANGUAGE:
        return name
    return edition_phrases(language).cities.get(name, name)


@cache
def english_phrases() -> dict[str, Any]:
    """The phrase bank generated English pieces are assembled from."""
    return read(f"{ORIGINAL_LANGUAGE}/phrases.yaml")


@cache
def ticker() -> list[DemoTicker]:
    return [
        DemoTicker(language=language, **row)
        for language in LANGUAGES
        for row in read(f"{language}/ticker.yaml")
    ]
