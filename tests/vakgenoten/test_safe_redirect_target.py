"""One check decides whether a visitor's ``next`` (or Referer) may be followed:
``vakgenoten.links.safe_redirect_target``. Every view that redirects to such an address uses it;
tests/security/test_open_redirects.py walks those views."""

import pytest

from django.test import RequestFactory

from vakgenoten.links import safe_redirect_target

HOSTILE = [
    "https://evil.example/",
    "http://evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "https:\\\\evil.example",
    "https://testserver@evil.example/",
    "https://testserver.evil.example/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    " //evil.example",
    "\t//evil.example",
]


@pytest.fixture
def https_request():
    return RequestFactory().get("/", secure=True, HTTP_HOST="testserver")


@pytest.mark.parametrize("target", HOSTILE)
def test_an_address_off_this_site_falls_back(https_request, target):
    assert safe_redirect_target(https_request, target, "/terug/") == "/terug/"


@pytest.mark.parametrize(
    "target", ["/kennisbank/", "/zoeken/?q=afval#top", "https://testserver/a/"]
)
def test_an_address_on_this_site_is_kept(https_request, target):
    assert safe_redirect_target(https_request, target, "/terug/") == target


def test_an_https_request_is_never_sent_to_plain_http_on_the_same_host(https_request):
    assert safe_redirect_target(https_request, "http://testserver/a/", "/terug/") == "/terug/"
    plain = RequestFactory().get("/", HTTP_HOST="testserver")
    assert safe_redirect_target(plain, "http://testserver/a/", "/terug/") == "http://testserver/a/"


@pytest.mark.parametrize("target", [None, ""])
def test_no_address_falls_back_and_the_default_fallback_is_empty(https_request, target):
    assert safe_redirect_target(https_request, target, "/terug/") == "/terug/"
    assert safe_redirect_target(https_request, target) == ""
