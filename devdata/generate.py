"""Bulk data for benchmarks: N articles on PostgreSQL, fast, with COPY.

Sections, authors and tags are created through the ORM (a few thousand
rows); articles, bylines and tag links are streamed with psycopg 3's COPY.
Articles go through an unlogged staging table, from which one INSERT ...
SELECT computes each row's search document (the same weighted headline,
lead and body text as `articles.search.document`), so no UPDATE bloats the
table afterwards. Secondary indexes of the three big tables are dropped
during the load and built again at the end; foreign-key triggers are
skipped (`session_replication_role = replica`) because the rows are
consistent by construction. Only for benchmark databases.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import Article, Section
from articles.search import DEFAULT_CONFIG, SEARCH_CONFIGS
from authors.models import Author
from images.models import Image, Rendition, RenditionStatus
from images.renditions import plan_renditions

SECTIONS = [
    "Politics", "Economy", "Business", "Energy", "World", "Region", "Society",
    "Culture", "Sport", "Science", "Technology", "Health",
]  # fmt: skip
WORDS = [
    "government",
    "minister",
    "president",
    "parliament",
    "economy",
    "growth",
    "inflation",
    "bank",
    "oil",
    "gas",
    "pipeline",
    "export",
    "trade",
    "tariff",
    "budget",
    "reform",
    "election",
    "vote",
    "coalition",
    "summit",
    "talks",
    "agreement",
    "border",
    "region",
    "capital",
    "city",
    "port",
    "railway",
    "airport",
    "investment",
    "market",
    "shares",
    "currency",
    "manat",
    "dollar",
    "euro",
    "energy",
    "solar",
    "wind",
    "harvest",
    "drought",
    "water",
    "climate",
    "storm",
    "football",
    "league",
    "champion",
    "festival",
    "theatre",
    "museum",
    "exhibition",
    "university",
    "students",
    "science",
    "research",
    "vaccine",
    "hospital",
    "doctors",
    "health",
    "ministry",
    "court",
    "ruling",
    "law",
    "police",
    "protest",
    "strike",
    "company",
    "startup",
    "technology",
    "digital",
    "network",
    "mobile",
    "satellite",
    "launch",
    "record",
]
CITIES = ["Baku", "Ganja", "Sumgait", "Tbilisi", "Ankara", "Moscow", "Brussels", ""]
CONTENT_TYPES = [
    ("news", 75), ("analysis", 8), ("interview", 5), ("opinion", 4),
    ("feature", 4), ("press_release", 4),
]  # fmt: skip
LANGUAGES = [("en", 50), ("ru", 30), ("az", 20)]
# What happened to a piece: mostly live, a few still in the pipeline.
STATUSES = [
    ("published", 955), ("draft", 20), ("submitted", 5), ("returned", 3),
    ("killed", 12), ("scheduled", 5),
]  # fmt: skip

# The columns each generated piece fills: its content, as an editor's would,
# and the workflow's record of what happened to it.
ARTICLE_COLUMNS = (
    "id",
    *Article.CONTENT_FIELDS,
    "status", "published_at", "first_published_at", "killed_at", "kill_reason",
    "created_at", "updated_at", "version",
)  # fmt: skip
# Reads: the pieces of the last two weeks have daily counts, up to this many.
READ_DAYS = 14
MOST_READS = 2000
# Most agency pieces carry a picture; they come from a shared library.
PICTURE_SHARE = 0.7
PICTURE_SIZE = (1600, 900)
BIG_TABLES = ["articles_article", "articles_byline", "taggit_taggeditem"]


@dataclass
class Report:
    articles: int = 0
    bylines: int = 0
    tagged: int = 0
    read_counts: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def _weighted(pairs: list[tuple[str, int]]) -> tuple[list[str], list[int]]:
    values, weights = zip(*pairs, strict=True)
    cumulative, total = [], 0
    for weight in weights:
        total += weight
        cumulative.append(total)
    return list(values), cumulative


def _timed(report: Report, step: str):
    class Timer:
        def __enter__(self):
            self.started = time.perf_counter()

        def __exit__(self, *exc):
            report.seconds[step] = round(time.perf_counter() - self.started, 1)

    return Timer()


def ensure_furniture(
    *, authors: int, tags: int, rng: random.Random
) -> tuple[list[int], list[int], list[int]]:
    """Sections, authors and tags to spread articles over (reused if present)."""
    for position, name in enumerate(SECTIONS):
        Section.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "position": position}
        )
    existing = set(
        Author.objects.filter(slug__startswith="bench-author-").values_list(
            "slug", flat=True
        )
    )
    first_names = ["Aysel", "Elvin", "Leyla", "Rashad", "Nigar", "Farid", "Anna"]
    last_names = ["Aliyeva", "Mammadov", "Huseynova", "Guliyev", "Ivanova", "Smith"]
    Author.objects.bulk_create(
        [
            Author(
                name=f"{rng.choice(first_names)} {rng.choice(last_names)} {n}",
                slug=f"bench-author-{n}",
                city=rng.choice(CITIES[:3]),
                biography="Covers the region for the agency.",
                is_active=n % 25 != 0,
            )
            for n in range(authors)
            if f"bench-author-{n}" not in existing
        ]
    )
    existing_tags = set(
        Tag.objects.filter(slug__startswith="bench-").values_list("slug", flat=True)
    )
    Tag.objects.bulk_create(
        [
            Tag(name=f"bench {WORDS[n % len(WORDS)]} {n}", slug=f"bench-{n}")
            for n in range(tags)
            if f"bench-{n}" not in existing_tags
        ]
    )
    section_ids = list(Section.objects.values_list("pk", flat=True))
    author_ids = list(
        Author.objects.filter(slug__startswith="bench-author-").values_list(
            "pk", flat=True
        )
    )
    tag_ids = list(
        Tag.objects.filter(slug__startswith="bench-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return section_ids, author_ids, tag_ids


def ensure_pictures(count: int) -> list[int]:
    """A library of `count` pictures (reused if present), with the rendition
    rows uploading one would make. No files are written: pages only need
    the rows to build their srcsets, and the benchmark fetches no images."""
    existing = set(
        Image.objects.filter(title__startswith="Bench picture ").values_list(
            "title", flat=True
        )
    )
    created = Image.objects.bulk_create(
        [
            Image(
                file=f"bench/picture-{n}.jpg",
                title=f"Bench picture {n}",
                alt_text=f"Scene from the news, picture {n}",
                credit="Agency photo",
                width=PICTURE_SIZE[0],
                height=PICTURE_SIZE[1],
                renditions_status=RenditionStatus.READY,
            )
            for n in range(count)
            if f"Bench picture {n}" not in existing
        ]
    )
    planned = plan_renditions(*PICTURE_SIZE, focal_x=0.5, focal_y=0.5)
    Rendition.objects.bulk_create(
        [
            Rendition(
                image=image,
                spec=spec.name,
                format=fmt,
                file=f"renditions/{image.pk}/{spec.name.replace(':', 'x')}.{fmt}",
                width=width,
                height=height,
            )
            for image in created
            for spec, _box, (width, height) in planned
            for fmt in spec.formats
        ],
        batch_size=5000,
    )
    return list(
        Image.objects.filter(title__startswith="Bench picture ")
        .order_by("pk")
        .values_list("pk", flat=True)
    )


SYLLABLES = ["ka", "ze", "mir", "lo", "ba", "shan", "tu", "ri", "gol", "nav", "es"]


def name(n: int) -> str:
    """A made-up proper name, the n-th: searches for one match a few pieces."""
    parts = []
    for _ in range(3):
        n, digit = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(parts).capitalize() + ("" if n == 0 else SYLLABLES[n % 11])


def _paragraphs(rng: random.Random, count: int = 1000) -> list[str]:
    """Paragraphs of common words, each naming its own place or person, so a
    search for a name matches about 1% of pieces, as a real one might."""
    pool = []
    for n in range(count):
        sentences = []
        for _ in range(rng.randint(2, 5)):
            words = rng.choices(WORDS, k=rng.randint(8, 22))
            sentences.append(" ".join(words).capitalize() + ".")
        sentences.insert(1, f"{name(n)} said so.")
        pool.append(" ".join(sentences))
    return pool


def generate(
    count: int,
    *,
    authors: int = 400,
    tags: int = 3000,
    pictures: int = 1000,
    years: float = 5.0,
    seed: int = 2025,
    chunk: int = 20000,
    progress: Callable[[str], None] = lambda message: None,
) -> Report:
    """Add `count` articles with bylines and tags; PostgreSQL only."""
    if connection.vendor != "postgresql":
        raise RuntimeError("The generator uses COPY: run it on PostgreSQL.")
    rng = random.Random(seed)
    # Pictures draw from their own sequence, so that adding them left every
    # other generated value (and the benchmark's URLs) as it was.
    picture_rng = random.Random(seed + 1)
    report = Report()
    with _timed(report, "furniture"):
        section_ids, author_ids, tag_ids = ensure_furniture(
            authors=authors, tags=tags, rng=rng
        )
        picture_ids = ensure_pictures(pictures)
    content_type_id = ContentType.objects.get_for_model(Article).pk
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM articles_article")
        first_id = cursor.fetchone()[0] + 1
    index_sql = _drop_indexes(BIG_TABLES)
    try:
        with _timed(report, "copy"):
            _copy_rows(
                count, first_id, section_ids, author_ids, tag_ids, picture_ids,
                content_type_id, rng, picture_rng, years, report, progress, chunk,
            )  # fmt: skip
        with _timed(report, "search_vectors"):
            _insert_from_stage(progress)
    finally:
        with _timed(report, "indexes"):
            _create_indexes(index_sql, progress)
    with _timed(report, "reads"):
        report.read_counts = _count_reads(seed)
    with _timed(report, "analyze"), connection.cursor() as cursor:
        for table in (*BIG_TABLES, "articles_readcount"):
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('articles_article', 'id'), "
            "(SELECT max(id) FROM articles_article))"
        )
    return report


def _count_reads(seed: int) -> int:
    """Daily read counts for the pieces of the last READ_DAYS days, as the
    article page's beacon would have left them: a piece is read for a week
    after it goes live, less each day, a few pieces far more than most."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
        cursor.execute(
            """
            INSERT INTO articles_readcount (article_id, day, count, language)
            SELECT a.id, d::date, 1 + (%s * power(random(), 3))::int
                / (1 + (d::date - (a.published_at AT TIME ZONE %s)::date)),
                a.language
            FROM articles_article a, generate_series(
                (a.published_at AT TIME ZONE %s)::date,
                least((now() AT TIME ZONE %s)::date,
                      (a.published_at AT TIME ZONE %s)::date + 6),
                interval '1 day') AS d
            WHERE a.status = 'published' AND a.published_at <= now()
                AND a.published_at > now() - make_interval(days => %s)
            ON CONFLICT (article_id, day) DO NOTHING
            """,
            [MOST_READS, *[settings.TIME_ZONE] * 4, READ_DAYS],
        )
        return cursor.rowcount


