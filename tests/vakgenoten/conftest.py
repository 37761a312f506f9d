"""Fixtures for the site-layer tests: a private Redis server for the shared page cache."""

import pytest

from tests.redis_server import start_redis, stop_redis


@pytest.fixture(scope="session")
def redis_url():
    """The URL of a Redis server of this test session's own (``tests/redis_server.py``)."""
    process, url = start_redis()
    yield url
    stop_redis(process)
