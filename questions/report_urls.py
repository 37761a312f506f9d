"""The address of reporting a question. ``questions/urls.py`` includes these patterns in its
own namespace (``questions:report``); no ``app_name`` here for that reason."""

from django.urls import path

from . import report_views

urlpatterns = [
    path("vragen/<int:page_id>/melden/", report_views.report, name="report"),
]
