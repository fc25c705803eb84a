from __future__ import annotations

import copy
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.storage import s3, s3_server  # noqa: F401 (fixtures)
from tests.worker import running_worker, worker_env  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parent.parent

# CI sets this so that a test skipped for a missing browser or missing
# ../shared/ fails instead: nothing may be silently skipped there.
STRICT_SKIPS = os.environ.get("NEWSROOM_STRICT_SKIPS", "").lower() in {
    "1",
    "true",
    "yes",
}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if STRICT_SKIPS and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        report.outcome = "failed"
        report.longrepr = f"Skipped under NEWSROOM_STRICT_SKIPS: {reason}"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "postgresql: needs PostgreSQL (deselected, not skipped, on other databases)",
    )
    config.addinivalue_line(
        "markers", "sqlite: checks the SQLite fallback (deselected on PostgreSQL)"
    )
    config.addinivalue_line(
        "markers",
        "any_database: markup, layout, packaging: no database or cache can change "
        "the outcome (deselected when NEWSROOM_SKIP_ANY_DATABASE is set)",
    )


def pytest_collection_modifyitems(config, items):
    """Run backend-specific tests only on their backend.

    CI runs the suite on both databases, so each of these runs somewhere;
    deselecting (rather than skipping) keeps strict-skip mode meaningful.
    """
    from django.conf import settings

    vendor = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    on_postgres = vendor == "postgresql"
    # CI's second stage (PostgreSQL and Redis) leaves out what its first
    # stage already proved and no database could change: the time budget
    # goes to the tests whose outcome depends on the database.
    skip_any_database = bool(os.environ.get("NEWSROOM_SKIP_ANY_DATABASE"))
    keep, drop = [], []
    for item in items:
        wrong_backend = (item.get_closest_marker("postgresql") and not on_postgres) or (
            item.get_closest_marker("sqlite") and on_postgres
        )
        proved_elsewhere = skip_any_database and item.get_closest_marker("any_database")
        (drop if wrong_backend or proved_elsewhere else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def schemas_dir() -> Path | None:
    """Where the shared schema files are: NEWSROOM_SCHEMAS_DIR or ../shared/schemas."""
    configured = os.environ.get("NEWSROOM_SCHEMAS_DIR")
    candidate = Path(configured) if configured else ROOT.parent / "shared" / "schemas"
    return candidate if candidate.is_dir() else None


@pytest.fixture
def schemas() -> Path:
    directory = schemas_dir()
    if directory is None:
        pytest.skip(
            "schema files not found: put ../shared/schemas beside the checkout "
            "or set NEWSROOM_SCHEMAS_DIR"
        )
    return directory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test writes uploads and renditions into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_edition():
    """Each test starts in the default language: a request through the test
    client leaves its edition's language active in the thread, which would
    otherwise prefix the next test's reverse() with it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True, scope="session")
def _redis_database_per_worker():
    """Under pytest-xdist, each worker on a Redis database of its own: every
    test empties the cache (FLUSHDB), which would wipe a neighbour's entries
    in the middle of its test. Worker N takes the configured database
    minus N (CI's 15 and 14)."""
    from django.conf import settings
    from django.test import override_settings

    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    location = str(settings.CACHES["default"].get("LOCATION", ""))
    if not worker.startswith("gw") or not location.startswith("redis"):
        yield
        return
    parts = urlsplit(location)
    database = (int(parts.path.lstrip("/") or 0) - int(worker[2:])) % 16
    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["LOCATION"] = urlunsplit(parts._replace(path=f"/{database}"))
    with override_settings(CACHES=caches):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as rows it caches are rolled back."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# Databases 9, 8, 7 … under pytest-xdist workers gw0, gw1, gw2: apart from the
# page cache's (15, 14, 13 …), the two-node tests' (12, 11, 10 …), the
# settings tests' round trips (3) and bench/edge.py (6).
REDIS_TEST_DATABASE = 9 - int(os.environ.get("PYTEST_XDIST_WORKER", "gw0")[2:] or 0)
REDIS_TEST_URL = f"redis://127.0.0.1:6379/{REDIS_TEST_DATABASE}"


@pytest.fixture
def redis_cache(settings):
    """Redis as the cache (REDIS_TEST_URL, emptied before and after), whichever
    cache the run was configured with; the client to look at it directly."""
    import redis

    server = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        server.ping()
    except redis.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    server.flushdb()
    settings.CACHES = {
        "default": {
            "BACKEND": "caching.backends.ResilientRedisCache",
            "LOCATION": REDIS_TEST_URL,
        }
    }
    yield server
    server.flushdb()


def make_staff(username: str, role: str | None):
    """A staff user in one of the newsroom's role groups."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, password="pw", is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def fragment_cache(settings):
    """Cached fragments and stories on, the page cache off: what a page the
    page cache misses goes through in production."""
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = True
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def journalist(db):
    return make_staff("journalist1", "Journalist")


@pytest.fixture
def other_journalist(db):
    return make_staff("journalist2", "Journalist")


@pytest.fixture
def editor(db):
    return make_staff("editor1", "Editor")


@pytest.fixture
def desk(db):
    return make_staff("desk1", "Desk")