def _drop_indexes(tables: list[str]) -> list[str]:
    """Drop secondary indexes that back no constraint; return how to rebuild them."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid
            WHERE i.indrelid = ANY(%s::regclass[]) AND c.oid IS NULL
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
    return [definition for _name, definition in indexes]


def _create_indexes(definitions: list[str], progress) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for definition in definitions:
            progress(f"index: {definition[:90]}")
            cursor.execute(
                definition.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1)
            )


def _copy_rows(
    count, first_id, section_ids, author_ids, tag_ids, picture_ids,
    content_type_id, rng, picture_rng, years, report, progress, chunk,
) -> None:  # fmt: skip
    draws = _Draws(
        rng=rng,
        picture_rng=picture_rng,
        paragraphs=_paragraphs(rng),
        now=timezone.now(),
        span=timedelta(days=365 * years).total_seconds(),
        section_ids=section_ids,
        author_ids=author_ids,
        # Popular tags and prolific authors: a few get most of the use.
        author_weights=_zipf_cumulative(len(author_ids), exponent=0.6),
        tag_ids=tag_ids,
        tag_weights=_zipf_cumulative(len(tag_ids), exponent=0.7),
        picture_ids=picture_ids,
        content_type_id=content_type_id,
    )
    # Newer years carry more pieces, as an agency grows.
    stage_columns = ", ".join(ARTICLE_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_article_stage")
        cursor.execute(
            "CREATE UNLOGGED TABLE bench_article_stage AS "
            f"SELECT {stage_columns} FROM articles_article WITH NO DATA"
        )
    raw = connection.connection
    done = 0
    while done < count:
        size = min(chunk, count - done)
        articles, bylines, tagged = _chunk(first_id + done, size, draws)
        with raw.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
            with cursor.copy(
                f"COPY bench_article_stage ({stage_columns}) FROM STDIN"
            ) as copy:
                copy.write(articles)
            with cursor.copy(
                "COPY articles_byline (article_id, author_id, position, published_at) "
                "FROM STDIN"
            ) as copy:
                copy.write(bylines[0])
            with cursor.copy(
                "COPY taggit_taggeditem (object_id, content_type_id, tag_id) FROM STDIN"
            ) as copy:
                copy.write(tagged[0])
            cursor.execute("SET session_replication_role = DEFAULT")
        if not raw.autocommit:
            raw.commit()
        done += size
        report.articles = done
        report.bylines += bylines[1]
        report.tagged += tagged[1]
        progress(f"copied {done}/{count}")


def _zipf_cumulative(n: int, exponent: float = 1.0) -> list[float]:
    cumulative, total = [], 0.0
    for rank in range(1, n + 1):
        total += 1 / rank**exponent
        cumulative.append(total)
    return cumulative


@dataclass
class _Draws:
    """Everything a chunk of rows is drawn from. The draws happen in a fixed
    order so that a seed gives the rows it always gave."""

    rng: random.Random
    picture_rng: random.Random
    paragraphs: list[str]
    now: datetime
    span: float
    section_ids: list[int]
    author_ids: list[int]
    author_weights: list[float]
    tag_ids: list[int]
    tag_weights: list[float]
    picture_ids: list[int]
    content_type_id: int
    types: tuple[list[str], list[int]] = field(
        default_factory=lambda: _weighted(CONTENT_TYPES)
    )
    languages: tuple[list[str], list[int]] = field(
        default_factory=lambda: _weighted(LANGUAGES)
    )
    statuses: tuple[list[str], list[int]] = field(
        default_factory=lambda: _weighted(STATUSES)
    )


def _chunk(
    start_id: int, size: int, d: _Draws
) -> tuple[str, tuple[str, int], tuple[str, int]]:
    article_lines: list[str] = []
    byline_lines: list[str] = []
    tag_lines: list[str] = []
    for article_id in range(start_id, start_id + size):
        row = _article_row(article_id, d)
        article_lines.append("\t".join(row[column] for column in ARTICLE_COLUMNS))
        byline_lines += _byline_lines(article_id, row["published_at"], d)
        tag_lines += _tag_lines(article_id, d)
    return (
        _lines(article_lines),
        (_lines(byline_lines), len(byline_lines)),
        (_lines(tag_lines), len(tag_lines)),
    )


def _timeline(d: _Draws) -> tuple[str, datetime | None, float, datetime | None]:
    """Status, publish time, age in seconds and kill time of one piece."""
    rng = d.rng
    status = rng.choices(d.statuses[0], cum_weights=d.statuses[1])[0]
    # Age skewed towards the present: sqrt of a uniform number.
    age = d.span * (1 - math.sqrt(rng.random()))
    published: datetime | None = d.now - timedelta(seconds=age)
    killed_at = None
    if status == "scheduled":
        status = "published"
        published = d.now + timedelta(minutes=rng.randint(5, 7200))
    elif status in ("draft", "submitted", "returned"):
        published = None
    elif status == "killed":
        killed_at = published + timedelta(hours=2)
    return status, published, age, killed_at


def _texts(article_id: int, d: _Draws) -> tuple[str, str, str, str]:
    """Headline, slug, lead and body of one piece."""
    rng = d.rng
    choices, randint = rng.choices, rng.randint
    words = choices(WORDS, k=randint(6, 12))
    if rng.random() < 0.3:
        words.insert(0, name(randint(0, 4999)))
    headline = " ".join(words).capitalize()
    slug = f"{slugify(headline)[:200]}-{article_id}"
    lead = " ".join(choices(WORDS, k=randint(20, 40))).capitalize() + "."
    body = "".join(
        f"<p>{p}</p>"
        if n % 6
        else f"<h2>{' '.join(choices(WORDS, k=4)).capitalize()}</h2><p>{p}</p>"
        for n, p in enumerate(
            choices(d.paragraphs, k=max(2, int(rng.lognormvariate(2.0, 0.6))))
        )
    )
    return headline, slug, lead, body


def _article_row(article_id: int, d: _Draws) -> dict[str, str]:
    """One article's COPY columns, drawn in the order they always were."""
    rng = d.rng
    status, published, age, killed_at = _timeline(d)
    headline, slug, lead, body = _texts(article_id, d)
    sponsored = rng.random() < 0.02
    content_type = rng.choices(d.types[0], cum_weights=d.types[1])[0]
    stamp = published.isoformat() if published else "\\N"
    created = (published or d.now - timedelta(seconds=age)).isoformat()
    flag = lambda share: "t" if rng.random() < share else "f"  # noqa: E731
    row = {"id": str(article_id), "headline": headline, "slug": slug}
    row |= {"lead": lead, "body": body, "dateline_city": rng.choice(CITIES)}
    row["source"] = "Press service" if content_type == "press_release" else ""
    row["content_type"] = content_type
    urgent = rng.random() < 0.02
    row["urgency"] = str(rng.randint(1, 2) if urgent else rng.randint(3, 6))
    row["is_exclusive"] = flag(0.03)
    row["has_video"] = flag(0.08)
    row["has_photos"] = flag(0.10)
    row["is_sponsored"] = "t" if sponsored else "f"
    row["partner_name"] = "Acme Partner" if sponsored else ""
    row["language"] = rng.choices(d.languages[0], cum_weights=d.languages[1])[0]
    live = status in ("published", "killed")
    row |= {
        "translation_of_id": "\\N",
        "hero_caption": "",
        "status": status,
        "published_at": stamp,
        "first_published_at": stamp if live else "\\N",
        "created_at": created,
        "updated_at": created,
        "seo_title": "",
        "seo_description": "",
        "section_id": str(rng.choice(d.section_ids)),
        "kill_reason": "Legal request" if killed_at else "",
        "killed_at": killed_at.isoformat() if killed_at else "\\N",
        "version": "1",
        "hero_image_id": _picture(d.picture_rng, d.picture_ids),
    }
    return row


