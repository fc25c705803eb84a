from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("news/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
]
