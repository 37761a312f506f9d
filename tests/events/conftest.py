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
