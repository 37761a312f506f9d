"""Network managers approve and decline join requests in the admin (``members.network_admin``).

A manager sees the requests of the networks they manage; superusers see every network's.
"""

import pytest

from members.models import NetworkMembership
from tests.factories import NetworkFactory, UserFactory, network_manager, with_second_factor

pytestmark = pytest.mark.django_db

QUEUE = "/admin/netwerk-aanvragen/"


def _membership(user, network, **fields):
    return NetworkMembership.objects.create(user=user, network=network, **fields)


@pytest.fixture
def networks(db):
    return (
        NetworkFactory(name="Netwerk Bedrijfsvoering", slug="netwerk-bedrijfsvoering"),
        NetworkFactory(name="Netwerk Sociaal Domein", slug="netwerk-sociaal-domein"),
    )


@pytest.fixture
def manager(networks):
    return with_second_factor(network_manager(networks[0]))


@pytest.fixture
def requests(networks):
    own = _membership(UserFactory(first_name="Anouk", last_name="de Vries"), networks[0])
    second = _membership(UserFactory(first_name="Sanne", last_name="Bakker"), networks[0])
    foreign = _membership(UserFactory(first_name="Karel", last_name="Smit"), networks[1])
    return own, second, foreign


def test_manager_sees_only_the_requests_of_their_networks(client, manager, requests):
    client.force_login(manager)
    html = client.get(QUEUE).content.decode()
    assert "Anouk de Vries" in html
    assert "Sanne Bakker" in html
    assert "Karel Smit" not in html
    assert "Netwerkaanvragen (2)" in client.get("/admin/").content.decode()


def test_manager_approves_and_declines(client, manager, requests):
    own, second, foreign = requests
    client.force_login(manager)
    approved = client.post(f"{QUEUE}{own.pk}/", {"decision": "approve"}, follow=True)
    assert "Anouk de Vries is nu lid van Netwerk Bedrijfsvoering." in approved.content.decode()
    own.refresh_from_db()
    assert own.is_approved
    assert own.decided_by == manager

    client.post(f"{QUEUE}{second.pk}/", {"decision": "decline"})
    assert not NetworkMembership.objects.filter(pk=second.pk).exists()

    assert client.post(f"{QUEUE}{foreign.pk}/", {"decision": "approve"}).status_code == 404
    foreign.refresh_from_db()
    assert not foreign.is_approved

    decided = client.get(f"{QUEUE}?toon=goedgekeurd").content.decode()
    assert "Anouk de Vries" in decided


def test_a_superuser_sees_every_networks_requests(client, requests):
    admin = with_second_factor(UserFactory(is_staff=True, is_superuser=True))
    client.force_login(admin)
    html = client.get(QUEUE).content.decode()
    assert "Anouk de Vries" in html
    assert "Karel Smit" in html


def test_a_member_who_manages_nothing_has_no_queue(client, networks, requests):
    member = with_second_factor(UserFactory())
    _membership(member, networks[0], status=NetworkMembership.Status.APPROVED)
    client.force_login(member)
    assert client.get(QUEUE).status_code in (302, 403)
    assert client.post(f"{QUEUE}{requests[0].pk}/", {"decision": "approve"}).status_code in (
        302,
        403,
    )
    requests[0].refresh_from_db()
    assert not requests[0].is_approved
