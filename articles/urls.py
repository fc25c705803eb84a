from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("news/<slug:slug>/", views.article_detail, name="detail"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
]
