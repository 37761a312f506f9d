"""Fixtures for the events tests: an organising network and a helper that makes events."""

import pytest

from tests.factories import EventPageFactory, NetworkFactory


@pytest.fixture
def network(db):
    return NetworkFactory(name="Netwerk Bedrijfsvoering", slug="netwerk-bedrijfsvoering")


@pytest.fixture
def make_event(agenda, network):
    """Publish an event under the agenda, organised by ``network``; starts in 10 days unless
    told otherwise (``tests.factories.EventPageFactory``)."""

    def make(**fields):
        fields.setdefault("organiser_network", network)
        return EventPageFactory(parent=agenda, **fields)

    return make


@pytest.fixture
def event(make_event):
    return make_event(title="Congres Samen Digitaal", slug="congres-samen-digitaal", capacity=50)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what waits for a commit (the outbox delivering e-mail) inside the test."""

    def runner():
        return django_capture_on_commit_callbacks(execute=True)

    return runner


@pytest.fixture
def make_organiser(agenda):
    """An organiser (the "Organisatoren" group, a second factor for the admin), an approved
    manager of the given networks and working for ``organisation`` when given."""
    from django.contrib.auth.models import Group

    from events.groups import ORGANISERS, setup_organiser_group
    from members.models import NetworkMembership
    from tests.factories import UserFactory
    from tests.factories.members import with_second_factor

    def make(*networks, organisation=None, **fields):
        setup_organiser_group()
        fields.setdefault("first_name", "Olga")
        fields.setdefault("last_name", "Organisator")
        user = UserFactory(**fields)
        user.groups.add(Group.objects.get(name=ORGANISERS))
        for managed in networks:
            NetworkMembership.objects.create(
                user=user,
                network=managed,
                status=NetworkMembership.Status.APPROVED,
                role=NetworkMembership.Role.MANAGER,
            )
        if organisation is not None:
            user.profile.organisation = organisation
            user.profile.save()
        return with_second_factor(user)

    return make


@pytest.fixture
def organiser(make_organiser, network):
    """An organiser who manages ``network``, the network of the ``event`` fixture."""
    return make_organiser(network)


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture
def other_network(db):
    return NetworkFactory(name="Netwerk Sociaal Domein", slug="netwerk-sociaal-domein")


@pytest.fixture
def other_event(make_event, other_network):
    """An event of another network: the ``organiser`` may not touch it."""
    return make_event(
        title="Ledendag Sociaal Domein",
        slug="ledendag-sociaal-domein",
        organiser_network=other_network,
        capacity=20,
    )
