import pytest
from django.db import IntegrityError, transaction

from authors.models import Author, ExpertiseLine, SocialLink
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def test_slug_is_filled_from_the_name():
    assert Author.objects.create(name="Leyla Məmmədova").slug == "leyla-mmmdova"


def test_education_and_location_read_as_one_line():
    author = AuthorFactory.build(degree="MA in Economics", school="ADA University")
    assert author.education == "MA in Economics, ADA University"
    assert AuthorFactory.build(degree="", school="ADA University").education == (
        "ADA University"
    )
    assert AuthorFactory.build(city="Ganja", country="").location == "Ganja"


def test_active_is_the_public_profile_rule():
    shown, hidden = AuthorFactory(), AuthorFactory(is_active=False)
    assert list(Author.objects.active()) == [shown]
    assert hidden not in Author.objects.active()


def test_expertise_lines_keep_their_order():
    author = AuthorFactory()
    ExpertiseLine.objects.create(author=author, text="Second", position=2)
    ExpertiseLine.objects.create(author=author, text="First", position=1)
    assert [line.text for line in author.expertise_lines.all()] == ["First", "Second"]


def test_one_link_per_network():
    author = AuthorFactory()
    SocialLink.objects.create(author=author, network="x", url="https://x.com/a")
    with pytest.raises(IntegrityError), transaction.atomic():
        SocialLink.objects.create(author=author, network="x", url="https://x.com/b")


def test_an_author_with_bylines_cannot_be_deleted():
    from django.db.models import ProtectedError

    from tests.factories import ArticleFactory

    author = AuthorFactory()
    ArticleFactory(authors=[author])
    with pytest.raises(ProtectedError):
        author.delete()
