"""The site's URL map with the question feeds in the ``questions`` namespace, for the feed
tests while ``questions/urls.py`` does not include ``questions.feed_urls`` yet (once it does,
the tests use the site's own map)."""

from django.urls import include, path

from vakgenoten.urls import urlpatterns as site_patterns

urlpatterns = [path("", include(("questions.feed_urls", "questions"))), *site_patterns]
