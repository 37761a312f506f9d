"""The snippet texts under a page of search results come from the shared cache together
(``vakgenoten.cache.cached_page_parts``): the round trips to the cache do not grow with the
number of results or of result pages, cold or warm."""

import pytest

from django.core.cache import caches

from tests.blog.factories import make_article
from tests.performance.test_signed_in_article_reads_its_parts_at_once import RoundTrips

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_trips(settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 600
    return RoundTrips(monkeypatch, caches[settings.PAGE_CACHE_ALIAS])


def search_costs(client, round_trips, query, page):
    """The cache round trips of the first (cold) and the second (warm) visit to a page."""
    costs = []
    for _ in range(2):
        round_trips.calls.clear()
        response = client.get("/zoeken/", {"q": query, "page": page})
        assert response.status_code == 200
        assert all(item.snippet for item in response.context["search"].items)
        costs.append(len(round_trips.calls))
    return costs


def test_search_snippets_cost_the_same_round_trips_for_3_or_25_results(
    client, blog_index, round_trips
):
    for number in range(3):
        make_article(blog_index, title=f"Dijkversterking deel {number}", intro="Over dijken.")
    for number in range(25):
        make_article(blog_index, title=f"Regenwaterbeleid deel {number}", intro="Over regen.")
    client.get("/zoeken/", {"q": "iets"})  # the site and its settings, as on a running site

    few = search_costs(client, round_trips, "dijkversterking", 1)
    many = [search_costs(client, round_trips, "regenwaterbeleid", page) for page in (1, 2, 3)]

    # The first page of each search costs the same; later pages no more (they look for no
    # promotions: one round trip less when cold).
    assert many[0] == few, (few, many)
    assert all(c <= f for costs in many[1:] for c, f in zip(costs, few, strict=True)), (few, many)
    cold, warm = few
    # Warm: the site-wide generation, the site's parts, the results' generations, their texts.
    # Cold: the texts are made once and kept with the other parts when the request ends; the
    # searches with promotions and this search's organisations and collaborations are read
    # apart, once. (Before the texts were read through the request's generations: 7 cold.)
    assert warm <= 4 and cold <= 6, round_trips.calls
