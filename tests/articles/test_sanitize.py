import pytest

from articles.sanitize import sanitize_body
from tests.factories import ArticleFactory

ALLOWED = (
    "<h2>Subheading</h2><h3>Smaller</h3><p>Text with <strong>bold</strong>, "
    '<em>italic</em> and a <a href="https://example.org/x">link</a>.</p>'
    "<ul><li>one</li></ul><ol><li>two</li></ol><blockquote><p>Quote</p></blockquote>"
    '<figure><img src="https://example.org/a.jpg" alt="A"><figcaption>Cap'
    "</figcaption></figure>"
)


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ("<p>x</p><script>alert(1)</script>", "<script"),
        ('<p onclick="alert(1)">x</p>', "onclick"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ('<p style="background:url(javascript:alert(1))">x</p>', "style"),
        ("<svg><script>alert(1)</script></svg>", "<svg"),
        ("<h1>Only one h1 per page, the headline</h1>", "<h1"),
    ],
)
def test_dangerous_markup_never_survives(dirty, forbidden):
    assert forbidden.lower() not in sanitize_body(dirty).lower()


def test_allowed_markup_is_kept():
    cleaned = sanitize_body(ALLOWED)
    for fragment in (
        "<h2>Subheading</h2>",
        "<h3>Smaller</h3>",
        "<strong>bold</strong>",
        "<em>italic</em>",
        'href="https://example.org/x"',
        "<ul><li>one</li></ul>",
        "<ol><li>two</li></ol>",
        "<blockquote><p>Quote</p></blockquote>",
        '<img src="https://example.org/a.jpg" alt="A">',
        "<figcaption>Cap</figcaption>",
    ):
        assert fragment in cleaned


def test_links_get_a_safe_rel():
    assert 'rel="noopener noreferrer"' in sanitize_body(
        '<a href="https://example.org" rel="opener">x</a>'
    )


def test_empty_editor_document_is_empty():
    assert sanitize_body("<p></p>") == ""


@pytest.mark.django_db
def test_body_is_sanitised_on_save_whatever_the_path():
    """Shell, API and admin all go through save(), so none can store a script."""
    article = ArticleFactory(
        body='<h2>Sub</h2><script>x()</script><p onclick="y">z</p>'
    )
    article.refresh_from_db()
    assert article.body == "<h2>Sub</h2><p>z</p>"
