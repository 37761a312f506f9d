"""Only paths Wagtail's page view answers are looked up in the page cache: the others (health
probes, the yardstick, accounts, search) never store an entry, so a look-up would only cost a
round trip to Redis."""

import pytest

from vakgenoten.cache import may_be_a_page


@pytest.mark.parametrize("path", ["/", "/kennisbank/", "/kennisbank/een-artikel/"])
def test_wagtail_page_addresses_may_be_cached_pages(path):
    assert may_be_a_page(path)


@pytest.mark.parametrize(
    "path", ["/ping", "/healthz", "/zoeken/", "/accounts/login/", "/leden/", "/kennisbank"]
)
def test_other_addresses_are_never_looked_up(path):
    assert not may_be_a_page(path)
