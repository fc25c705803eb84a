"""Settings of the web nodes tests/edge/test_two_nodes.py starts:
production's, read from the environment, except for what a test cannot
give a node: the static files' manifest (a build step, `collectstatic`)
and the test suite's fast password hash, which its users were made with."""

from newsroom.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
