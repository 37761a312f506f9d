"""Fixtures for the events tests: the agenda page and a helper that makes events."""

import itertools
from datetime import timedelta

import pytest

from django.utils import timezone

from tests.factories import NetworkFactory

_slugs = itertools.count(1)


@pytest.fixture
def agenda(home_page):
    from events.models import EventIndexPage

    index = home_page.add_child(
        instance=EventIndexPage(title="Agenda", slug="agenda", show_in_menus=True)
    )
    index.save_revision().publish()
    return index


@pytest.fixture
def network(db):
    return NetworkFactory(name="Netwerk Bedrijfsvoering", slug="netwerk-bedrijfsvoering")


@pytest.fixture
def make_event(agenda, network):
    """Publish an event under the agenda; starts in 10 days unless told otherwise."""
    from events.models import EventPage

    def make(**fields):
        number = next(_slugs)
        start = fields.pop("start", timezone.now() + timedelta(days=10))
        values = {
            "title": f"Ledendag {number}",
            "slug": f"ledendag-{number}",
            "kind": "ledendag",
            "intro": "Een dag vol ontmoetingen met collega's uit andere gemeenten.",
            "start": start,
            "end": start + timedelta(hours=6),
            "venue_name": "Stadskantoor Lindenholt",
            "venue_address": "Marktplein 1\n6541 CD Lindenholt",
            "organiser_network": network,
        }
        values.update(fields)
        themes = values.pop("themes", [])
        event = EventPage(**values)
        event.themes = themes
        agenda.add_child(instance=event)
        event.save_revision().publish()
        event.refresh_from_db()
        return event

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
