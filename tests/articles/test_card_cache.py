"""The home page's cached cards (articles/cards.py): reused while other
pieces are published, replaced by any change to what a card shows."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import caching
from articles import cards, invalidation, workflow
from articles.models import Article
from images.models import Image
from images.renditions import generate_renditions
from tests.factories import ArticleFactory, ImageFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]


@pytest.fixture
def pieces():
    politics, economy = SectionFactory(name="Politics"), SectionFactory(name="Economy")
    shared = ImageFactory(alt_text="Parliament at night")
    return [
        ArticleFactory(headline="Budget passes", section=politics, hero_image=shared),
        # The same picture on two cards: each must get its renditions.
        ArticleFactory(headline="Vote recounted", section=politics, hero_image=shared),
        ArticleFactory(
            headline="Rates held",
            section=economy,
            hero_image=ImageFactory(alt_text="The central bank"),
        ),
        ArticleFactory(headline="Harvest in", section=economy),
    ]


def home(client) -> str:
    response = client.get("/en/")
    assert response.status_code == 200
    return response.content.decode()


def rendition_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        home(client)
    return [
        q["sql"]
        for q in captured.captured_queries
        if 'FROM "images_rendition"' in q["sql"]
    ]


@pytest.fixture
def rendered_cards():
    """The articles whose cards are rendered (not read from the cache)."""
    with mock.patch.object(
        cards, "article_card_html", wraps=cards.article_card_html
    ) as render:
        yield lambda: [call.args[0].headline for call in render.call_args_list]


def test_cached_cards_render_the_same_without_their_rows_and_pictures(client, pieces):
    first = home(client)
    with CaptureQueriesContext(connection) as warm:
        assert home(client) == first
    # Every card must be drawn again.
    caching.invalidate(*(invalidation.article_tag(piece.pk) for piece in pieces))
    with CaptureQueriesContext(connection) as cold:
        assert home(client) == first
    # Drawing the cards read their rows and, in one query, their pictures;
    # cached, the page lists the pieces' keys and reads neither.
    assert len(cold) == len(warm) + 2
    assert not rendition_queries(client)
    for headline in ("Budget passes", "Vote recounted", "Rates held", "Harvest in"):
        assert headline in first
    # Both cards of the shared picture carry its srcset.
    assert first.count('alt="Parliament at night"') == 2
    assert first.count("srcset=") >= 3 * 2


def test_a_newly_published_piece_renders_only_its_own_card(
    client, pieces, editor, rendered_cards
):
    home(client)
    newcomer = ArticleFactory(
        headline="Coalition agreed",
        status="submitted",
        section=pieces[0].section,
        hero_image=ImageFactory(alt_text="Party leaders"),
    )
    rendered_before = len(rendered_cards())
    workflow.publish(newcomer, by=editor)
    html = home(client)
    assert "Coalition agreed" in html and 'alt="Party leaders"' in html
    # The newcomer leads the page and heads its section's block: two cards
    # of its own, none of the others'.
    assert set(rendered_cards()[rendered_before:]) == {"Coalition agreed"}


def edit_headline(piece: Article) -> str:
    piece = Article.objects.get(pk=piece.pk)
    piece.headline = "Budget passes after all-night session"
    piece.save()
    return "Budget passes after all-night session"


def mark_exclusive(piece: Article) -> str:
    piece = Article.objects.get(pk=piece.pk)
    piece.is_exclusive = True
    piece.save()
    return "Exclusive"


def change_alt_text(piece: Article) -> str:
    image = Image.objects.get(pk=piece.hero_image_id)
    image.alt_text = "The chamber during the vote"
    image.save()
    return 'alt="The chamber during the vote"'


def remake_renditions(piece: Article) -> str:
    image = Image.objects.get(pk=piece.hero_image_id)
    new = generate_renditions(image)
    card_sized = next(r for r in new if r.spec.startswith("16:9-"))
    return card_sized.file.name.rsplit("/", 1)[-1]


def swap_picture(piece: Article) -> str:
    piece = Article.objects.get(pk=piece.pk)
    piece.hero_image = ImageFactory(alt_text="Ballot boxes")
    piece.save()
    return 'alt="Ballot boxes"'


@pytest.mark.parametrize(
    "change",
    [edit_headline, mark_exclusive, change_alt_text, remake_renditions, swap_picture],
    ids=lambda change: change.__name__,
)
def test_every_change_to_what_a_card_shows_appears_at_once(client, pieces, change):
    home(client)
    home(client)  # served from the cache
    expected = change(pieces[0])
    assert expected in home(client)


def test_each_edition_has_its_own_cards(client, pieces):
    ArticleFactory(headline="Бюджет принят", language="ru", section=pieces[0].section)
    home(client)
    response = client.get("/ru/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Бюджет принят" in html and "Budget passes" not in html