def _byline_lines(article_id: int, stamp: str, d: _Draws) -> list[str]:
    credited = d.rng.choices((0, 1, 2, 3), cum_weights=(10, 80, 95, 100))[0]
    if not (credited and d.author_ids):
        return []
    weights = d.author_weights
    picked = set(d.rng.choices(d.author_ids, cum_weights=weights, k=credited))
    return [
        f"{article_id}\t{author_id}\t{position}\t{stamp}"
        for position, author_id in enumerate(picked)
    ]


def _tag_lines(article_id: int, d: _Draws) -> list[str]:
    if not d.tag_ids:
        return []
    k = d.rng.randint(1, 6)
    picked = set(d.rng.choices(d.tag_ids, cum_weights=d.tag_weights, k=k))
    return [f"{article_id}\t{d.content_type_id}\t{tag_id}" for tag_id in picked]


def _picture(rng: random.Random, picture_ids: list[int]) -> str:
    """A hero image id for COPY, or its NULL."""
    if picture_ids and rng.random() < PICTURE_SHARE:
        return str(rng.choice(picture_ids))
    return "\\N"


def _lines(lines: list[str]) -> str:
    return "\n".join(lines) + "\n" if lines else ""


def _vector_sql(config: str) -> str:
    return (
        f"setweight(to_tsvector('{config}'::regconfig, coalesce(headline, '')), 'A')"
        f" || setweight(to_tsvector('{config}'::regconfig, coalesce(lead, '')), 'B')"
        f" || setweight(to_tsvector('{config}'::regconfig, regexp_replace("
        f"coalesce(body, ''), '<[^>]+>', ' ', 'g')), 'C')"
    )


def _insert_from_stage(progress) -> None:
    """Move staged rows into the article table with their search documents,
    in one connection per CPU (to_tsvector is the slow part of the load)."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    import psycopg

    columns = ", ".join(ARTICLE_COLUMNS)
    cases = " ".join(
        f"WHEN '{code}' THEN {_vector_sql(config)}"
        for code, config in SEARCH_CONFIGS.items()
    )
    vector = f"CASE language {cases} ELSE {_vector_sql(DEFAULT_CONFIG)} END"
    workers = max(1, os.cpu_count() or 1)
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    progress(f"computing search vectors in {workers} connections")

    def part(n: int) -> None:
        with psycopg.connect(**params) as conn:
            conn.execute("SET session_replication_role = replica")
            conn.execute(
                f"INSERT INTO articles_article ({columns}, search_vector) "
                f"SELECT {columns}, {vector} FROM bench_article_stage "
                f"WHERE id % {workers} = {n}"
            )

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(part, range(workers)))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_article_stage")
