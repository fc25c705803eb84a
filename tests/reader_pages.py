"""The reader pages that the accessibility and HTML-validity checks visit.

Both checks run on the demo newsroom, loaded small: it has what a real front
page has (pictures, bylines with photos, the ticker, editor's picks, most
read, follow-us links, partner content, pieces in Azerbaijani and Russian),
which an empty site or a few bare factories would not exercise.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation

from articles.models import Article
from devdata import demo
from devdata.demo import pictures

DEMO_ARTICLES = 30
# Pictures drawn at this size get one rendition per shape instead of four:
# the markup is the same <picture> with a srcset, made five times faster.
SMALL_PICTURE = (640, 360)
SMALL_PORTRAIT = (200, 200)

PARTNER_SLUG = "small-exporters-rail-freight-to-europe"
AZERBAIJANI_SLUG = f"{demo.LONG_ANALYSIS_SLUG}-az"
SEARCH_QUERY = "Caspian"


def main_html(response) -> str:
    """The page's <main>, without the sidebars every page carries."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def load_small_demo(monkeypatch) -> None:
    monkeypatch.setattr(pictures, "ARTICLE_IMAGE_SIZE", SMALL_PICTURE)
    monkeypatch.setattr(pictures, "PORTRAIT_SIZE", SMALL_PORTRAIT)
    demo.load_demo_newsroom(articles=DEMO_ARTICLES)


def edition_home(language: str) -> str:
    with translation.override(language):
        return reverse("home")


def reader_paths() -> dict[str, str]:
    """Page name -> path: one page of every kind a reader lands on."""
    analysis = Article.objects.get(slug=demo.LONG_ANALYSIS_SLUG)
    author = analysis.bylines.select_related("author").first().author
    tag = analysis.tags.order_by("name").first()
    return {
        "home": reverse("home"),
        "article": analysis.get_absolute_url(),
        "article-partner": reverse("articles:detail", args=[PARTNER_SLUG]),
        "article-az": Article.objects.get(slug=AZERBAIJANI_SLUG).get_absolute_url(),
        "home-az": edition_home("az"),
        "home-ru": edition_home("ru"),
        "section": analysis.section.get_absolute_url(),
        "author": author.get_absolute_url(),
        "tag": reverse("articles:tag", args=[tag.slug]),
        "search": f"{reverse('articles:search')}?{urlencode({'q': SEARCH_QUERY})}",
    }
