"""Fixtures shared by every test: a site with a home page, members and editors."""

import io

import pytest

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone, translation

from tests.demo_rows import NotedLoad, demo_home_page
from tests.factories import (
    BlogIndexPageFactory,
    EditorFactory,
    EventIndexPageFactory,
    UserFactory,
)
from tests.module_data import kept_for_the_module


def _in_browser(item):
    return "/browser/" in str(item.fspath)


def _file_order(item):
    """Where a test stands in its file: path, line, then its place among the parameters."""
    parameters = tuple(item.callspec.indices.values()) if hasattr(item, "callspec") else ()
    return (str(item.fspath), item.location[1] or 0, parameters)


def pytest_collection_modifyitems(items):
    """Browser tests run last, after every in-process test, in file order, and carry the browser
    marker. The in-process tests stay shuffled (pytest-randomly); the browser tests share one
    live server and one SQLite file, and a shuffled order let one leave the database locked for
    the keyboard tests that followed it."""
    for item in items:
        if _in_browser(item):
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: (_in_browser(item), _in_browser(item) and _file_order(item)))


@pytest.fixture(autouse=True)
def _dutch_and_amsterdam():
    """Every test starts in the site's language and time zone, whatever ran before it.

    A request activates the visitor's language (LocaleMiddleware) and leaves it active in the
    thread afterwards; in random order a test that calls code directly would otherwise inherit
    the English of a test that browsed in English before it.
    """
    translation.activate(settings.LANGUAGE_CODE)
    timezone.deactivate()
    yield
    translation.activate(settings.LANGUAGE_CODE)
    timezone.deactivate()


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
    """The demo site layer: home page, fixed pages and site settings, as load_demo builds it
    (loaded once per run, its rows written per test: tests/demo_rows.py)."""
    return demo_home_page()


_TAXONOMY = NotedLoad(saves_files=True)  # the network logos
_LOAD_DEMO = NotedLoad(saves_files=True)


@pytest.fixture
def taxonomy(home_page):
    """The demo themes, organisations and networks (home/demo.py), loaded once per run and
    written per test (tests/demo_rows.py)."""
    from home import demo as home_demo

    _TAXONOMY(home_demo.load_shared)


@pytest.fixture
def blog_index(home_page, taxonomy):
    """The knowledge base, published under the home page, with the demo taxonomy to tag with."""
    return BlogIndexPageFactory(parent=home_page)


@pytest.fixture
def agenda(home_page):
    """The agenda (event index), published under the home page."""
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def editor(db):
    """A member of the Redactie group with a second factor: can open the admin and moderate."""
    return EditorFactory(first_name="Ria", last_name="Redacteur")


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    """``manage.py load_demo``, for a module that only reads the demo: each test starts from it
    (its own changes are rolled back) instead of loading it again. Run once per run, its rows
    written per module (tests/demo_rows.py)."""
    with kept_for_the_module(django_db_blocker):
        _LOAD_DEMO(lambda: call_command("load_demo", stdout=io.StringIO()))
        yield


@pytest.fixture
def page_cache_on(settings):
    """The production default: anonymous pages and shared page parts are cached (the test
    settings switch the page cache off; tests that need it ask for this)."""
    settings.PAGE_CACHE_SECONDS = 600
    return settings
