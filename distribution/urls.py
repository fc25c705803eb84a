"""The feeds of an edition: the whole edition, and per section, tag and author."""

from django.urls import path

from articles.models import Article

from . import feeds
from .conditional import conditional


def feed_view(feed_class):
    """A feed that answers 304 when nothing it shows has changed. Its
    validators are dated by the pieces of its scope in every state, the
    trash too, so that moving a piece there (a save) moves them on."""
    feed = feed_class()

    def view(request, *args, **kwargs):
        response = feed(request, *args, **kwargs)
        # The framework dates a feed by its newest item; an edit or a kill
        # changes a feed too, so the conditional wrapper sets the header.
        del response["Last-Modified"]
        return response

    def scope_for(request, slug=None, **kwargs):
        return Article.all_objects.in_edition().filter(feed_class.scope_q(slug))

    return conditional(scope_for)(view)


# (URL part, RSS feed, Atom feed): /feeds/<part>/<slug>/rss/ and /atom/,
# named e.g. "section_feed_rss".
SCOPED_FEEDS = [
    ("section", feeds.SectionFeed, feeds.AtomSectionFeed),
    ("tag", feeds.TagFeed, feeds.AtomTagFeed),
    ("author", feeds.AuthorFeed, feeds.AtomAuthorFeed),
]
scoped_feeds = [
    path(
        f"feeds/{part}/<slug:slug>/{kind}/",
        feed_view(feed_class),
        name=f"{part}_feed_{kind}",
    )
    for part, rss, atom in SCOPED_FEEDS
    for kind, feed_class in (("rss", rss), ("atom", atom))
]

app_name = "distribution"

urlpatterns = [
    path("feeds/rss/", feed_view(feeds.NewsFeed), name="feed_rss"),
    path("feeds/atom/", feed_view(feeds.AtomNewsFeed), name="feed_atom"),
    *scoped_feeds,
]
