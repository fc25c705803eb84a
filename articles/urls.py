from django.urls import path

from . import views

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
]
