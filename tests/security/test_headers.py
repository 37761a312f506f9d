"""The public site's response headers meet the internet.nl web test; the admin has its own.

Checked on a page of every kind a visitor meets before and after signing in: Wagtail pages,
Django views, allauth's forms, a 404 and a plain-text file. HSTS is only sent over HTTPS with the
production settings, so that one is checked in a production process of its own.
"""

import pytest

from tests.settings_process import PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/privacyverklaring/",
    "/zoeken/?q=omgevingswet",
    "/accounts/login/",
    "/accounts/signup/",
    "/probleem-melden/",
    "/bestaat-niet/",
    "/.well-known/security.txt",
]
REQUIRED = {
    "default-src": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "object-src": "'none'",
}
FORBIDDEN = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:", "https:")


def policy(header):
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def standard_pages(home_page):
    from vakgenoten import demo

    demo.load_standard_pages(home_page)


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_send_a_strict_policy_and_the_other_headers(client, standard_pages, path):
    response = client.get(path)
    assert response.status_code in (200, 404), path
    directives = policy(response["Content-Security-Policy"])
    for name, source in REQUIRED.items():
        assert directives.get(name) == [source], (path, name, directives.get(name))
    for name, sources in directives.items():
        assert not set(sources) & set(FORBIDDEN), (path, name, sources)
    assert directives["style-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert_strict_permissions_policy(response)


def assert_strict_permissions_policy(response):
    """Camera, microphone, location and the like are off; nothing is granted to other sites."""
    features = dict(
        item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert features[feature] == "()", feature
    assert all(value in ("()", "(self)") for value in features.values()), features


def test_cached_pages_and_static_files_carry_the_permissions_policy(
    client, standard_pages, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    client.get("/privacyverklaring/")
    cached = client.get("/privacyverklaring/")
    assert cached["X-Page-Cache"] == "hit"
    assert_strict_permissions_policy(cached)
    assert_strict_permissions_policy(client.get("/admin/login/"))


def test_production_sends_hsts_of_at_least_a_year_with_subdomains():
    script = (
        "from django.test import Client;"
        "r = Client().get('/healthz', secure=True, HTTP_HOST='vakgenoten.example');"
        "print(r.status_code, r['Strict-Transport-Security'])"
    )
    result = run_manage(
        "vakgenoten.settings.production", "shell", "-c", script, extra_env=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stderr
    status, header = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert status == "200"
    values = dict(item.strip().partition("=")[::2] for item in header.split(";"))
    assert int(values["max-age"]) >= 365 * 24 * 3600
    assert "includeSubDomains" in values
