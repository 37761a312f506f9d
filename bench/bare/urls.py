"""One view at the yardstick's address, answering as ``vakgenoten.views.ping`` does."""

from django.http import HttpResponse
from django.urls import path


def ping(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("ping", ping)]
