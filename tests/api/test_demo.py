"""Outside the demo the demo's key opens nothing (tests/devdata/test_demo.py
reads the demo newsroom with it)."""

from __future__ import annotations

import pytest

from devdata.demo import DEMO_API_KEY

from .conftest import LIST_URL

pytestmark = pytest.mark.django_db


def test_demo_key_is_not_issued_outside_the_demo(client):
    response = client.get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {DEMO_API_KEY}")
    assert response.status_code == 401
