"""Public addresses of questions besides the pages themselves (which Wagtail serves)."""

from django.urls import path

from . import feeds, report_views, views

app_name = "questions"

urlpatterns = [
    path("vragen/stellen/", views.ask, name="ask"),
    path("vragen/antwoord/<int:comment_id>/hielp/", views.accept, name="accept"),
    path("vragen/antwoord/<int:comment_id>/nuttig/", views.useful, name="useful"),
    path("vragen/<int:page_id>/melden/", report_views.report, name="report"),
    path("vragen/feed/rss/", feeds.rss, name="feed_rss"),
    path("vragen/feed/atom/", feeds.atom, name="feed_atom"),
    path("vragen/thema/<slug:slug>/feed/rss/", feeds.rss, name="theme_feed_rss"),
    path("vragen/thema/<slug:slug>/feed/atom/", feeds.atom, name="theme_feed_atom"),
]
