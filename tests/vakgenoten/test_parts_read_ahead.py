"""A request reads ahead, in one round trip, the parts its address asked for last time
(``vakgenoten.cache._prefetch``); what it reads ahead is only ever served under the
generations current in the request, and a part the hint did not name is read as before."""

from django.http import HttpResponse
from django.test import RequestFactory

from vakgenoten import cache as page_cache_module
from vakgenoten.cache import CachedSiteMiddleware, cached_part, cached_parts, purge_pages


class CountingCache:
    """The pages cache, counting its reads (each one a round trip to Redis)."""

    def __init__(self, monkeypatch):
        cache = page_cache_module.page_cache()
        self.reads = 0
        get_many = cache.get_many

        def counted(keys):
            self.reads += 1
            return get_many(keys)

        monkeypatch.setattr(cache, "get_many", counted)


def serve(path, view):
    return CachedSiteMiddleware(view)(RequestFactory().get(path))


def test_the_parts_an_address_asked_for_are_read_in_two_round_trips(settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 300
    counting = CountingCache(monkeypatch)
    made = []

    def view(request):
        values = [
            cached_part(f"deel-{number}", lambda n=number: made.append(n) or f"inhoud {n}", 51)
            for number in range(6)
        ]
        values.append(cached_part("menu", lambda: "menu"))
        values.append(cached_part("eigen", lambda: "van lid 9", 51, member_id=9))
        return HttpResponse(" | ".join(values))

    first = serve("/artikel/", view)
    assert len(made) == 6
    counting.reads = 0
    second = serve("/artikel/", view)
    assert second.content == first.content
    assert len(made) == 6  # nothing rendered again
    # Generations, then every shared part; the member's generation, then their part.
    assert counting.reads == 4


def test_a_purge_during_the_request_is_not_answered_from_what_was_read_ahead(settings):
    settings.PAGE_CACHE_SECONDS = 300
    version = {"text": "oud"}
    seen = []

    def view(request):
        cached_part("kop", lambda: "kop", 52)  # reads the whole hint ahead
        if request.GET.get("wijzig"):
            version["text"] = "nieuw"
            purge_pages([52])
        seen.append(cached_part("tekst", lambda: version["text"], 52))
        return HttpResponse()

    serve("/pagina/", view)
    serve("/pagina/", view)
    serve("/pagina/?wijzig=1", view)
    serve("/pagina/", view)
    assert seen == ["oud", "oud", "nieuw", "nieuw"]


def test_a_part_the_hint_did_not_name_and_one_named_in_vain_are_both_fine(settings):
    settings.PAGE_CACHE_SECONDS = 300
    asked = {"names": ["a", "b"]}
    seen = []

    def view(request):
        parts = cached_parts({name: (lambda n=name: n.upper()) for name in asked["names"]}, 53)
        seen.append(parts)
        return HttpResponse()

    serve("/x/", view)
    asked["names"] = ["b", "c"]  # "a" named in vain, "c" new
    serve("/x/", view)
    serve("/x/", view)
    assert seen == [{"a": "A", "b": "B"}, {"b": "B", "c": "C"}, {"b": "B", "c": "C"}]


def test_the_parts_a_request_makes_are_stored_in_one_round_trip_when_it_ends(settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 300
    cache = page_cache_module.page_cache()
    stores = []
    set_many = cache.set_many

    def counted(values, timeout):
        stores.append(sorted(values))
        return set_many(values, timeout)

    monkeypatch.setattr(cache, "set_many", counted)

    def view(request):
        for number in range(6):
            cached_part(f"deel-{number}", lambda n=number: f"inhoud {n}", 54)
        assert cached_part("deel-0", lambda: "niet opnieuw", 54) == "inhoud 0"
        cached_part("eigen", lambda: "van lid 9", 54, member_id=9)
        assert not stores  # nothing stored while the page is made
        return HttpResponse()

    serve("/nieuw/", view)
    assert len(stores) == 1 and len(stores[0]) == 7
    made = []
    serve("/nieuw/", lambda request: HttpResponse(cached_part("deel-3", made.append, 54)))
    assert made == []  # kept: read, not made again


def test_the_hint_keeps_a_bounded_number_of_addresses(settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 300
    monkeypatch.setattr(page_cache_module, "PATH_PART_HINTS", 3)
    monkeypatch.setattr(page_cache_module, "_parts_of_path", {})
    for number in range(5):
        serve(f"/adres-{number}/", lambda request: HttpResponse(cached_part("deel", str)))
    assert list(page_cache_module._parts_of_path) == ["/adres-2/", "/adres-3/", "/adres-4/"]
