"""A NUL byte in what the admin reads from its address is a 400, never a 500.

PostgreSQL refuses NUL in text, so before the fix these requests failed
inside the query there (500); SQLite stores NUL, so there they answered
200. Asserting 400 fails on both databases before the fix. CI runs this
file on PostgreSQL too, where a 500 would surface as the query's error.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import PreviewLink
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = (
    "/admin/autocomplete/?app_label=articles&model_name=article"
    "&field_name={field}&term=a%00b"
)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/tag-suggestions/?q=eco%00",
        AUTOCOMPLETE.format(field="section"),
        AUTOCOMPLETE.format(field="translation_of"),
        # List filters: choices, free text in a lookup, a parameter's name.
        "/admin/articles/article/?status__exact=a%00b",
        "/admin/articles/article/?language=a%00b",
        "/admin/articles/article/?headline__contains=a%00b",
        "/admin/authors/author/?city__exact=Baku%00",
        "/admin/audit/auditentry/?kind=a%00b",
        "/admin/articles/article/?status%00=published",
        # The change list's search box.
        "/admin/articles/article/?q=a%00b",
        "/admin/taggit/tag/?q=a%00b",
    ],
)
def test_nul_byte_in_an_admin_address_is_a_400(admin_client, url):
    ArticleFactory()
    response = admin_client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_admin_still_answers_ordinary_lookups(admin_client):
    """The check refuses only the NUL: the same requests without it work."""
    Tag.objects.create(name="economy")
    ArticleFactory()
    suggestions = admin_client.get("/admin/articles/article/tag-suggestions/?q=eco")
    assert suggestions.json() == {"results": ["economy"]}
    listing = admin_client.get("/admin/articles/article/?status__exact=published&q=a")
    assert listing.status_code == 200
    # A percent sign followed by zeros that is not a NUL passes too.
    assert admin_client.get("/admin/articles/article/?q=100%2500").status_code == 200


def test_nul_byte_in_a_preview_link_note_is_dropped_not_a_500(admin_client):
    """The note is read straight from the post, not through a form: a NUL in
    it is dropped, and the link is made with the rest of the note."""
    article = ArticleFactory(draft=True)
    response = admin_client.post(
        reverse("admin:articles_article_preview_links", args=[article.pk]),
        {"hours": "2", "note": "for the\x00 lawyer"},
    )
    assert response.status_code == 302
    assert PreviewLink.objects.get(article=article).note == "for the lawyer"


@pytest.mark.postgresql
def test_nul_byte_in_reader_search_is_a_form_error_on_postgresql(client):
    """Reader pages pass only the parameters they read, through forms: a
    NUL in search is the search page's 400 with its form, not a 500."""
    ArticleFactory()
    response = client.get("/en/search/?q=oil%00")
    assert response.status_code == 400
    assert 'name="q"' in response.content.decode()


def test_api_paths_are_left_to_the_api(client):
    """The API answers NUL bytes with its own JSON errors, not this page."""
    client.raise_request_exception = False
    response = client.get("/api/ninjs/items/?language=en%00")
    assert "address contains a NUL" not in response.content.decode()
