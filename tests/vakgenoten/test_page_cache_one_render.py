"""Requests for one address that miss the page cache together are rendered once: the first
renders the page, the others wait for what it stores (``vakgenoten.cache.wait_for_page``).

A newsletter or a post links a new article, and hundreds of visitors open it within the same
seconds; before this, every one of them that came in before the first render was stored
rendered it again, each with its twenty-odd queries.
"""

import threading
import time

import pytest

from django.core.cache import caches
from django.test import Client

from tests.vakgenoten.test_page_front import PATH, Site, site  # noqa: F401
from vakgenoten.cache import (
    done_rendering,
    entry_key,
    purge_all,
    rendering_key,
    unkept_key,
    wait_for_page,
)
from vakgenoten.models import StandardPage
from vakgenoten.page_front import PageCacheFront

pytestmark = pytest.mark.django_db


@pytest.fixture
def slow_render(monkeypatch):
    """Each render of a standard page takes a moment, and says when it started."""
    started = threading.Event()
    renders = []
    serve = StandardPage.serve

    def slowly(page, request, *args, **kwargs):
        renders.append(page.slug)
        started.set()
        time.sleep(0.3)
        return serve(page, request, *args, **kwargs)

    monkeypatch.setattr(StandardPage, "serve", slowly)
    return started, renders


def in_a_thread(get):
    """Runs ``get()`` beside the test, as a request on another worker; returns the thread
    and where its answer lands."""
    answer = {}
    thread = threading.Thread(target=lambda: answer.update(response=get()), daemon=True)
    thread.start()
    return thread, answer


def test_a_request_that_misses_while_the_page_is_rendered_gets_that_render(
    client, home_page, page_cache_on, slow_render
):
    started, renders = slow_render
    # The second visitor arrives while the first one's render is under way. It touches no
    # database on its way (the test's data lives in the test's own transaction).
    waiting, answer = in_a_thread(lambda: started.wait(10) and Client().get(PATH))
    first = client.get(PATH)
    waiting.join(10)

    second = answer["response"]
    assert (first.status_code, first["X-Page-Cache"]) == (200, "miss")
    assert (second.status_code, second["X-Page-Cache"]) == (200, "hit")
    assert second.content == first.content
    assert renders == ["over-vakgenoten"]
    assert caches["pages"].get(rendering_key(entry_key(first.wsgi_request))) is None


def test_a_render_that_stores_nothing_lets_the_waiting_requests_go_at_once(
    home_page, page_cache_on, rf
):
    cache = caches["pages"]
    key = entry_key(rf.get(PATH))
    cache.add(rendering_key(key), 1, 60)  # another worker renders the page
    # ... and stores nothing (a purge meanwhile, a cookie in its answer).
    threading.Timer(0.1, lambda: done_rendering(cache, key, keepable=False)).start()
    began = time.monotonic()
    assert wait_for_page(cache, key) is None
    assert time.monotonic() - began < 1  # not the whole PAGE_CACHE_WAIT_SECONDS (5)


def test_an_address_whose_page_is_not_kept_is_not_waited_for(client, home_page, page_cache_on):
    """A 404 (or a page with a form that sets a cookie) is never stored: requests for it
    that come together render side by side instead of queueing behind each other."""
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    cache = caches["pages"]
    key = entry_key(response.wsgi_request)
    assert cache.get(rendering_key(key)) is None
    cache.add(rendering_key(key), 1, 60)  # the next one renders it now
    began = time.monotonic()
    assert wait_for_page(cache, key) is None
    assert time.monotonic() - began < 0.1


def test_a_render_that_takes_too_long_is_not_waited_for(home_page, page_cache_on, rf):
    page_cache_on.PAGE_CACHE_WAIT_SECONDS = 0.2
    cache = caches["pages"]
    key = entry_key(rf.get(PATH))
    cache.add(rendering_key(key), 1, 60)  # a worker that died while rendering
    began = time.monotonic()
    assert wait_for_page(cache, key) is None
    assert time.monotonic() - began < 1


def test_through_the_front_the_waiting_requests_go_once_the_front_has_stored_the_page(
    site,  # noqa: F811
    monkeypatch,
    rf,
):
    """In production the front stores the page, after every layer added its headers: the
    rendering ends only then, or the waiting would find nothing and render after all."""
    key = entry_key(rf.get(PATH, HTTP_ACCEPT_ENCODING="gzip, deflate, br"))
    while_storing = []
    store = PageCacheFront.store

    def noting(front, *args):
        while_storing.append(caches["pages"].get(rendering_key(key)))
        return store(front, *args)

    monkeypatch.setattr(PageCacheFront, "store", noting)
    status, headers, _body = site.get()
    assert (status, headers["X-Page-Cache"]) == (200, "miss")
    assert while_storing == [1]
    assert caches["pages"].get(rendering_key(key)) is None
    assert site.get()[1]["X-Page-Cache"] == "hit"


def test_with_no_wait_set_a_request_renders_while_another_renders_too(
    client, home_page, page_cache_on, rf, monkeypatch
):
    page_cache_on.PAGE_CACHE_WAIT_SECONDS = 0
    caches["pages"].add(rendering_key(entry_key(rf.get(PATH))), 1, 60)  # another worker's

    def never(*args):
        raise AssertionError("waited for another render")

    monkeypatch.setattr("vakgenoten.cache.wait_for_page", never)
    response = client.get(PATH)
    assert (response.status_code, response["X-Page-Cache"]) == (200, "miss")


def test_a_revalidation_answered_with_304_does_not_stop_the_waiting(
    client, home_page, page_cache_on
):
    """A browser's copy checked after a purge (304, nothing stored) says nothing about whether
    the page can be kept: the next requests that miss together still wait for one render."""
    first = client.get(PATH)
    purge_all()
    again = client.get(PATH, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    key = entry_key(again.wsgi_request)
    assert caches["pages"].get(unkept_key(key)) is None
    assert caches["pages"].get(rendering_key(key)) is None
