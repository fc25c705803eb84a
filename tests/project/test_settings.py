"""Settings: production differs from a laptop only by environment.

Each production case runs in a child process (see procs.py) because the
settings module reads the environment once, at import.
"""

from __future__ import annotations

import os
import sys
import uuid
from io import StringIO

import dj_database_url
import pytest
import redis
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command
from django.db import connection

from tests.project.procs import (
    ROOT,
    clean_env,
    manage,
    output,
    production_env,
    read_settings,
    run,
)

REDIS_TEST_URL = "redis://127.0.0.1:6379/15"
# Round trips go to a database no pytest-xdist worker uses as its cache
# (workers take 15, 14, ... and empty theirs before every test): the
# stored key must not be flushed by a neighbour between write and check.
REDIS_ROUND_TRIP_URL = "redis://127.0.0.1:6379/3"


def test_deploy_checks_pass_in_production(tmp_path):
    """`check --deploy` reports nothing, not even a warning, for production."""
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path)
    )
    assert result.returncode == 0, output(result)
    assert "System check identified no issues" in result.stdout, output(result)


def test_production_is_the_default(tmp_path):
    """With DEBUG unset nothing debug-only is on and HTTPS is enforced."""
    values = read_settings(
        production_env(tmp_path),
        "DEBUG",
        "ALLOWED_HOSTS",
        "SERVE_MEDIA",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
    )
    assert values == {
        "DEBUG": False,
        "ALLOWED_HOSTS": ["news.example.org"],
        "SERVE_MEDIA": False,
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
    }


@pytest.mark.parametrize(
    "debug", [None, "", "false", "0"], ids=["unset", "empty", "false", "0"]
)
@pytest.mark.parametrize("secret_key", [None, ""], ids=["unset", "empty"])
def test_production_refuses_to_start_without_secret_key(tmp_path, debug, secret_key):
    """No SECRET_KEY with DEBUG off stops the process and says what to set."""
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key
    if debug is not None:
        env["DEBUG"] = debug

    result = manage("check", env=env)

    assert result.returncode != 0, output(result)
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr, output(
        result
    )


def test_debug_runs_without_secret_key(tmp_path):
    """Local development (DEBUG=true) needs no key and allows only local hosts."""
    env = clean_env(DEBUG="true", NEWSROOM_VAR_DIR=str(tmp_path))
    values = read_settings(env, "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")
    assert values["DEBUG"] is True
    assert values["SECRET_KEY"].startswith("django-insecure-")
    assert values["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]


@pytest.mark.parametrize(
    ("redis_url", "backend"),
    [
        (None, "django.core.cache.backends.locmem.LocMemCache"),
        (REDIS_TEST_URL, "caching.backends.ResilientRedisCache"),
    ],
    ids=["unset", "set"],
)
def test_redis_url_selects_cache_backend(tmp_path, redis_url, backend):
    """REDIS_URL switches the default cache to Django's RedisCache."""
    env = production_env(tmp_path)
    if redis_url:
        env["REDIS_URL"] = redis_url
    cache = read_settings(env, "CACHES")["CACHES"]["default"]
    assert cache["BACKEND"] == backend
    if redis_url:
        assert cache["LOCATION"] == redis_url


@pytest.fixture
def redis_round_trip_db():
    """A client on a Redis database of the round trip's own; skips when none
    answers."""
    client = redis.Redis.from_url(REDIS_ROUND_TRIP_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as error:
        pytest.skip(
            f"Redis is not answering at {REDIS_ROUND_TRIP_URL} ({error}); "
            "start redis-server to test the Redis cache"
        )
    yield client
    client.close()


def test_redis_cache_round_trip(tmp_path, redis_round_trip_db):
    """Configured by REDIS_URL, Django's cache stores and reads back in Redis."""
    key = f"project-test-{uuid.uuid4().hex}"
    code = (
        "import sys\n"
        "import django\n"
        "django.setup()\n"
        "from django.core.cache import cache\n"
        "cache.set(sys.argv[1], {'headline': 'Kept'}, timeout=60)\n"
        "print(cache.get(sys.argv[1]))\n"
    )
    env = production_env(tmp_path, REDIS_URL=REDIS_ROUND_TRIP_URL)
    try:
        result = run([sys.executable, "-c", code, key], env)
        assert result.returncode == 0, output(result)
        assert result.stdout.strip() == "{'headline': 'Kept'}"
        # Django's key layout: KEY_PREFIX:VERSION:key.
        assert redis_round_trip_db.exists(f"newsroom:1:{key}") == 1
    finally:
        redis_round_trip_db.delete(f"newsroom:1:{key}")


@pytest.mark.django_db
def test_migrations_match_models():
    """Every model change has its migration (makemigrations finds nothing)."""
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_database_defaults_to_sqlite_under_var():
    """Without DATABASE_URL the site runs on var/newsroom.sqlite3."""
    database = read_settings(clean_env(DEBUG="true"), "DATABASES")["DATABASES"]
    assert database["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert database["default"]["NAME"] == str(ROOT / "var" / "newsroom.sqlite3")


def test_database_url_selects_postgresql(tmp_path):
    """DATABASE_URL in the usual URL form configures PostgreSQL."""
    env = production_env(
        tmp_path, DATABASE_URL="postgres://news:pw@db.internal:5432/newsroom"
    )
    database = read_settings(env, "DATABASES")["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "db.internal",
        5432,
        "newsroom",
    )


@pytest.mark.django_db
def test_suite_runs_on_the_configured_database_and_cache():
    """DATABASE_URL and REDIS_URL reach the suite itself (CI's PostgreSQL run)."""
    database_url = os.environ.get("DATABASE_URL")
    expected_engine = (
        dj_database_url.parse(database_url)["ENGINE"]
        if database_url
        else "django.db.backends.sqlite3"
    )
    assert connection.settings_dict["ENGINE"] == expected_engine

    cache = caches["default"]
    assert isinstance(cache, RedisCache) == bool(os.environ.get("REDIS_URL"))
    key = f"project-test-{uuid.uuid4().hex}"
    try:
        cache.set(key, "answered", timeout=60)
        assert cache.get(key) == "answered"
    finally:
        cache.delete(key)


@pytest.mark.parametrize(("proxies", "believed"), [("0", False), ("1", True)])
def test_x_forwarded_proto_is_believed_only_behind_a_proxy_of_ours(
    tmp_path, proxies, believed
):
    """With no proxy in front, the header is the client's word: one request
    claiming https would decide the scheme of absolute links for everyone."""
    env = production_env(tmp_path, TRUSTED_PROXY_COUNT=proxies)
    code = (
        "import django\n"
        "django.setup()\n"
        "from django.test import RequestFactory\n"
        "request = RequestFactory().get('/', HTTP_X_FORWARDED_PROTO='https')\n"
        "print(request.is_secure())\n"
    )
    result = run([sys.executable, "-c", code], env)
    assert result.returncode == 0, output(result)
    assert result.stdout.strip() == str(believed)
