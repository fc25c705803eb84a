"""The router against a real streaming replica.

A throwaway primary (initdb on a free port of 127.0.0.1; its own pg_hba
allows replication from there) and a hot standby made from it with
`pg_basebackup -R`, started as a second postmaster on another free port.
The shared server the suite runs on is never touched, and neither is its
size: a base backup of a developer's cluster with a million-article
database would take minutes, of this one about a second.

The site runs in a child process with the production settings pointed at
both (settings read DATABASE_URL and DATABASE_REPLICA_URLS once, at
import), served through Django's test client; the child prints one JSON
line per step and the parent asserts. Replay on the standby is paused to
make it lag as long as the test needs, which is how the tests tell which
server a page came from.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.project.procs import manage, output, production_env, run
from tests.project.throwaway_pg import ThrowawayPostgres, free_port, throwaway_postgres

# One throwaway primary and standby per module: under pytest-xdist the
# module's tests stay on one worker (CI runs with --dist loadgroup).
pytestmark = [pytest.mark.postgresql, pytest.mark.xdist_group("replica-cluster")]

DATABASE = "newsroom"


class Standby(ThrowawayPostgres):
    """A hot standby streaming from `primary`, made by pg_basebackup."""

    def clone(self, primary: ThrowawayPostgres) -> float:
        """Copy the primary (`-R`: the standby's primary_conninfo and
        standby.signal); returns the seconds the base backup took."""
        started = time.monotonic()
        self._run(
            "pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port),
            "-U", "postgres", "-D", str(self.data), "-R", "-X", "stream",
            "-c", "fast",
        )  # fmt: skip
        return time.monotonic() - started

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory}"
            " -c hot_standby=on"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.directory / "log"),
            "-o", options, "-w", "start",
        )  # fmt: skip


@pytest.fixture(scope="module")
def streaming() -> Iterator[tuple[ThrowawayPostgres, Standby, float]]:
    """A primary with the site's database and a standby streaming from it."""
    with throwaway_postgres() as primary:
        if not (primary.bin_dir / "pg_basebackup").exists():
            pytest.skip("the replica tests need PostgreSQL's pg_basebackup")
        primary._run(
            "psql", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
            "-c", f"CREATE DATABASE {DATABASE}",
        )  # fmt: skip
        directory = primary.directory / "standby"
        directory.mkdir()
        if os.geteuid() == 0:
            shutil.chown(directory, "postgres", "postgres")
        standby = Standby(primary.bin_dir, directory, free_port())
        seconds = standby.clone(primary)
        standby.start()
        try:
            yield primary, standby, seconds
        finally:
            with suppress(subprocess.CalledProcessError):
                standby.stop()


@dataclass
class Site:
    primary: ThrowawayPostgres
    standby: Standby
    directory: Path

    def env(self, replica_port: int) -> dict[str, str]:
        """Production settings on the primary and a replica at `replica_port`,
        with every cache on as in production (one process: local memory)."""
        database = f"postgres://postgres@127.0.0.1:{{}}/{DATABASE}"
        return production_env(
            self.directory,
            DATABASE_URL=database.format(self.primary.port),
            DATABASE_REPLICA_URLS=database.format(replica_port),
            PAGE_CACHE="true",
            FRAGMENT_CACHE="true",
        )

    def run(self, scenario: str, *, replica_port: int | None = None) -> list[dict]:
        """The child, then `scenario`; its JSON lines."""
        standby_runs = replica_port is None
        result = run(
            [
                sys.executable,
                "-c",
                CHILD + scenario,
                secrets.token_hex(4),
                "standby" if standby_runs else "no standby",
            ],
            self.env(replica_port or self.standby.port),
        )
        assert result.returncode == 0, output(result)[-6000:]
        return [
            json.loads(line) for line in result.stdout.splitlines() if line[:1] == "{"
        ]


