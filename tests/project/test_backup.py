"""Backup and restore as the README describes them: `pg_dump -Fc` of the
database, `pg_restore` into a fresh one, and the articles come back the same."""

from __future__ import annotations

import glob
import shutil
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

ARTICLES_SQL = """
    SELECT a.id, a.headline, a.slug, a.lead, a.body, a.status, a.published_at,
           s.slug, array(
               SELECT t.name FROM taggit_taggeditem ti
               JOIN taggit_tag t ON t.id = ti.tag_id
               JOIN django_content_type ct ON ct.id = ti.content_type_id
               WHERE ct.app_label = 'articles' AND ti.object_id = a.id
               ORDER BY t.name),
           array(SELECT b.author_id FROM articles_byline b
                 WHERE b.article_id = a.id ORDER BY b.position)
    FROM articles_article a JOIN articles_section s ON s.id = a.section_id
    ORDER BY a.id
"""


def tool(name: str) -> str:
    """The client tool matching the server's major version, if installed."""
    version = connection.cursor().connection.info.server_version // 10000
    candidates = glob.glob(f"/usr/lib/postgresql/{version}/bin/{name}")
    found = candidates[0] if candidates else shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed")
    return found


def rows(dbname: str) -> list[tuple]:
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params["dbname"] = dbname
    with psycopg.connect(**params) as conn:
        return conn.execute(ARTICLES_SQL).fetchall()


def libpq_args(dbname: str) -> list[str]:
    settings = connection.settings_dict
    args = ["-d", dbname, "-U", settings["USER"] or "postgres"]
    if settings["HOST"]:
        args += ["-h", settings["HOST"]]
    if settings["PORT"]:
        args += ["-p", str(settings["PORT"])]
    return args


def test_a_dump_restored_into_a_fresh_database_gives_back_the_articles(tmp_path: Path):
    section = SectionFactory(name="Economy", slug="economy")
    author = AuthorFactory()
    for n in range(5):
        article = ArticleFactory(
            section=section,
            authors=[author],
            headline=f"Kept through a restore {n} — İçərişəhər «ok»",
            body=f"<p>Body {n}</p><h2>Sub</h2>",
        )
        article.tags.add("harbour", f"tag-{n}")
    ArticleFactory(draft=True, section=section, headline="A draft is kept too")

    source = connection.settings_dict["NAME"]
    restored = f"{source}_restore_{uuid.uuid4().hex[:8]}"
    dump = tmp_path / "newsroom.dump"
    subprocess.run(
        [tool("pg_dump"), "-Fc", "-f", str(dump), *libpq_args(source)],
        check=True,
        capture_output=True,
    )
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{restored}"')
    try:
        subprocess.run(
            [tool("pg_restore"), "--no-owner", *libpq_args(restored), str(dump)],
            check=True,
            capture_output=True,
        )
        original = rows(source)
        assert len(original) == 6
        assert rows(restored) == original
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
