"""DATABASE_REPLICA_URLS, as the production settings read it in a fresh
interpreter (settings read the environment once)."""

from __future__ import annotations

import sys

import pytest

from tests.project.procs import output, production_env, read_settings, run

# Settings are read in a child process: no database or cache changes them.
pytestmark = pytest.mark.any_database

PRIMARY = (
    "postgres://postgres@db.internal:5432/newsroom"
    "?sslmode=require&options=-c%20statement_timeout%3D5000"
)


def test_each_replica_url_is_a_test_mirror_with_the_primarys_options(tmp_path):
    env = production_env(
        tmp_path,
        DATABASE_URL=PRIMARY,
        DATABASE_CONN_MAX_AGE="120",
        DATABASE_REPLICA_URLS=(
            "postgres://reader@replica-a:5432/newsroom, "
            "postgres://reader@replica-b:6432/newsroom"
            "?options=-c%20statement_timeout%3D100"
        ),
    )
    found = read_settings(env, "DATABASES", "DATABASE_ROUTERS")
    databases = found["DATABASES"]
    assert list(databases) == ["default", "replica_1", "replica_2"]
    first, second = databases["replica_1"], databases["replica_2"]
    assert (first["HOST"], second["HOST"], second["PORT"]) == (
        "replica-a",
        "replica-b",
        6432,
    )
    for replica in (first, second):
        assert replica["ENGINE"] == databases["default"]["ENGINE"]
        assert replica["CONN_MAX_AGE"] == 120
        assert replica["CONN_HEALTH_CHECKS"] is True
        assert replica["OPTIONS"]["sslmode"] == "require"
        assert replica["OPTIONS"]["connect_timeout"] == 2
        assert replica["TEST"] == {"MIRROR": "default"}
    # The primary's options, unless the replica's address gives its own.
    assert first["OPTIONS"]["options"] == "-c statement_timeout=5000 -c jit=off"
    assert second["OPTIONS"]["options"] == "-c statement_timeout=100 -c jit=off"
    assert found["DATABASE_ROUTERS"] == ["replicas.routing.ReplicaRouter"]


def test_without_replicas_there_is_no_router(tmp_path):
    env = production_env(tmp_path, DATABASE_URL=PRIMARY)
    found = read_settings(env, "DATABASES", "DATABASE_ROUTERS")
    assert list(found["DATABASES"]) == ["default"]
    assert found["DATABASE_ROUTERS"] == []


def test_a_replica_that_is_not_postgresql_is_refused(tmp_path):
    env = production_env(
        tmp_path,
        DATABASE_URL=PRIMARY,
        DATABASE_REPLICA_URLS=f"sqlite:///{tmp_path / 'copy.sqlite3'}",
    )
    result = run([sys.executable, "-c", "import django; django.setup()"], env)
    assert result.returncode != 0, output(result)
    assert "DATABASE_REPLICA_URLS and DATABASE_URL must name PostgreSQL" in (
        result.stderr
    )
