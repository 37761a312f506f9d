"""The list of searches that found nothing counts readers, not requests: one visitor repeating
a term counts once a day, and one visitor cannot fill the list with made-up terms."""

import pytest

from django.test import Client

from blog.models import ZeroResultSearch

pytestmark = pytest.mark.django_db


def test_visitor_repeating_a_search_counts_once(client, blog_index):
    for _ in range(30):
        client.get("/zoeken/", {"q": "parkeervergunning buitenland"})
    assert list(ZeroResultSearch.objects.values_list("query", "hits")) == [
        ("parkeervergunning buitenland", 1)
    ]


def test_visitor_cannot_fill_the_list_with_made_up_terms(client, blog_index, settings):
    amount = settings.SITE_RATE_LIMITS["search_log"][0]
    for number in range(amount + 30):
        response = client.get(
            "/zoeken/", {"q": f"onzin woord{'x' * (number % 7)} {chr(97 + number % 26)}"}
        )
        assert response.status_code == 200
    assert ZeroResultSearch.objects.count() == amount


def test_different_readers_searching_the_same_term_all_count(blog_index):
    for number in range(3):
        Client(REMOTE_ADDR=f"192.0.2.{number + 1}").get("/zoeken/", {"q": "hondenbelasting"})
    assert ZeroResultSearch.objects.get().hits == 3


def test_repeating_one_term_leaves_the_hourly_budget_for_new_terms(client, blog_index, settings):
    """A repeat is not counted, so it costs no part of the visitor's budget of terms an hour
    (and the search skips the limit's locked writes: ``limits.used_up``)."""
    amount = settings.SITE_RATE_LIMITS["search_log"][0]
    for _ in range(amount + 1):
        client.get("/zoeken/", {"q": "parkeervergunning buitenland"})
    client.get("/zoeken/", {"q": "hondenbelasting buitenland"})
    assert sorted(ZeroResultSearch.objects.values_list("query", "hits")) == [
        ("hondenbelasting buitenland", 1),
        ("parkeervergunning buitenland", 1),
    ]
