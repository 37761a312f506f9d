"""Sign-up takes as long for an address that has an account as for a new one.

The answer was already the same page; the probe told them apart by time (median 34 ms against
379 ms), because only a new account had its password hashed. The password hasher is the only
slow step, so the test counts its work on both paths: once each.
"""

import pytest

from django.contrib.auth.hashers import MD5PasswordHasher

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class CountingHasher(MD5PasswordHasher):
    """A real hasher that counts how often it hashes (the slow work in production)."""

    algorithm = "counted_md5"
    hashed = 0

    def encode(self, password, salt):
        CountingHasher.hashed += 1
        return super().encode(password, salt)


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.hashed = 0
    return CountingHasher


def hashes_during(sign_up, client, email, hasher):
    client.cookies.clear()
    before = hasher.hashed
    response = sign_up(email=email)
    assert response["Location"] == "/accounts/confirm-email/"
    return hasher.hashed - before


def test_a_taken_address_costs_the_same_hashing_as_a_new_one(client, sign_up, counting_hasher):
    member = UserFactory()
    taken = hashes_during(sign_up, client, member.email, counting_hasher)
    fresh = hashes_during(sign_up, client, "nieuw@oosterdijk.example", counting_hasher)
    assert taken == fresh >= 1
