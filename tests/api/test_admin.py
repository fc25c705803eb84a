"""Editors add subscribers, see each key once, and revoke keys."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from api.models import ApiKey, Subscriber

from .conftest import LIST_URL

pytestmark = pytest.mark.django_db

KEY = re.compile(r"nrk_[A-Za-z0-9_-]{40,}")


def shown_keys(response) -> list[str]:
    return KEY.findall(" ".join(str(m) for m in get_messages(response.wsgi_request)))


def api_status(client, key: str) -> int:
    return client.get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {key}").status_code


def test_editor_adds_a_subscriber_and_sees_its_key_once(client, editor):
    client.force_login(editor)
    add_url = reverse("admin:api_subscriber_add")
    assert client.get(add_url).status_code == 200
    response = client.post(
        add_url,
        {
            "name": "Client Daily",
            "contact_email": "desk@client.example",
            "is_active": "on",
            "notes": "",
            "keys-TOTAL_FORMS": "0",
            "keys-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].errors
    (key,) = shown_keys(response)

    subscriber = Subscriber.objects.get(name="Client Daily")
    api_key = subscriber.keys.get()
    assert api_key.digest == hashlib.sha256(key.encode()).hexdigest()
    assert api_key.prefix == key[:12]
    assert api_key.created_by == editor
    stored = {
        str(v) for v in ApiKey.objects.filter(pk=api_key.pk).values().get().values()
    }
    assert key not in stored

    # Shown once, on the page the editor lands on; never again after it.
    change_url = reverse("admin:api_subscriber_change", args=[subscriber.pk])
    assert key in client.get(response["Location"]).content.decode()
    change = client.get(change_url)
    assert change.status_code == 200
    assert key not in change.content.decode()
    assert api_key.prefix in change.content.decode()
    assert (
        key not in client.get(reverse("admin:api_apikey_changelist")).content.decode()
    )

    client.logout()
    assert api_status(client, key) == 200


def test_issue_action_gives_another_key(client, editor, subscriber):
    client.force_login(editor)
    response = client.post(
        reverse("admin:api_subscriber_changelist"),
        {"action": "issue_key", "_selected_action": [subscriber.pk]},
    )
    assert response.status_code == 302
    (key,) = shown_keys(response)
    assert subscriber.keys.get().digest == hashlib.sha256(key.encode()).hexdigest()
    assert api_status(client, key) == 200


def test_revoke_action_stops_the_key(client, editor, api_key):
    obj, key = api_key
    assert api_status(client, key) == 200
    client.force_login(editor)
    response = client.post(
        reverse("admin:api_apikey_changelist"),
        {"action": "revoke", "_selected_action": [obj.pk]},
        follow=True,
    )
    assert "1 key revoked." in response.content.decode()
    obj.refresh_from_db()
    assert obj.revoked_at is not None
    client.logout()
    assert api_status(client, key) == 401


def test_add_api_key_form_issues_a_key_shown_once(client, editor, subscriber):
    client.force_login(editor)
    response = client.post(
        reverse("admin:api_apikey_add"),
        {"subscriber": subscriber.pk, "label": "staging"},
    )
    assert response.status_code == 302
    (key,) = shown_keys(response)
    api_key = subscriber.keys.get()
    assert (api_key.label, api_key.created_by) == ("staging", editor)
    assert api_key.digest == hashlib.sha256(key.encode()).hexdigest()
    assert api_status(client, key) == 200


def test_keys_are_revoked_never_deleted(client, editor, api_key):
    client.force_login(editor)
    delete = reverse("admin:api_apikey_delete", args=[api_key[0].pk])
    assert client.get(delete).status_code == 403


def test_change_list_shows_live_key_counts(client, editor, api_key):
    client.force_login(editor)
    response = client.get(reverse("admin:api_subscriber_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_list[0].live_key_count == 1


@pytest.mark.parametrize("role", ["journalist", "desk"])
def test_only_editors_manage_subscribers(client, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("admin:api_subscriber_add")).status_code == 403
    assert client.get(reverse("admin:api_apikey_changelist")).status_code == 403
