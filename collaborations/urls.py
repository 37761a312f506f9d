"""URLs of the collaborations: the list, the map and a page per collaboration."""

from django.urls import path

from . import views

app_name = "collaborations"

urlpatterns = [
    path("samenwerkingen/", views.collaboration_list, name="list"),
    path("samenwerkingen/kaart/", views.collaboration_map, name="map"),
    path("samenwerkingen/<slug:slug>/", views.collaboration_detail, name="detail"),
]
