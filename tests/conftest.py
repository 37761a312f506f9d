"""Fixtures shared by every test: a site with a home page, members and editors."""

import pytest

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches

from tests.factories import UserFactory


def pytest_collection_modifyitems(items):
    """Browser tests run last, after every in-process test, and carry the browser marker."""
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: "/browser/" in str(item.fspath))


@pytest.fixture(autouse=True)
def _clear_cache():
    # A transactional test flushes the database and recreates content types under new ids;
    # Django's in-process content-type cache would still hand out the old ones.
    ContentType.objects.clear_cache()
    for alias in caches:
        caches[alias].clear()
    yield
    for alias in caches:
        caches[alias].clear()


@pytest.fixture
def home_page(db):
    """The demo site layer: home page, fixed pages and site settings, as load_demo builds it."""
    from vakgenoten import demo

    return demo.load()


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
