"""Slug-page addresses filled into a pattern reversed once per edition must
be exactly what reverse() gives."""

import pytest
from django.urls import reverse
from django.utils import translation

from editions.addresses import slug_url


@pytest.mark.parametrize("language", ["en", "ru", "az"])
@pytest.mark.parametrize(
    "viewname", ["articles:detail", "articles:section", "authors:detail"]
)
@pytest.mark.parametrize("slug", ["neft-i-gaz", "a_b-9", "x"])
def test_slug_url_matches_reverse(language, viewname, slug):
    with translation.override(language):
        expected = reverse(viewname, kwargs={"slug": slug})
        assert slug_url(viewname, slug) == expected
    assert slug_url(viewname, slug, language) == expected
