from django.urls import path

from . import feeds, views
from .conditional import conditional
from .models import Article


def feed_view(feed_class, scope_for):
    """A feed that answers 304 when nothing it shows has changed."""
    feed = feed_class()

    def view(request, *args, **kwargs):
        response = feed(request, *args, **kwargs)
        # The framework dates a feed by its newest item; an edit or a kill
        # changes a feed too, so the conditional wrapper sets the header.
        del response["Last-Modified"]
        return response

    return conditional(scope_for)(view)


def all_news(request, **kwargs):
    return Article.objects.all()


def in_section(request, slug):
    return Article.objects.filter(section__slug=slug)


def with_tag(request, slug):
    return Article.objects.filter(tags__slug=slug)


def by_author(request, slug):
    return Article.objects.filter(authors__slug=slug)


app_name = "articles"

urlpatterns = [
    path("news/<slug:slug>/", views.article_detail, name="detail"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path(
        "archive/<int:year>/<int:month>/<int:day>/",
        views.DayArchiveView.as_view(),
        name="archive_day",
    ),
    path("search/", views.search, name="search"),
    path("beacon/read/<int:pk>/", views.read_beacon, name="read_beacon"),
    path("feeds/rss/", feed_view(feeds.NewsFeed, all_news), name="feed_rss"),
    path("feeds/atom/", feed_view(feeds.AtomNewsFeed, all_news), name="feed_atom"),
    path(
        "feeds/section/<slug:slug>/rss/",
        feed_view(feeds.SectionFeed, in_section),
        name="section_feed_rss",
    ),
    path(
        "feeds/section/<slug:slug>/atom/",
        feed_view(feeds.AtomSectionFeed, in_section),
        name="section_feed_atom",
    ),
    path(
        "feeds/tag/<slug:slug>/rss/",
        feed_view(feeds.TagFeed, with_tag),
        name="tag_feed_rss",
    ),
    path(
        "feeds/tag/<slug:slug>/atom/",
        feed_view(feeds.AtomTagFeed, with_tag),
        name="tag_feed_atom",
    ),
    path(
        "feeds/author/<slug:slug>/rss/",
        feed_view(feeds.AuthorFeed, by_author),
        name="author_feed_rss",
    ),
    path(
        "feeds/author/<slug:slug>/atom/",
        feed_view(feeds.AtomAuthorFeed, by_author),
        name="author_feed_atom",
    ),
]
