"""Public addresses of the comments: writing, the member's own actions, and the old address of
unsubscribing (the members app serves it)."""

from django.urls import path

from members.views.notifications import unsubscribe

from . import views

app_name = "comments"

urlpatterns = [
    path("reacties/pagina/<int:page_id>/", views.write, name="write"),
    path("reacties/pagina/<int:page_id>/volgen/", views.follow, name="follow"),
    # Links in comment e-mails sent before there was one unsubscribe system.
    path("reacties/afmelden/<str:token>/", unsubscribe, name="unsubscribe"),
    path("reacties/<int:pk>/", views.permalink, name="permalink"),
    path("reacties/<int:pk>/bewerken/", views.edit, name="edit"),
    path("reacties/<int:pk>/verwijderen/", views.delete, name="delete"),
    path("reacties/<int:pk>/melden/", views.report, name="report"),
]
