"""Public addresses of the comments: writing, the member's own actions, unsubscribing."""

from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("reacties/pagina/<int:page_id>/", views.write, name="write"),
    path("reacties/pagina/<int:page_id>/volgen/", views.follow, name="follow"),
    path("reacties/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("reacties/<int:pk>/", views.permalink, name="permalink"),
    path("reacties/<int:pk>/bewerken/", views.edit, name="edit"),
    path("reacties/<int:pk>/verwijderen/", views.delete, name="delete"),
    path("reacties/<int:pk>/melden/", views.report, name="report"),
]
