"""Limits count per real visitor behind the reverse proxy, and a visitor cannot pick an address.

Behind the proxy every request comes from the proxy's address; the probe's 20 failed logins a
minute from one visitor made the right password fail for everyone. With TRUSTED_PROXY_COUNT
(settings: ALLAUTH_TRUSTED_PROXY_COUNT) the visitor is the address the proxy added to
X-Forwarded-For, and an address a visitor wrote there themselves is ignored.
"""

import pytest

from django.test import Client

from tests.factories import UserFactory
from vakgenoten import limits

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"
PROXY = "127.0.0.1"


def through_proxy(forwarded_for):
    """A browser behind nginx: the connection is the proxy's, the header names the visitor."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def guess(client, number):
    return client.post(
        "/accounts/login/", {"login": f"onbekend{number}@elders.example", "password": "fout-123"}
    )


def signs_in(client, member):
    client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    return "_auth_user_id" in client.session


@pytest.fixture
def one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def test_a_guessing_visitor_behind_the_proxy_does_not_lock_out_others(one_proxy, home_page):
    guesser = through_proxy("198.51.100.20")
    responses = [guess(guesser, number) for number in range(20)]
    assert "Te veel inlogpogingen" in responses[-1].content.decode()
    assert signs_in(through_proxy("203.0.113.5"), UserFactory())


def test_an_address_the_visitor_wrote_in_the_header_does_not_escape_the_limit(one_proxy, home_page):
    member = UserFactory()
    for number in range(20):
        # Each request claims another address; nginx appends the real one at the end.
        guess(through_proxy(f"192.0.2.{number}, 198.51.100.20"), number)
    assert not signs_in(through_proxy("192.0.2.99, 198.51.100.20"), member)


def test_without_a_proxy_the_header_is_ignored(rf, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert limits.client_ip(request) == "203.0.113.9"


def test_a_request_that_skipped_a_proxy_counts_under_its_peer(rf, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert limits.client_ip(request) == "203.0.113.9"
    response = Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="192.0.2.1").get(
        "/accounts/login/"
    )
    assert response.status_code == 200


def test_an_ipv6_visitor_counts_by_network_not_by_address(rf, settings):
    settings.SITE_RATE_LIMITS = {"proef": (2, 60)}
    first = rf.post("/", REMOTE_ADDR="2001:db8:1:2::10")
    second = rf.post("/", REMOTE_ADDR="2001:db8:1:2:ffff::99")
    elsewhere = rf.post("/", REMOTE_ADDR="2001:db8:1:3::10")
    assert limits.allow(first, "proef") and limits.allow(second, "proef")
    assert not limits.allow(rf.post("/", REMOTE_ADDR="2001:db8:1:2::abcd"), "proef")
    assert limits.allow(elsewhere, "proef")
