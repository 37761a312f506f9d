"""A request reads the cache generations once, however many parts its page asks for, and a
purge made during the request is seen at once (``vakgenoten.cache``)."""

from django.http import HttpResponse
from django.test import RequestFactory

from vakgenoten import cache as page_cache_module
from vakgenoten.cache import CachedSiteMiddleware, cached_part, current_generations, purge_pages


class CountingCache:
    """The pages cache, counting the round trips for generations."""

    def __init__(self, cache):
        self.cache = cache
        self.reads = 0

    def get_many(self, keys):
        self.reads += 1
        return self.cache.get_many(keys)


def test_generations_are_read_once_per_request_and_a_purge_is_seen(settings):
    settings.PAGE_CACHE_SECONDS = 300
    counting = CountingCache(page_cache_module.page_cache())
    seen = {}

    def view(request):
        seen["first"] = current_generations(counting, page_id=41)
        for _ in range(5):
            current_generations(counting, page_id=41)
        seen["reads"] = counting.reads
        purge_pages([41])
        seen["after purge"] = current_generations(counting, page_id=41)
        seen["parts"] = [cached_part("deel", lambda: "inhoud", page_id=41) for _ in range(3)]
        return HttpResponse("ok")

    CachedSiteMiddleware(view)(RequestFactory().get("/"))
    assert seen["reads"] == 1
    assert seen["after purge"][1] == seen["first"][1] + 1
    assert seen["parts"] == ["inhoud"] * 3
    # Outside a request nothing is remembered: every call asks the cache.
    before = counting.reads
    current_generations(counting, page_id=41)
    current_generations(counting, page_id=41)
    assert counting.reads == before + 2


def test_a_stored_page_is_checked_against_its_own_generations_whatever_the_hint(settings):
    """``stored_page`` takes a worker's hint of which page an address belongs to, to read entry and
    generations at once; a wrong or missing hint costs a round trip, never a stale page."""
    from vakgenoten.cache import current_generations, stored_page

    settings.PAGE_CACHE_SECONDS = 300
    cache = page_cache_module.page_cache()
    entry = {"page_id": 7, "generations": current_generations(cache, 7), "content": b"x"}
    cache.set("pagecache:test:hint", entry, 60)
    for hint in (None, 7, 8):
        page_cache_module._page_of_entry.pop("pagecache:test:hint", None)
        if hint is not None:
            page_cache_module._page_of_entry["pagecache:test:hint"] = hint
        assert stored_page(cache, "pagecache:test:hint") == entry
    purge_pages([7])
    for hint in (None, 7, 8):
        page_cache_module._page_of_entry.pop("pagecache:test:hint", None)
        if hint is not None:
            page_cache_module._page_of_entry["pagecache:test:hint"] = hint
        assert stored_page(cache, "pagecache:test:hint") is None
