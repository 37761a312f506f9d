"""A CDN or caching proxy is purged on publish when, and only when, its variables are set."""

import importlib

import pytest

CACHE_VARIABLES = [
    "FRONTEND_CACHE_PURGE_URL",
    "FRONTEND_CACHE_HOSTNAMES",
    "CLOUDFLARE_ZONE_ID",
    "CLOUDFLARE_API_TOKEN",
    "CLOUDFRONT_DISTRIBUTION_ID",
]


@pytest.fixture
def base_settings(monkeypatch):
    """Read site/settings/base.py again under the environment the test sets up."""
    for name in CACHE_VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def load(**environment):
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        from vakgenoten.settings import base

        return importlib.reload(base)

    yield load
    monkeypatch.undo()
    from vakgenoten.settings import base

    importlib.reload(base)


def test_frontend_cache_is_off_without_variables(base_settings):
    settings = base_settings()
    assert settings.WAGTAILFRONTENDCACHE == {}
    assert "wagtail.contrib.frontend_cache" not in settings.INSTALLED_APPS


def test_purge_url_configures_the_http_backend(base_settings):
    settings = base_settings(
        FRONTEND_CACHE_PURGE_URL="http://10.0.0.5:6081",
        FRONTEND_CACHE_HOSTNAMES="vakgenoten.nl, www.vakgenoten.nl",
    )
    assert settings.WAGTAILFRONTENDCACHE == {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://10.0.0.5:6081",
            "HOSTNAMES": ["vakgenoten.nl", "www.vakgenoten.nl"],
        }
    }
    assert "wagtail.contrib.frontend_cache" in settings.INSTALLED_APPS


def test_cloudflare_and_cloudfront_are_configured_from_their_variables(base_settings):
    settings = base_settings(
        CLOUDFLARE_ZONE_ID="zone-123",
        CLOUDFLARE_API_TOKEN="token-abc",
        CLOUDFRONT_DISTRIBUTION_ID="E2EXAMPLE",
    )
    assert settings.WAGTAILFRONTENDCACHE["cloudflare"] == {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": "zone-123",
        "BEARER_TOKEN": "token-abc",
    }
    assert settings.WAGTAILFRONTENDCACHE["cloudfront"]["DISTRIBUTION_ID"] == "E2EXAMPLE"


def test_configured_backends_are_what_wagtail_purges_with(base_settings):
    from wagtail.contrib.frontend_cache.backends import HTTPBackend
    from wagtail.contrib.frontend_cache.utils import get_backends

    settings = base_settings(FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:6081")
    backends = get_backends(backend_settings=settings.WAGTAILFRONTENDCACHE)
    assert isinstance(backends["proxy"], HTTPBackend)
