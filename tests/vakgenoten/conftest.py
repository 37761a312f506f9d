"""Fixtures for the site-layer tests: a private Redis server for the shared page cache, the
page cache on it, and a page deep in the tree."""

import pytest

from django.core.cache import caches

from tests.redis_server import start_redis, stop_redis
from vakgenoten.models import StandardPage


@pytest.fixture(scope="session")
def redis_url():
    """The URL of a Redis server of this test session's own (``tests/redis_server.py``)."""
    process, url = start_redis()
    yield url
    stop_redis(process)


@pytest.fixture
def deep_page(home_page):
    """/over-vakgenoten/werkgroepen/: deep enough for HomePage.route's lookup by path."""
    about = StandardPage.objects.get(slug="over-vakgenoten")
    child = about.add_child(instance=StandardPage(title="Werkgroepen", slug="werkgroepen"))
    child.save_revision().publish()
    return StandardPage.objects.get(pk=child.pk)


@pytest.fixture
def pages_in_redis(settings, redis_url):
    """The page cache on a real Redis of the tests' own, as every production worker has it:
    in a test's threads each gets a connection of its own, as separate processes would."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "vakgenoten.cache_backends.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "vakgenoten",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    yield settings
    caches["pages"].clear()
