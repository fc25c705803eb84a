"""Settings for the test suite: the real settings with test-only defaults.

Environment variables still win, so `DATABASE_URL` points the suite at
PostgreSQL exactly as it points the site there.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# The demo and generator tests need devdata whatever DEBUG says.
os.environ.setdefault("NEWSROOM_DEVDATA", "true")

from newsroom.settings import *  # noqa: F403

# The test's own folder when a test's worker process shares it (tests/worker.py).
MEDIA_ROOT = os.environ.get("NEWSROOM_TEST_MEDIA_ROOT") or tempfile.mkdtemp(
    prefix="newsroom-test-media-"
)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Tests that need the page cache turn it on (tests/test_pagecache.py); others
# check what a view renders, whatever REDIS_URL says.
PAGE_CACHE = False
FRAGMENT_CACHE = False

# Absolute links use SITE_URL as in production, even when DEBUG=true is in
# the environment; tests of the development behaviour turn it on.
SITE_URL_FOLLOWS_REQUEST = False

# Tasks run inline, in the enqueuing process (Huey's immediate mode, with an
# in-memory queue), so tests not about the worker need none and never touch
# var/. Tests of the worker start a real consumer (tests/worker.py), which
# runs with HUEY_IMMEDIATE=false.
HUEY = {**HUEY, "immediate": env_bool("HUEY_IMMEDIATE", default=True)}  # noqa: F405
