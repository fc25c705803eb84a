from django.urls import path

from caching.slots import expensive

from . import views

app_name = "articles"

urlpatterns = [
    path("news/", views.ArticleListView.as_view(), name="all_news"),
    path("news/<slug:slug>/", views.article_detail, name="detail"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path(
        "archive/<int:year>/<int:month>/<int:day>/",
        views.DayArchiveView.as_view(),
        name="archive_day",
    ),
    path("search/", expensive("search")(views.search), name="search"),
]

# Author pages keep the authors namespace (Author.get_absolute_url) but live
# with the other reader pages (newsroom/urls.py mounts them at authors/).
author_urlpatterns = (
    [path("<slug:slug>/", views.AuthorDetailView.as_view(), name="detail")],
    "authors",
)
