"""Fixtures for the site-layer tests: a private Redis server for the shared page cache, and a
page deep in the tree."""

import pytest

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
