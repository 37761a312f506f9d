"""The site's addresses with the report view in front, for as long as ``questions/urls.py``
does not include ``questions.report_urls`` yet (the view's name is ``questions:report``)."""

from django.urls import include, path

from questions import report_urls
from vakgenoten.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("", include((report_urls.urlpatterns, "questions"))), *site_urlpatterns]
