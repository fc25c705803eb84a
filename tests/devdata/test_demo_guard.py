"""The demo loader is for development: it refuses a production settings
module unless told, and never changes an account that was already there
(#18, item 2)."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from api.models import ApiKey
from articles.models import Article

pytestmark = pytest.mark.django_db


def test_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--without-debug"):
        call_command("load_demo_newsroom", "--articles", "0", stdout=io.StringIO())
    assert not get_user_model().objects.filter(username="editor").exists()
    assert not ApiKey.objects.exists()
    assert not Article.objects.exists()


def test_an_existing_account_is_never_changed(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    User = get_user_model()
    chief = User.objects.create_user("editor", password="her-own-password")
    with pytest.raises(CommandError, match="'editor' already exists"):
        call_command("load_demo_newsroom", "--articles", "0", stdout=io.StringIO())
    chief.refresh_from_db()
    assert chief.check_password("her-own-password")
    assert not chief.is_staff
    assert not chief.groups.exists()
    # Nothing of the demo was left half-loaded.
    assert not User.objects.filter(username="journalist").exists()
    assert not Article.objects.exists()
