"""The probes (/ping, /healthz, /readyz) are never cached, with Django's exact headers written
once rather than parsed and merged on every request."""

from email.utils import parsedate_to_datetime
from unittest import mock

import pytest

from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from django.views.decorators.cache import never_cache as django_never_cache

from vakgenoten.cache import never_cache

pytestmark = pytest.mark.django_db

PROBES = ["/ping", "/healthz", "/readyz"]


def _django_never_cache_headers(view, request):
    response = django_never_cache(view)(request)
    return response["Cache-Control"], response["Expires"]


@pytest.mark.parametrize("path", PROBES)
def test_probe_is_never_cached_with_djangos_headers(client, path):
    response = client.get(path)
    expected, _ = _django_never_cache_headers(lambda r: HttpResponse(), RequestFactory().get("/"))
    assert response["Cache-Control"] == expected
    expires = parsedate_to_datetime(response["Expires"])
    assert abs((expires - timezone.now()).total_seconds()) < 5


@pytest.mark.parametrize("path", PROBES)
def test_probe_headers_are_written_not_merged(client, path):
    with mock.patch(
        "django.utils.cache.patch_cache_control",
        wraps=__import__("django").utils.cache.patch_cache_control,
    ) as patch:
        client.get(path)
    patch.assert_not_called()


@pytest.mark.parametrize(
    "headers",
    [{"Cache-Control": "public, max-age=600"}, {"Expires": "Thu, 01 Jan 2099 00:00:00 GMT"}],
)
def test_a_view_that_speaks_about_caching_gets_djangos_merge(headers):
    def view(request):
        return HttpResponse(headers=headers)

    request = RequestFactory().get("/")
    response = never_cache(view)(request)
    expected = django_never_cache(view)(request)
    assert response["Cache-Control"] == expected["Cache-Control"]
    assert response["Expires"] == expected["Expires"]