@pytest.fixture(scope="module")
def site(streaming, tmp_path_factory) -> Iterator[Site]:
    """The site's tables on the primary (streamed to the standby) and its
    static files, made once: each scenario brings rows of its own."""
    primary, standby, _seconds = streaming
    site = Site(primary, standby, tmp_path_factory.mktemp("site"))
    for command in (("migrate",), ("collectstatic",)):
        result = manage(*command, "--no-input", env=site.env(standby.port))
        assert result.returncode == 0, output(result)
    yield site


@pytest.fixture
def streaming_site(site) -> Site:
    """The standby replaying: a failed scenario may have left it paused."""
    site.standby._run(
        "psql", "-h", "127.0.0.1", "-p", str(site.standby.port), "-U", "postgres",
        "-c", "SELECT pg_wal_replay_resume()",
    )  # fmt: skip
    return site


# The child: the site on the primary and its standby. Helpers first, then
# the scenario the test names (argv[1]).
CHILD = r"""
import json, sys, time
import django
django.setup()
from django.db import connections
from django.test import Client, override_settings
from django.urls import reverse

from articles import workflow
from articles.models import Article
from django.contrib.auth.models import User
from replicas import positions
from tests.factories import ArticleFactory, SectionFactory


def say(**step):
    print(json.dumps(step), flush=True)


def sql(alias, statement, params=()):
    with connections[alias].cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else None


def caught_up():
    target = positions.primary_position()
    deadline = time.monotonic() + 20
    while positions.replay_position("replica_1") < target:
        assert time.monotonic() < deadline, "the standby does not catch up"
        time.sleep(0.02)


def pause():
    sql("replica_1", "SELECT pg_wal_replay_pause()")
    deadline = time.monotonic() + 20
    while sql("replica_1", "SELECT pg_get_wal_replay_pause_state()")[0][0] != "paused":
        assert time.monotonic() < deadline, "replay does not pause"
        time.sleep(0.02)


def resume():
    sql("replica_1", "SELECT pg_wal_replay_resume()")
    caught_up()


def reader():
    return Client(HTTP_HOST="news.example.org")


def page(client, path):
    response = client.get(path, secure=True)
    return response.status_code, response.content.decode()


# Every name carries this run's token: scenarios share the database.
run, standby = sys.argv[1:3]
ORIGINAL, CHANGED = f"Original headline {run}", f"Changed headline {run}"
editor = User.objects.create_superuser(f"editor-{run}", password="pw")
staff = reader()
staff.force_login(editor)
section = SectionFactory(slug=f"world-{run}", name=f"World {run}")
article = ArticleFactory(section=section, headline=ORIGINAL)
url = article.get_absolute_url()
section_url = reverse("articles:section", kwargs={"slug": section.slug})
home = reverse("home")
if standby == "standby":
    caught_up()
"""

ROUTING = r"""
replica_row = sql(
    "replica_1", "SELECT headline FROM articles_article WHERE id = %s", [article.pk]
)
say(step="row on the replica", same=replica_row[0][0] == ORIGINAL)

# Pages rendered afresh on every request: which server answered shows.
with override_settings(PAGE_CACHE=False, FRAGMENT_CACHE=False):
    pause()
    sql("default", "UPDATE articles_article SET headline = %s WHERE id = %s",
        [CHANGED, article.pk])
    say(step="replica while paused", same=sql(
        "replica_1", "SELECT headline FROM articles_article WHERE id = %s",
        [article.pk])[0][0] == ORIGINAL)
    for who, client in (("reader", reader()), ("staff", staff)):
        status, html = page(client, url)
        say(step="article", who=who, status=status,
            original=ORIGINAL in html, changed=CHANGED in html)
    writer = reader()
    beacon = writer.post(reverse("read_beacon", args=[article.pk]), secure=True)
    status, html = page(writer, url)
    say(step="article", who="reader after a post", status=status,
        beacon=beacon.status_code, sticky="newsroom_wrote" in beacon.cookies,
        original=ORIGINAL in html, changed=CHANGED in html)
    resume()
    status, html = page(reader(), url)
    say(step="article", who="reader once replayed", status=status,
        original=ORIGINAL in html, changed=CHANGED in html)
"""

