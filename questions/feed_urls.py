"""The addresses of the question feeds, under ``/vragen/`` beside the pages Wagtail serves.

Part of the ``questions`` URL namespace: ``questions/urls.py`` adds these patterns to its own
(``urlpatterns += feed_urls.urlpatterns``), before Wagtail's page tree in the site's URL map.
"""

from django.urls import path

from . import feeds

urlpatterns = [
    path("vragen/feed/rss/", feeds.rss, name="feed_rss"),
    path("vragen/feed/atom/", feeds.atom, name="feed_atom"),
    path("vragen/thema/<slug:slug>/feed/rss/", feeds.rss, name="theme_feed_rss"),
    path("vragen/thema/<slug:slug>/feed/atom/", feeds.atom, name="theme_feed_atom"),
]
