"""Editors add subscribers, see each key once, and revoke keys."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.models import Session
from django.urls import reverse

from api.models import ApiKey, Subscriber

from .conftest import LIST_URL

pytestmark = pytest.mark.django_db

KEY = re.compile(r"nrk_[A-Za-z0-9_-]{40,}")


def cookie_texts(response) -> list[str]:
    """Every cookie the response sets, as sent and, for Django's messages
    cookie (signed and compressed, not encrypted), as anyone can decode it."""
    texts = []
    for cookie in response.cookies.values():
        texts.append(cookie.value)
        if cookie.key == CookieStorage.cookie_name and cookie.value:
            decoded = CookieStorage(response.wsgi_request)._decode(cookie.value)
            texts += [str(message) for message in decoded or []]
    return texts


def shown_keys(response) -> list[str]:
    """The keys on the page that answered the request issuing them, after
    checking that none travels anywhere else: no cookie, no stored session."""
    assert not KEY.findall(" ".join(cookie_texts(response)))
    sessions = [str(s.get_decoded()) for s in Session.objects.all()]
    assert not KEY.findall(" ".join(sessions))
    assert response.status_code == 200, response
    assert "no-store" in response["Cache-Control"]
    keys = KEY.findall(response.content.decode())
    assert keys, "no key on the page"
    return keys


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
    assert response.status_code == 200, response.context["adminform"].errors
    (key,) = shown_keys(response)
    assert "was added successfully" in response.content.decode()

    subscriber = Subscriber.objects.get(name="Client Daily")
    api_key = subscriber.keys.get()
    assert api_key.digest == hashlib.sha256(key.encode()).hexdigest()
    assert api_key.prefix == key[:12]
    assert api_key.created_by == editor
    stored = {
        str(v) for v in ApiKey.objects.filter(pk=api_key.pk).values().get().values()
    }
    assert key not in stored

    # Shown once, on the page answering the save; never again after it.
    change_url = reverse("admin:api_subscriber_changelist")
    assert response.context["continue_url"] == change_url
    after = client.get(response.context["continue_url"])
    assert after.status_code == 200
    assert key not in after.content.decode()
    change = client.get(reverse("admin:api_subscriber_change", args=[subscriber.pk]))
    assert change.status_code == 200
    assert key not in change.content.decode()
    assert api_key.prefix in change.content.decode()
    assert (
        key not in client.get(reverse("admin:api_apikey_changelist")).content.decode()
    )

    client.logout()
    assert api_status(client, key) == 200


def test_save_and_continue_shows_the_key_then_goes_on_editing(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:api_subscriber_add"),
        {
            "name": "Client Weekly",
            "is_active": "on",
            "keys-TOTAL_FORMS": "0",
            "keys-INITIAL_FORMS": "0",
            "_continue": "Save and continue editing",
        },
    )
    (key,) = shown_keys(response)
    subscriber = Subscriber.objects.get(name="Client Weekly")
    assert response.context["continue_url"] == reverse(
        "admin:api_subscriber_change", args=[subscriber.pk]
    )
    assert key not in client.get(response.context["continue_url"]).content.decode()


def test_a_subscriber_added_from_the_key_form_popup_gets_no_key_of_its_own(
    client, editor
):
    """The popup opened by "Add API key" has no page to show a key on, and
    the editor is issuing one on the form that opened it."""
    client.force_login(editor)
    response = client.post(
        reverse("admin:api_subscriber_add") + "?_popup=1&_to_field=id",
        {
            "name": "Client Popup",
            "is_active": "on",
            "keys-TOTAL_FORMS": "0",
            "keys-INITIAL_FORMS": "0",
            "_popup": "1",
            "_to_field": "id",
        },
    )
    assert response.status_code == 200
    assert "popup_response" in response.templates[0].name
    assert not KEY.findall(response.content.decode())
    assert not Subscriber.objects.get(name="Client Popup").keys.exists()


def test_issue_action_gives_another_key(client, editor, subscriber):
    other = Subscriber.objects.create(name="Client Evening")
    client.force_login(editor)
    response = client.post(
        reverse("admin:api_subscriber_changelist"),
        {"action": "issue_key", "_selected_action": [subscriber.pk, other.pk]},
    )
    keys = shown_keys(response)
    assert len(keys) == 2
    digests = {hashlib.sha256(key.encode()).hexdigest() for key in keys}
    assert digests == {subscriber.keys.get().digest, other.keys.get().digest}
    after = client.get(response.context["continue_url"])
    assert not any(key in after.content.decode() for key in keys)
    assert all(api_status(client, key) == 200 for key in keys)


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
    (key,) = shown_keys(response)
    assert "staging" in response.content.decode()
    api_key = subscriber.keys.get()
    assert (api_key.label, api_key.created_by) == ("staging", editor)
    assert api_key.digest == hashlib.sha256(key.encode()).hexdigest()
    assert response.context["continue_url"] == reverse("admin:api_apikey_changelist")
    assert key not in client.get(response.context["continue_url"]).content.decode()
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
