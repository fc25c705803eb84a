from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("ninjs/items/", views.item_list, name="items"),
    path("ninjs/items/<int:pk>/", views.item_detail, name="item"),
]