KILL = r"""
other = ArticleFactory(section=section, headline=f"Second original {run}")
caught_up()
# Every reader page cached, as in production.
for path in (url, section_url, home):
    status, html = page(reader(), path)
    assert status == 200 and ORIGINAL in html, (path, status)

pause()
workflow.kill(article, by=editor, reason="A court order")
state = sql("replica_1", "SELECT status FROM articles_article WHERE id = %s",
            [article.pk])[0][0]
say(step="replica after the kill", status=state,
    live=Article.objects.using("replica_1").published().filter(pk=article.pk).exists())
for path in (url, section_url, home):
    status, html = page(reader(), path)
    say(step="reader", path=path, status=status, shown=ORIGINAL in html)
resume()
for path in (url, section_url, home):
    status, html = page(reader(), path)
    say(step="reader once replayed", path=path, status=status,
        shown=ORIGINAL in html)

# Caught up, the replica serves readers again: with replay paused once
# more, a change made behind the site's back is not on a reader's page.
pause()
sql("default", "UPDATE articles_article SET headline = %s WHERE id = %s",
    [f"Second changed {run}", other.pk])
status, html = page(reader(), other.get_absolute_url())
say(step="back on the replica", status=status,
    original=f"Second original {run}" in html,
    changed=f"Second changed {run}" in html)
resume()
"""

DOWN = r"""
status, html = page(reader(), url)
say(step="reader", status=status, shown=ORIGINAL in html)
started = time.monotonic()
for _ in range(5):
    page(reader(), url + "?again")
say(step="more readers", seconds=time.monotonic() - started)
"""


def test_the_base_backup_of_a_small_cluster_is_quick(streaming):
    """A dedicated small primary keeps the clone's cost fixed, whatever the
    developer's own cluster holds."""
    assert streaming[2] < 15


def test_anonymous_readers_read_the_replica_staff_and_writers_the_primary(
    streaming_site,
):
    steps = streaming_site.run(ROUTING)
    by_who = {s.get("who"): s for s in steps if s["step"] == "article"}

    assert steps[0] == {"step": "row on the replica", "same": True}
    assert steps[1]["same"], "replay did not pause"
    # The reader's page shows the replica's rows: the change is not there yet.
    assert by_who["reader"] == {
        "step": "article",
        "who": "reader",
        "status": 200,
        "original": True,
        "changed": False,
    }
    assert (by_who["staff"]["original"], by_who["staff"]["changed"]) == (False, True)
    # After its own POST a reader reads the primary until a replica has it.
    after_post = by_who["reader after a post"]
    assert after_post["beacon"] == 204 and after_post["sticky"]
    assert (after_post["original"], after_post["changed"]) == (False, True)
    replayed = by_who["reader once replayed"]
    assert (replayed["original"], replayed["changed"]) == (False, True)


def test_a_kill_is_never_undone_by_a_lagging_replica(streaming_site):
    """With replay paused the standby still has the piece as published, and
    every reader page was cached before the kill; after it, the article is
    410 and no list shows it, while the standby lags and after it catches
    up."""
    steps = streaming_site.run(KILL)
    replica = steps[0]
    assert replica["status"] == "published" and replica["live"], (
        "the standby should still have the piece live while replay is paused"
    )
    readers = [s for s in steps[1:] if s["step"] == "reader"]
    assert [(s["status"], s["shown"]) for s in readers] == [
        (410, False),
        (200, False),
        (200, False),
    ]
    later = [s for s in steps if s["step"] == "reader once replayed"]
    assert [(s["status"], s["shown"]) for s in later] == [
        (410, False),
        (200, False),
        (200, False),
    ]
    assert steps[-1] == {
        "step": "back on the replica",
        "status": 200,
        "original": True,
        "changed": False,
    }


def test_readers_are_served_by_the_primary_when_the_replica_is_down(
    streaming_site,
):
    """A replica address where nothing listens: pages are served, and the
    refused connection is not retried on every request."""
    steps = streaming_site.run(DOWN, replica_port=free_port())
    assert steps[0] == {"step": "reader", "status": 200, "shown": True}
    assert steps[1]["seconds"] < 5
